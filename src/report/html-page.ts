/**
 * The report page: one self-contained HTML file with inline SVG charts and plain HTML tables. No
 * script, no external resource (a Content-Security-Policy forbids any), so it reads the same with
 * JavaScript off, in a mail attachment or years later.
 */

export interface Figure {
  readonly id: string
  readonly title: string
  readonly svg: string
}

export interface Section {
  readonly heading: string
  readonly figures: readonly Figure[]
  /** Tables shown under the charts (already-escaped HTML is built here from text cells). */
  readonly tables: readonly { caption: string; columns: readonly string[]; rows: readonly (readonly string[])[] }[]
}

export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1180px;padding:0 16px;color:#222}
h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,520px),1fr));gap:16px;align-items:start}
figure.chart{margin:0;padding:8px;border:1px solid #eee;border-radius:6px;min-width:0}figure.chart svg{display:block;max-width:100%;height:auto}
figcaption{font-size:13px;color:#444;margin-bottom:4px;max-width:560px}
table{border-collapse:collapse;font-size:12px;margin:8px 0}td,th{border:1px solid #ddd;padding:2px 6px;text-align:right}
th{background:#f6f6f6}td:first-child,th:first-child{text-align:left}caption{text-align:left;font-weight:600;padding:4px 0}
.table-wrap{overflow-x:auto}`

export function htmlPage(title: string, intro: string, sections: readonly Section[]): string {
  const body = sections.map((s) => {
    const figs = s.figures.map((f) => `<figure class="chart" data-chart="${escapeHtml(f.id)}"><figcaption>${escapeHtml(f.title)}</figcaption>\n${f.svg}\n</figure>`).join('\n')
    const tables = s.tables.map((t) => `<div class="table-wrap"><table><caption>${escapeHtml(t.caption)}</caption>\n<tr>${t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>\n${t.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n')}\n</table></div>`).join('\n')
    return `<section>\n<h2>${escapeHtml(s.heading)}</h2>\n<div class="charts">\n${figs}\n</div>\n${tables}\n</section>`
  }).join('\n')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(intro)}</p>
${body}
</body>
</html>
`
}
