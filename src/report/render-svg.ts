/**
 * Renders a Vega-Lite spec to an SVG string in Node: compile to Vega, run a headless View (no
 * renderer, no canvas: text widths are estimated) and ask it for SVG. Nothing is fetched: data are
 * inline values.
 */
import { parse as parseVega, View } from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parseVega(compile(spec).spec), { renderer: 'none' })
  try {
    return await view.toSVG()
  } finally {
    view.finalize()
  }
}
