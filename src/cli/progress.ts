/**
 * A one-line progress bar on stderr, shown only to a person watching a terminal: never when
 * stderr is a file or a pipe (logs stay clean), never for a handful of inputs.
 */

/** Fewer inputs than this finish too fast for a bar to help. */
export const PROGRESS_MIN_INPUTS = 4;
/** Redraws at most this often, so a fast run does not spend its time painting. */
export const PROGRESS_REDRAW_MS = 100;
const BAR_WIDTH = 24;

export interface Progress {
  update(state: { settled: number; failed: number; total: number }): void;
  /** Prints a line (an error) above the bar without garbling it. */
  log(line: string): void;
  /** Removes the bar. */
  done(): void;
}

export interface ProgressOptions {
  total: number;
  stream?: NodeJS.WriteStream;
  minInputs?: number;
  redrawMs?: number;
  now?: () => number;
}

export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const enabled = Boolean(stream.isTTY) && options.total >= (options.minInputs ?? PROGRESS_MIN_INPUTS);
  if (!enabled) {
    return { update() {}, log: (line) => void stream.write(`${line}\n`), done() {} };
  }
  const now = options.now ?? Date.now;
  const redrawMs = options.redrawMs ?? PROGRESS_REDRAW_MS;
  const started = now();
  let last = { settled: 0, failed: 0, total: options.total };
  let drawnAt = -Infinity;
  let visible = false;

  const render = () => {
    const { settled, failed, total } = last;
    const filled = total === 0 ? BAR_WIDTH : Math.round((settled / total) * BAR_WIDTH);
    const seconds = ((now() - started) / 1000).toFixed(1);
    const failures = failed > 0 ? `, ${failed} failed` : '';
    stream.write(`\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${settled}/${total}${failures} ${seconds}s`);
    visible = true;
    drawnAt = now();
  };
  const clear = () => {
    if (visible) stream.write('\r\x1b[2K');
    visible = false;
  };

  return {
    update(state) {
      last = state;
      if (state.settled === state.total || now() - drawnAt >= redrawMs) render();
    },
    log(line) {
      clear();
      stream.write(`${line}\n`);
      render();
    },
    done: clear,
  };
}
