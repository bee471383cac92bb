/**
 * The equivalence property over the corpus: for every rule a backend converts, boundary events (events.ts, drawn
 * by fast-check with a seed per rule) are run through the Sigma reference evaluator and through an evaluator of the
 * backend's query text (src/equivalence). Each disagreement is either explained by a documented limit — the
 * target's semantics relaxed one step at a time until the results agree — or counted as a disagreement with an
 * example to investigate.
 */
import fc from 'fast-check'
import type { Backend } from '../../src/backend.js'
import type { Expr } from '../../src/ir/expr.js'
import { evaluateExpr } from '../../src/eval/index.js'
import { Unevaluable, type QueryMatcher } from '../../src/equivalence/common.js'
import { convertRule, loadCorpus, type CorpusRule } from './corpus.js'
import { boundaryEvents, regexPool } from './events.js'

export interface Limit<S> {
  readonly id: string
  readonly reason: string
  /** The target's semantics with this limit (and the ones before it) relaxed to Sigma's meaning. */
  readonly semantics: S
}

export interface Target<S> {
  readonly id: string
  readonly backend: Backend
  readonly options?: Readonly<Record<string, string>>
  /** Parse the query (throw SyntaxError on a parse error) and compile it under the semantics. */
  readonly compile: (query: string, semantics: S) => QueryMatcher
  readonly exact: S
  readonly limits: readonly Limit<S>[]
  /** Backend bugs found by this test and reported (not fixed here): disagreements on queries they describe. */
  readonly knownBugs?: readonly KnownBug[]
}

export interface KnownBug {
  readonly id: string
  readonly reason: string
  /** Does the bug apply to this condition (the Expr the backend received) and its query? */
  readonly applies: (expr: Expr, query: string) => boolean
}

export interface Example {
  readonly path: string
  readonly query: string
  readonly event: unknown
  readonly sigma: boolean
  readonly target: boolean
}

export interface Report {
  readonly target: string
  readonly rules: number
  readonly refused: number
  readonly rulesChecked: number
  readonly eventsTried: number
  readonly agreements: number
  readonly limits: Readonly<Record<string, number>>
  readonly disagreements: number
  /** Rules with at least one disagreement. */
  readonly disagreeingRules: number
  readonly knownBugs: Readonly<Record<string, number>>
  readonly examples: readonly Example[]
  readonly parseErrors: readonly { path: string; query: string; message: string }[]
  /** Rules whose query uses something the evaluator cannot run (a regex RE2 rejects, …), with the reason. */
  readonly unevaluable: readonly { path: string; reason: string }[]
  readonly sigmaUnevaluable: number
}

export const EVENTS_PER_RULE = 8

const hash = (s: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0
  return h
}

let corpus: CorpusRule[] | undefined
export const corpusRules = (): CorpusRule[] => (corpus ??= loadCorpus())

/** Pairs to check for a rule instead of the backend's own (undefined: skip the rule), e.g. pySigma's queries. */
export type QuerySource = (r: CorpusRule, ours: readonly { expr: Expr; query: string }[]) => readonly { expr: Expr; query: string }[] | undefined

export function runEquivalence<S>(t: Target<S>, rules: readonly CorpusRule[] = corpusRules(), perRule = EVENTS_PER_RULE, source?: QuerySource): Report {
  let refused = 0
  let rulesChecked = 0
  let eventsTried = 0
  let agreements = 0
  let disagreements = 0
  let disagreeingRules = 0
  let sigmaUnevaluable = 0
  const limits: Record<string, number> = Object.fromEntries(t.limits.map((l) => [l.id, 0]))
  const examples: Example[] = []
  const bugs: Record<string, number> = Object.fromEntries((t.knownBugs ?? []).map((b) => [b.id, 0]))
  const parseErrors: Report['parseErrors'][number][] = []
  const unevaluable: Report['unevaluable'][number][] = []
  for (const r of rules) {
    const conv = convertRule(t.backend, r, t.options)
    if (!conv.ok) {
      refused++
      continue
    }
    const pairsToCheck = source ? source(r, conv.value.pairs) : conv.value.pairs
    if (pairsToCheck === undefined) continue
    const seed = hash(r.path)
    const pool = regexPool(seed)
    let checked = false
    const before = disagreements
    pairs: for (const [pi, { expr, query }] of pairsToCheck.entries()) {
      let matcher: QueryMatcher
      try {
        matcher = t.compile(query, t.exact)
      } catch (e) {
        parseErrors.push({ path: r.path, query, message: e instanceof Error ? e.message : String(e) })
        continue
      }
      const relaxed: (QueryMatcher | undefined)[] = []
      const seen = new Set<string>()
      for (const { event } of fc.sample(boundaryEvents(expr, pool), { numRuns: perRule, seed: seed + pi })) {
        const key = JSON.stringify(event)
        if (seen.has(key)) continue
        seen.add(key)
        const sigma = evaluateExpr(expr, event, { format: 'plain' })
        if (sigma.diagnostics.length > 0) {
          sigmaUnevaluable++
          continue
        }
        let got: boolean
        try {
          got = matcher(event)
        } catch (e) {
          if (!(e instanceof Unevaluable)) throw e
          unevaluable.push({ path: r.path, reason: e.message })
          continue pairs
        }
        eventsTried++
        checked = true
        if (got === sigma.match) {
          agreements++
          continue
        }
        let explained = false
        for (let k = 0; k < t.limits.length && !explained; k++) {
          const m = (relaxed[k] ??= t.compile(query, (t.limits[k] as Limit<S>).semantics))
          if (m(event) === sigma.match) {
            limits[(t.limits[k] as Limit<S>).id] = (limits[(t.limits[k] as Limit<S>).id] ?? 0) + 1
            explained = true
          }
        }
        if (explained) continue
        const bug = t.knownBugs?.find((b) => b.applies(expr, query))
        if (bug) {
          bugs[bug.id] = (bugs[bug.id] ?? 0) + 1
          continue
        }
        disagreements++
        if (examples.length < 40) examples.push({ path: r.path, query, event, sigma: sigma.match, target: got })
      }
    }
    if (checked) rulesChecked++
    if (disagreements > before) disagreeingRules++
  }
  return { target: t.id, rules: rules.length, refused, rulesChecked, eventsTried, agreements, limits, disagreements, disagreeingRules, knownBugs: bugs, examples, parseErrors, unevaluable, sigmaUnevaluable }
}

export function summary(r: Report): string {
  const lim = Object.entries(r.limits).map(([k, v]) => `${k} ${v}`).join(', ')
  const bugs = Object.entries(r.knownBugs).map(([k, v]) => `${k} ${v}`).join(', ')
  return `${r.target}: rules ${r.rules}, refused ${r.refused}, checked ${r.rulesChecked}; events tried ${r.eventsTried}; agree ${r.agreements}; documented limits {${lim}}; known backend bugs {${bugs}}; disagreements ${r.disagreements}; parse errors ${r.parseErrors.length}; unevaluable rules ${r.unevaluable.length}`
}
