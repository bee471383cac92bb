import { it } from 'vitest'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { createConverter } from '../../src/convert.js'
import { elasticKql } from '../../backends/elastic-kql/backend.js'
import { parseKql } from '../../grammars/kql/index.js'
function walk(d: string): string[] { return readdirSync(d).flatMap((f) => { const p = d + '/' + f; return statSync(p).isDirectory() ? walk(p) : p.endsWith('.yml') ? [p] : [] }) }
it('scratch', () => {
  const files = walk('/work/shared/sigma/rules')
  for (const pipelines of [[], ['ecs_windows']]) {
  const c = createConverter({ target: elasticKql, pipelines, withoutPipeline: true })
  let ok = 0, bad = 0, parseFail = 0
  const reasons = new Map<string, number>()
  for (const f of files) {
    const { results, diagnostics } = c.convertText(readFileSync(f, 'utf8'), f)
    const good = results.length > 0 && results.every((r) => r.ok)
    if (good) { ok++; for (const q of results.flatMap((r) => r.queries)) { const p = parseKql(q as string); if (p.errors.length) { parseFail++; if (parseFail < 5) console.log('PARSEFAIL', f, q, p.errors[0]) } } }
    else { bad++; const m = [...diagnostics, ...results.flatMap((r) => r.diagnostics)].map((d) => d.code + ' ' + d.message.replace(/\/.*\//, '/…/').replace(/'[^']*'/g, "'…'")).join('; '); reasons.set(m, (reasons.get(m) ?? 0) + 1) }
  }
  console.log(pipelines, 'ok', ok, 'bad', bad, 'parseFail', parseFail, (100 * ok / files.length).toFixed(2))
  console.log([...reasons].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => v + ' ' + k).join('\n'))
  }
})
