/** A short advisory with a known set of entities (2+ agencies, 1 APT group, 1 CVE), numbered so each page is its own record. */
export function story(i: number): string {
  return `<!doctype html><html lang="en"><head><title>Advisory ${i}</title></head><body><article><h1>Advisory ${i}</h1>
<p>CISA and the FBI said on Monday that APT29 targeted energy companies in Germany in case ${i}, exploiting CVE-2024-3400.</p>
<p>Microsoft said the intrusion began with stolen credentials and that the group moved to email servers within days.</p></article></body></html>`;
}
