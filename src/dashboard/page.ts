/**
 * The newsint dashboard page, rendered on the server from the pipeline overview: queues with
 * rates, workers, why jobs are delayed, failures with a retry button, schedules with their
 * last and next runs, and the latest records with their entities. No framework; a small
 * script (script.ts) refreshes the <main> part every few seconds.
 */
import { formatDuration } from '../config.js';
import type { FailureInfo, PipelineOverview, RecordSummary } from '../queue/overview.js';

export interface PageData {
  overview: PipelineOverview;
  failures: FailureInfo[];
  records: RecordSummary[];
  /** Echoed in every retry form; a POST without it is refused (no cross-site retries). */
  csrf: string;
  /** Query suffix that keeps the access token on links and forms (empty on loopback). */
  auth: string;
  /** A one-line notice after an action ("retried fetch job ..."). */
  notice?: string;
}

const ENTITY_LABELS: Record<string, string> = {
  aptGroups: 'APT groups',
  agencies: 'agencies',
  companies: 'companies',
  sectors: 'sectors',
  countries: 'countries',
  people: 'people',
  cves: 'CVEs',
  malware: 'malware',
  tools: 'tools',
  techniques: 'techniques',
  indicators: 'indicators',
  dates: 'dates',
};

export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const rate = (n: number) => (n === 0 ? '0' : n < 10 ? n.toFixed(1) : String(Math.round(n)));
const age = (ms: number | null) => (ms === null ? '–' : formatDuration(Math.max(1000, Math.round(ms / 1000) * 1000)));
const time = (iso: string | null) => (iso ? `<time datetime="${esc(iso)}">${esc(iso.replace('T', ' ').slice(0, 19))}Z</time>` : 'never');

function queuesTable(o: PipelineOverview): string {
  const rows = o.queues
    .map(
      (q) => `<tr data-queue="${q.name}">
  <th scope="row">${q.name}</th><td class="n waiting">${q.waiting}</td><td class="n active">${q.active}</td><td class="n delayed">${q.delayed}</td>
  <td class="n failed${q.failed > 0 ? ' bad' : ''}">${q.failed}</td><td class="n">${rate(q.completedPerMinute)}</td><td class="n">${rate(q.failedPerMinute)}</td>
  <td class="n">${q.completedTotal}</td><td class="n">${age(q.oldestWaitingMs)}</td><td class="n">${q.workers}</td></tr>`,
    )
    .join('\n');
  return `<table id="queues"><caption>Queues</caption>
<thead><tr><th>queue</th><th>waiting</th><th>active</th><th>delayed</th><th>failed</th><th title="jobs finished per minute, last 5 minutes">done/min</th><th title="jobs failed per minute, last 5 minutes">failed/min</th><th>done total</th><th>oldest waiting</th><th>workers</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

function workersAndDelays(o: PipelineOverview): string {
  const workers = o.workers.length
    ? o.workers.map((w) => `<li><code>${esc(w.name)}</code> serves ${esc(w.queues.join(', '))}</li>`).join('')
    : '<li class="muted">no worker connected</li>';
  const delayed = o.delayed.length
    ? o.delayed.map((d) => `<li><b>${d.count}</b> in ${d.queue}: ${esc(d.reason)}</li>`).join('')
    : '<li class="muted">no delayed jobs</li>';
  return `<div class="cols"><section id="workers"><h2>Workers</h2><ul>${workers}</ul></section>
<section id="delayed"><h2>Why jobs are delayed</h2><ul>${delayed}</ul></section></div>`;
}

function failuresTable(d: PageData): string {
  if (d.failures.length === 0) return '<section id="failures"><h2>Failures</h2><p class="muted">No failed jobs.</p></section>';
  const rows = d.failures
    .map(
      (f) => `<tr><td>${f.queue}</td><td class="url"><a href="${esc(f.input)}" rel="noreferrer noopener">${esc(f.input)}</a></td><td><code>${esc(f.code)}</code></td>
  <td class="reason">${esc(f.reason.replace(/^[A-Z_]+: /, ''))}</td><td class="n">${f.attempts}</td><td>${time(f.failedAt)}</td>
  <td><form method="post" action="retry${d.auth}" class="retry"><input type="hidden" name="queue" value="${f.queue}"><input type="hidden" name="id" value="${esc(f.id)}"><input type="hidden" name="csrf" value="${esc(d.csrf)}"><button type="submit">Retry</button></form></td></tr>`,
    )
    .join('\n');
  return `<section id="failures"><h2>Failures</h2><table><thead><tr><th>queue</th><th>input</th><th>code</th><th>reason</th><th>tries</th><th>failed at</th><th></th></tr></thead>
<tbody>${rows}</tbody></table></section>`;
}

function schedulesTable(o: PipelineOverview): string {
  if (o.schedules.length === 0) return '<section id="schedules"><h2>Schedules</h2><p class="muted">No schedules (<code>newsint schedule add</code>).</p></section>';
  const rows = o.schedules
    .map(
      (s) => `<tr><th scope="row">${esc(s.name)}</th><td>${s.everyMs !== null ? `every ${formatDuration(s.everyMs)}` : `cron <code>${esc(s.cron)}</code>`}</td>
  <td>${time(s.lastRunAt)}</td><td>${time(s.nextRunAt)}</td><td class="url">${s.seeds.map((x) => `${x.kind} ${esc(x.url)}`).join('<br>')}</td></tr>`,
    )
    .join('\n');
  return `<section id="schedules"><h2>Schedules</h2><table><thead><tr><th>name</th><th>when</th><th>last run</th><th>next run</th><th>feeds and sitemaps</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function recordsList(records: RecordSummary[]): string {
  if (records.length === 0) return '<section id="records"><h2>Latest records</h2><p class="muted">No records yet.</p></section>';
  const items = records
    .map((r) => {
      const chips = Object.entries(r.entities)
        .filter(([type, names]) => names.length > 0 && type !== 'dates')
        .map(([type, names]) => `<span class="group"><span class="type">${esc(ENTITY_LABELS[type] ?? type)}</span> ${[...new Set(names)].map((n) => `<span class="chip">${esc(n)}</span>`).join(' ')}</span>`)
        .join(' ');
      return `<li class="record"><a href="${esc(r.url ?? '#')}" rel="noreferrer noopener">${esc(r.title ?? '(no title)')}</a>
  <span class="muted">${esc(r.wordCount)} words · ${time(r.extractedAt)} · <code>${esc(r.id.slice(0, 12))}</code></span><div class="entities">${chips || '<span class="muted">no entities</span>'}</div></li>`;
    })
    .join('\n');
  return `<section id="records"><h2>Latest records</h2><ul class="records">${items}</ul></section>`;
}

/** The refreshable part of the page. */
export function renderMain(d: PageData): string {
  return `<main id="main" data-updated="${esc(d.overview.at)}">
${d.notice ? `<p class="notice" role="status">${esc(d.notice)}</p>` : ''}
${queuesTable(d.overview)}
${workersAndDelays(d.overview)}
${failuresTable(d)}
${schedulesTable(d.overview)}
${recordsList(d.records)}
<p class="muted foot">Prefix <code>${esc(d.overview.prefix)}</code> · updated ${time(d.overview.at)} · rates are jobs per minute over the last 5 minutes</p>
</main>`;
}

const STYLE = `
:root{color-scheme:light;--fg:#1d232b;--muted:#66707c;--line:#dde2e8;--bg:#f6f7f9;--accent:#1f5fbf;--bad:#b3261e}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
header{display:flex;align-items:baseline;gap:16px;padding:14px 24px;background:#17202b;color:#fff}header h1{font-size:18px;margin:0}
header a{color:#9cc3ff}main{padding:16px 24px;max-width:1280px}h2{font-size:15px;margin:22px 0 8px}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid var(--line)}caption{text-align:left;font-weight:600;font-size:15px;padding:0 0 8px}
th,td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}thead th{background:#eef1f5;font-weight:600;font-size:12px;text-transform:uppercase;letter-spacing:.03em;color:#46505c}
td.n{text-align:right;font-variant-numeric:tabular-nums}td.bad{color:var(--bad);font-weight:600}td.url{max-width:360px;overflow-wrap:anywhere}td.reason{max-width:380px}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:24px}.cols ul{background:#fff;border:1px solid var(--line);margin:0;padding:8px 24px;min-height:40px}
.muted{color:var(--muted)}.notice{background:#e7f2e7;border:1px solid #b9d8b9;padding:8px 12px}
button{font:inherit;padding:3px 12px;border:1px solid var(--accent);background:#fff;color:var(--accent);border-radius:4px;cursor:pointer}button:hover{background:var(--accent);color:#fff}
ul.records{list-style:none;padding:0;margin:0}li.record{background:#fff;border:1px solid var(--line);padding:10px 14px;margin-bottom:8px}li.record>a{font-weight:600;color:var(--fg);margin-right:8px}
.entities{margin-top:6px;line-height:1.9;display:flex;flex-wrap:wrap;gap:2px 18px}.type{font-size:11px;text-transform:uppercase;color:var(--muted);margin-right:4px}.chip{display:inline-block;background:#e8eefb;color:#18407f;border-radius:10px;padding:0 8px;margin-right:2px;font-size:12.5px;line-height:1.6}
.foot{margin-top:18px;font-size:12px}code{font-size:12.5px}`;

export function renderPage(d: PageData): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>newsint dashboard</title><style>${STYLE}</style></head>
<body><header><h1>newsint dashboard</h1><span>prefix <code>${esc(d.overview.prefix)}</code></span><a href="queues${d.auth}">Bull Board: jobs in detail →</a></header>
${renderMain(d)}
<script src="app.js${d.auth}" defer></script>
</body></html>`;
}
