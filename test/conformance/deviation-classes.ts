/**
 * Deviation classes: a deviations.json entry with `"rule": "*"` and a `match` name applies to every rule the named
 * predicate selects, so rules never seen before are classified by what they contain, not by their path.
 */
import type { Detection, SigmaDocument } from '../../src/ir/rule.js'
import type { Value } from '../../src/ir/value.js'
import { needsRegex, exactWildcards } from '../../backends/splunk/exact.js'
import { postFilterSafe } from '../../backends/splunk/regex.js'
import { ruleExprs } from '../../src/sigma/resolve.js'
import type { Expr } from '../../src/ir/expr.js'

function values(d: Detection): Value[] {
  return d.items.flatMap((i) => (i.kind === 'item' ? i.values.flatMap((v) => (v.type === 'expansion' ? [v, ...v.values] : [v])) : values(i)))
}

function docValues(doc: SigmaDocument): Value[] {
  return doc.kind === 'correlation' ? [] : Object.values(doc.detections).flatMap(values)
}

/** Some leaf (with its ancestors) of the rule's resolved conditions satisfies `p`. */
function someLeaf(doc: SigmaDocument, p: (leaf: Expr, ancestors: readonly Expr[]) => boolean, rewrite: (e: Expr) => Expr = (e) => e): boolean {
  if (doc.kind !== 'rule') return false
  const walk = (e: Expr, anc: readonly Expr[]): boolean =>
    e.kind === 'and' || e.kind === 'or' ? e.args.some((a) => walk(a, [...anc, e])) : e.kind === 'not' ? walk(e.arg, [...anc, e]) : p(e, anc)
  try {
    return ruleExprs(doc).some((x) => x !== null && walk(rewrite(x), []))
  } catch {
    return false
  }
}

export const DEVIATION_PREDICATES: Readonly<Record<string, (doc: SigmaDocument) => boolean>> = {
  /** The rule has a `|re` value. */
  'has-regex': (doc) => docValues(doc).some((v) => v.type === 're'),
  /** The rule has a string value with a `?` wildcard or a literal `*`. */
  'value-needs-regex': (doc) => docValues(doc).some((v) => v.type === 'str' && needsRegex(v)),
  /** The rule has a string value with a literal (escaped) `*` or `?`. */
  'literal-wildcard': (doc) => docValues(doc).some((v) => v.type === 'str' && v.parts.some((p) => typeof p === 'string' && /[*?]/.test(p))),
  /** Splunk: a negated windash/base64offset expansion. */
  'negated-expansion': (doc) => someLeaf(doc, (leaf, anc) => anc[anc.length - 1]?.kind === 'not' && (leaf.kind === 'field' || leaf.kind === 'keyword') && leaf.value.type === 'expansion'),
  /** Splunk: a regex (or exact-wildcard regex) that pySigma would make a post-filter although it sits under a NOT group. */
  'regex-under-negated-group': (doc) => someLeaf(doc, (leaf, anc) => leaf.kind === 'field' && leaf.value.type === 're' && !anc.some((a) => a.kind === 'or') && !postFilterSafe(anc), exactWildcards),
}

export interface DeviationEntry {
  readonly rule: string
  readonly kind: string
  readonly reason: string
  readonly match?: string
  /** A rewrite of pySigma's query text (reference-fixes.ts) that turns it into ours: the deviation is that fix only. */
  readonly fix?: string
}

export function isListedDeviation(deviations: readonly DeviationEntry[], path: string, id: string | undefined, docs: readonly SigmaDocument[]): boolean {
  return deviations.some((d) => {
    if (d.rule === path || (id !== undefined && d.rule === id)) return true
    if (d.rule !== '*' || d.match === undefined) return false
    const p = DEVIATION_PREDICATES[d.match]
    if (!p) throw new Error(`deviations: unknown match class '${d.match}'`)
    return docs.some(p)
  })
}
