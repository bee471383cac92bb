/**
 * Conformance with pySigma-backend-kusto over the whole corpus, per pipeline. Differences must be listed in
 * backends/kusto/deviations.json, and each listed one must vanish when exactly its pySigma bugs are switched back on.
 * Set KUSTO_WRITE_DEVIATIONS=1 to regenerate the file.
 */
import { writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { conformance, QUIRK_REASONS, PIPELINES, type PipelineConformance } from '../kusto/classify.js'
import { readDeviations, type Deviation } from '../kusto/corpus.js'

const results = new Map<string, PipelineConformance>()
const listed = readDeviations()

describe('kusto conformance with pySigma (corpus)', () => {
  for (const p of PIPELINES) {
    it(`${p}: ≥ 98% identical where pySigma converts; every difference is a listed deviation`, () => {
      const c = conformance(p, process.env.KUSTO_WRITE_DEVIATIONS ? undefined : (path) => listed.find((d) => d.rule === path && d.pipelines.includes(p))?.kind)
      results.set(p, c)
      const unexplained = [...c.differing].filter(([, q]) => q === null || q.length === 0).map(([path]) => path)
      const deviations = [...c.differing].filter(([, q]) => q !== null && q.length > 0)
      const unlisted = deviations.filter(([path, q]) => !listed.some((d) => d.rule === path && d.pipelines.includes(p) && d.kind === (q as readonly string[]).join('+')))
      const comparable = c.refOk - deviations.length
      const share = comparable === 0 ? 1 : c.identical / comparable
      const ourOk = c.ours.filter((o) => o.ok).length
      console.log(
        `[kusto ${p}] pySigma converts ${c.refOk}/${c.reference.length}; identical ${c.identical}; listed deviations ${deviations.length}; ` +
          `unexplained ${unexplained.length} (${unexplained.join(', ')}); identical share ${(share * 100).toFixed(2)}% of ${comparable}; we convert ${ourOk}/${c.reference.length}`,
      )
      if (!process.env.KUSTO_WRITE_DEVIATIONS) expect(unlisted.map(([path]) => path)).toEqual([])
      expect(share).toBeGreaterThanOrEqual(0.98)
    }, 120_000)
  }

  it.runIf(process.env.KUSTO_WRITE_DEVIATIONS)('writes deviations.json', () => {
    const byRule = new Map<string, Deviation>()
    for (const [p, c] of results)
      for (const [path, q] of c.differing) {
        if (!q || q.length === 0) continue
        const kind = q.join('+')
        const key = `${path}\u0000${kind}`
        const prev = byRule.get(key)
        byRule.set(key, { rule: path, kind, pipelines: [...(prev?.pipelines ?? []), p], reason: q.map((x) => QUIRK_REASONS[x]).join(' ') })
      }
    const out = [...byRule.values()].sort((a, b) => a.rule.localeCompare(b.rule) || a.kind.localeCompare(b.kind))
    writeFileSync(new URL('../../backends/kusto/deviations.json', import.meta.url), JSON.stringify(out, null, 1) + '\n')
  })
})
