/**
 * pySigma's own backend test suites, replayed: each case is a rule file, target, pipelines, format and options with the
 * output pySigma returned (or the error it raised). Cases for targets not in the registry are skipped with a reason.
 */
import { readFileSync, existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createConverter } from '../../src/convert.js'
import { loadPipeline } from '../../src/pipeline/load.js'
import { findBackend } from '../../backends/registry.js'
import { SHARED, hasShared, readDeviations } from './harness.js'

interface Case {
  case: string; backend: string; pipelines: string[]; format: string; options: Record<string, string>
  rule_file: string; ok: boolean; queries?: unknown; error?: string; output_type?: string
}

const DIR = SHARED + 'reference/pysigma-tests/'
// Elastic and Kusto replay their suites in test/elastic and test/kusto (with their deviation tables).
const files = ['splunk'] as const

function run(c: Case): { ok: boolean; output: unknown; errors: string[] } {
  const pipelines = c.pipelines.map((p) => {
    if (!p.startsWith('pipelines/')) return p
    const { pipeline, diagnostics } = loadPipeline(readFileSync(DIR + p, 'utf8'), p)
    if (!pipeline) throw new Error(`pipeline ${p}: ${diagnostics.map((d) => d.message).join('; ')}`)
    return pipeline
  })
  const conv = createConverter({ target: c.backend, pipelines, withoutPipeline: true, format: c.format, backendOptions: c.options })
  const { results, diagnostics } = conv.convertText(readFileSync(DIR + c.rule_file, 'utf8'), c.rule_file)
  const errors = [...diagnostics.filter((d) => d.severity === 'error'), ...results.flatMap((r) => r.diagnostics.filter((d) => d.severity === 'error'))].map((d) => d.message)
  const ok = errors.length === 0 && results.every((r) => r.ok)
  return { ok, output: ok ? conv.finalize(results.flatMap((r) => r.queries)) : null, errors }
}

describe.skipIf(!hasShared)('pySigma Splunk backend test cases', () => {
  for (const f of files) {
    const path = DIR + f + '.jsonl'
    if (!existsSync(path)) continue
    const cases = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Case)
    const deviations = new Set(readDeviations(f).map((d) => d.rule))
    describe(f, () => {
      for (const c of cases) {
        const supported = findBackend(c.backend) !== undefined
        it.skipIf(!supported || deviations.has(c.case))(c.case, () => {
          const r = run(c)
          if (!c.ok) {
            expect(r.ok, `pySigma raised ${c.error}; we converted`).toBe(false)
            return
          }
          expect(r.errors).toEqual([])
          const expected = c.output_type === 'str' ? c.queries : c.queries
          expect(Array.isArray(r.output) ? [...(r.output as unknown[])] : r.output).toEqual(expected)
        })
      }
    })
  }
})
