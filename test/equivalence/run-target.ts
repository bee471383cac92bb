/** One corpus check per target, shared by the test files (split in two so vitest runs them on two threads). */
import { expect } from 'vitest'
import type { CorpusRule } from './corpus.js'
import { runEquivalence, summary, type Report, type Target } from './harness.js'

export function show(r: Report): void {
  console.log(summary(r))
  for (const p of r.parseErrors.slice(0, 5)) console.log('parse error', JSON.stringify(p))
  for (const u of r.unevaluable.slice(0, 5)) console.log('unevaluable', JSON.stringify(u))
  for (const x of r.examples.slice(0, 8)) console.log('disagreement', JSON.stringify(x))
}

/** Every query parses, most rules get events, and every disagreement is a documented limit or a reported bug. */
export function checkTarget<S>(t: Target<S>, rules: readonly CorpusRule[]): Report {
  const r = runEquivalence(t, rules)
  show(r)
  expect(r.parseErrors).toEqual([])
  expect(r.rulesChecked).toBeGreaterThan(r.rules * 0.9)
  expect(r.disagreements).toBe(0)
  return r
}
