/**
 * Sigma filters (meta filters): a filter's detections and condition are merged into every detection rule whose
 * logsource it contains and whose id/name it lists (or all rules when the list is empty), as pySigma does:
 * each condition C becomes `(C) and (<filter condition>)` with the filter's identifiers under a private prefix.
 */
import type { Condition } from '../ir/condition.js'
import { assertNever } from '../ir/expr.js'
import type { LogSource, SigmaDocument, SigmaFilter, SigmaRule } from '../ir/rule.js'

/** Every attribute the filter's logsource sets must equal the rule's. */
export function logsourceContains(outer: LogSource, inner: LogSource): boolean {
  return (['category', 'product', 'service'] as const).every((k) => outer[k] === undefined || outer[k] === inner[k])
}

export function filterApplies(f: SigmaFilter, r: SigmaRule): boolean {
  if (!logsourceContains(f.logsource, r.logsource)) return false
  if (f.rules.length === 0) return true
  return f.rules.some((x) => x === r.id || x === r.name)
}

function prefixCondition(c: Condition, prefix: string): Condition {
  switch (c.kind) {
    case 'and':
    case 'or':
      return { ...c, args: c.args.map((a) => prefixCondition(a, prefix)) }
    case 'not':
      return { ...c, arg: prefixCondition(c.arg, prefix) }
    case 'ref':
      return { ...c, name: prefix + c.name }
    case 'of':
      return { ...c, pattern: c.pattern === 'them' ? prefix + '*' : prefix + c.pattern }
    default:
      return assertNever(c)
  }
}

export function applyFilter(f: SigmaFilter, r: SigmaRule, index: number): SigmaRule {
  const prefix = `_filt_${index}_`
  const detections = { ...r.detections }
  for (const [name, d] of Object.entries(f.detections)) detections[prefix + name] = d
  const cond = prefixCondition(f.condition, prefix)
  return {
    ...r,
    detections,
    conditions: r.conditions.map((c) => ({ kind: 'and', args: [c, cond] })),
    conditionText: r.conditionText.map((t) => `(${t}) and (${f.conditionText})`),
  }
}

/** Apply all filters of a document set to its detection rules (correlations and filters pass unchanged). */
export function applyFilters(docs: readonly SigmaDocument[], extra: readonly SigmaFilter[] = []): SigmaDocument[] {
  const filters = [...docs.filter((d): d is SigmaFilter => d.kind === 'filter'), ...extra]
  if (filters.length === 0) return [...docs]
  return docs.map((d) => {
    if (d.kind !== 'rule') return d
    return filters.reduce((r, f, i) => (filterApplies(f, r) ? applyFilter(f, r, i) : r), d)
  })
}
