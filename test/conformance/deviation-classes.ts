/**
 * Deviation classes: a deviations.json entry with `"rule": "*"` and a `match` name applies to every rule the named
 * predicate selects, so rules never seen before are classified by what they contain, not by their path.
 */
import type { Detection, SigmaDocument } from '../../src/ir/rule.js'
import type { Value } from '../../src/ir/value.js'
import { needsRegex } from '../../backends/splunk/exact.js'

function values(d: Detection): Value[] {
  return d.items.flatMap((i) => (i.kind === 'item' ? i.values.flatMap((v) => (v.type === 'expansion' ? [v, ...v.values] : [v])) : values(i)))
}

function docValues(doc: SigmaDocument): Value[] {
  return doc.kind === 'correlation' ? [] : Object.values(doc.detections).flatMap(values)
}

export const DEVIATION_PREDICATES: Readonly<Record<string, (doc: SigmaDocument) => boolean>> = {
  /** The rule has a `|re` value. */
  'has-regex': (doc) => docValues(doc).some((v) => v.type === 're'),
  /** The rule has a string value with a `?` wildcard or a literal `*`. */
  'value-needs-regex': (doc) => docValues(doc).some((v) => v.type === 'str' && needsRegex(v)),
}

export interface DeviationEntry { readonly rule: string; readonly kind: string; readonly reason: string; readonly match?: string }

export function isListedDeviation(deviations: readonly DeviationEntry[], path: string, id: string | undefined, docs: readonly SigmaDocument[]): boolean {
  return deviations.some((d) => {
    if (d.rule === path || (id !== undefined && d.rule === id)) return true
    if (d.rule !== '*' || d.match === undefined) return false
    const p = DEVIATION_PREDICATES[d.match]
    if (!p) throw new Error(`deviations: unknown match class '${d.match}'`)
    return docs.some(p)
  })
}
