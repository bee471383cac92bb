import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { it } from 'vitest'
import { parse } from 'yaml'
import { ruleMatcher } from '../../src/eval/evaluate.js'
import { parseEvents } from '../../src/eval/parse-events.js'
import { loadSigma } from '../../src/sigma/load.js'
const S = '/work/shared/sigma/'
const files = (d: string, suf: string): string[] => readdirSync(d).flatMap((n) => { const p = join(d, n); return statSync(p).isDirectory() ? files(p, suf) : p.endsWith(suf) ? [p] : [] })
it('scratch', () => {
  const byId = new Map<string, string>()
  for (const f of files(S + 'rules', '.yml')) { const m = /^id:\s*(\S+)/m.exec(readFileSync(f, 'utf8')); if (m) byId.set(m[1]!, f) }
  for (const info of files(S + 'regression_data/rules', 'info.yml')) {
    const d = parse(readFileSync(info, 'utf8'))
    for (const t of d.regression_tests_info ?? []) {
      const rf = byId.get(d.rule_metadata[0].id)!
      const rule = loadSigma(readFileSync(rf, 'utf8'), { file: rf }).documents[0] as never
      const ev = parseEvents(readFileSync(S + t.path.replace(/\.evtx$/, '.json'), 'utf8')).events
      const m = ruleMatcher(rule)
      ev.forEach((e, i) => { const r = m(e); if (!r.match) console.log(rf, i, JSON.stringify((e as any).Event.EventData).slice(0, 600)) })
    }
  }
})
