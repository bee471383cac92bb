/**
 * Coverage tally (diagnostic, runs only with KUSTO_TALLY=1): which log sources and fields block the most corpus rules
 * per pipeline. Used to choose which tables and columns to map next.
 */
import { describe, expect, it } from 'vitest'
import { convertCorpus, loadRule, readReference, PIPELINES } from './corpus.js'

function top(m: Map<string, number>, n: number): string {
  return [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `  ${v}\t${k}`).join('\n')
}
const bump = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1)

describe.runIf(process.env.KUSTO_TALLY)('kusto coverage tally', () => {
  for (const p of PIPELINES) {
    it(p, () => {
      const paths = readReference(p).map((r) => r.path)
      const out = convertCorpus(p, paths)
      const bySource = new Map<string, number>()
      const byField = new Map<string, number>()
      for (const o of out) {
        if (o.ok) continue
        const doc = loadRule(o.path).documents[0]
        const ls = doc && doc.kind === 'rule' ? doc.logsource : {}
        const src = `${ls.product ?? ''}/${ls.category ?? ''}/${ls.service ?? ''}`
        const err = o.error ?? ''
        const code = /^([\w.]+):/.exec(err)?.[1] ?? 'other'
        bump(bySource, `${src} ${code}`)
        const f = /field name encountered: (\S+?)(?: \(from the rule's '([^']+)'\))?\. The (\w+) table/.exec(err)
        if (f) bump(byField, `${f[3]}.${f[2] ?? f[1]}${f[2] ? ` (→${f[1]})` : ''}`)
        else if (code !== 'pipeline.kusto_table') bump(byField, `${src} ${err.slice(0, 140)}`)
      }
      console.log(`[tally ${p}] ok ${out.filter((o) => o.ok).length}/${out.length}\nby logsource:\n${top(bySource, 45)}\nby field:\n${top(byField, 60)}`)
      expect(out.length).toBeGreaterThan(0)
    }, 300_000)
  }
})
