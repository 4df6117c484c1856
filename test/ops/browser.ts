/**
 * A real headless Chromium for the dashboard test: Debian's `chromium` package driven by
 * playwright-core. Where none is installed the test is skipped with a notice saying so
 * (`.ci/run` installs it).
 */
import { existsSync } from 'node:fs';

const CANDIDATES = [process.env.NEWSINT_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chromiumPath(): string | null {
  for (const path of CANDIDATES) if (path && existsSync(path)) return path;
  return null;
}

export function noBrowserNotice(): string {
  return 'SKIPPED: no Chromium found (apt-get install -y chromium, or set NEWSINT_CHROMIUM): the dashboard browser test did not run';
}
