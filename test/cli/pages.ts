/**
 * Small article pages for the CLI tests, written for them: each has a distinct title so a
 * test can tell which input a record came from.
 */

export function articlePage(title: string, options: { charset?: string; extra?: string } = {}): string {
  const meta = options.charset ? `<meta charset="${options.charset}">` : '<meta charset="utf-8">';
  return `<!doctype html>
<html lang="en"><head>${meta}<title>${title}</title></head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/about">About</a></nav>
<article>
<h1>${title}</h1>
<p>Investigators at a regional utility said on Tuesday that intruders had used a stolen contractor
account to reach a server that schedules maintenance for water treatment pumps.</p>
<p>The company said it found no sign that the attackers changed any settings, but it reset every
remote-access credential and asked its vendors to do the same before the end of the week.</p>
<p>${options.extra ?? 'A spokesperson declined to say how long the account had been misused.'}</p>
</article>
<footer>Copyright Example Newsroom</footer>
</body></html>`;
}
