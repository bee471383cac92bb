/**
 * Corpus conformance against pySigma's reference outputs: convert every corpus rule and compare query text.
 * Deviations (rules where pySigma is wrong and we deliberately differ) come from backends/<id>/deviations.json.
 */
import { readFileSync, existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createConverter, type ConvertOptions } from '../../src/convert.js'

export const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url))
export const hasShared = existsSync(SHARED + 'sigma/rules')

export type { DeviationEntry as Deviation } from './deviation-classes.js'
import { isListedDeviation, type DeviationEntry as Deviation } from './deviation-classes.js'
import { applyFixes } from './reference-fixes.js'

export interface ReferenceLine { path: string; id?: string; ok: boolean; queries?: unknown[]; error?: string }

export function readReference(name: string): ReferenceLine[] {
  return readFileSync(`${SHARED}reference/pysigma/${name}.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ReferenceLine)
}

export function readDeviations(backendDir: string): Deviation[] {
  const p = fileURLToPath(new URL(`../../backends/${backendDir}/deviations.json`, import.meta.url))
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as Deviation[]) : []
}

export interface ConformanceReport {
  readonly total: number
  /** Rules pySigma converts. */
  readonly referenceOk: number
  readonly identical: number
  /** Rules identical to pySigma's output once the fixes named in deviations.json are applied to it. */
  readonly fixed: number
  /** Other rules covered by a listed deviation. */
  readonly deviations: number
  readonly mismatches: { path: string; expected: unknown[]; actual: unknown[] | string }[]
  /** Rules pySigma refuses that we convert. */
  readonly extraConverted: number
}

const norm = (q: unknown): string => JSON.stringify(typeof q === 'string' ? q.trim() : q)

/** The same queries in the same order (text trimmed; bodies compared as JSON). */
export const sameQueries = (actual: readonly unknown[], expected: readonly unknown[]): boolean =>
  actual.length === expected.length && actual.every((q, i) => norm(q) === norm(expected[i]))

export function runConformance(reference: string, opts: ConvertOptions, deviations: readonly Deviation[]): ConformanceReport {
  const conv = createConverter(opts)
  let referenceOk = 0
  let identical = 0
  let fixed = 0
  let deviationCount = 0
  const fixes = deviations.flatMap((d) => (d.fix === undefined ? [] : [d.fix]))
  let extraConverted = 0
  const mismatches: ConformanceReport['mismatches'] = []
  const lines = readReference(reference)
  for (const ref of lines) {
    const text = readFileSync(SHARED + 'sigma/' + ref.path, 'utf8')
    const { results } = conv.convertText(text, ref.path)
    const ok = results.length > 0 && results.every((r) => r.ok)
    const actual = results.flatMap((r) => r.queries)
    if (!ref.ok) {
      if (ok) extraConverted++
      continue
    }
    referenceOk++
    const expected = ref.queries ?? []
    if (ok && sameQueries(actual, expected)) identical++
    else if (ok && fixes.length > 0 && sameQueries(actual, expected.map((q) => applyFixes(fixes, q)))) fixed++
    else if (isListedDeviation(deviations, ref.path, ref.id, results.map((r) => r.document))) deviationCount++
    else mismatches.push({ path: ref.path, expected, actual: ok ? actual : results.flatMap((r) => r.diagnostics.map((d) => d.message)).join('; ') })
  }
  return { total: lines.length, referenceOk, identical, fixed, deviations: deviationCount, mismatches, extraConverted }
}

export function summary(name: string, r: ConformanceReport): string {
  const pct = (n: number): string => ((100 * n) / Math.max(r.referenceOk, 1)).toFixed(2) + '%'
  return `${name}: ${r.total} rules; pySigma converts ${r.referenceOk}; identical ${r.identical} (${pct(r.identical)}); identical once pySigma's listed bugs are fixed ${r.fixed} (together ${pct(r.identical + r.fixed)}); other listed deviations ${r.deviations}; other differences ${r.mismatches.length}; converted where pySigma fails ${r.extraConverted}`
}
