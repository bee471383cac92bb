/**
 * Sigma v1 pipe aggregations (`sel | count() by x > 5`, `a | near b`) were removed in Sigma v2; pySigma rejects any `|`.
 * We reject them too, but say which correlation rule type replaces the construct (SIGMA-NOTES §4.4).
 */
import type { ConditionDiagnostic } from './diagnostic.js'
import { conditionDiagnostic } from './diagnostic.js'
import { positionAt } from './position.js'

const BASE = 'The pipe aggregation syntax was removed in Sigma v2; write a correlation rule'
const AGGREGATION = /^\s*(count|min|max|avg|sum)\s*\(\s*([^)]*?)\s*\)/i
const NEAR = /^\s*near\b/i

function advice(tail: string): string {
  const agg = AGGREGATION.exec(tail)
  if (agg) {
    const fn = (agg[1] ?? '').toLowerCase()
    const field = agg[2] ?? ''
    switch (fn) {
      case 'count':
        return field === ''
          ? `${BASE} of type event_count instead ('count() by <field>' becomes an event_count correlation with group-by <field>)`
          : `${BASE} of type value_count instead ('count(${field}) by <field>' becomes a value_count correlation on field '${field}' with group-by <field>)`
      case 'sum':
      case 'avg':
        return `${BASE} of type value_${fn} instead`
      default:
        return `${BASE} instead; '${fn}()' has no Sigma v2 correlation equivalent (event_count, value_count, value_sum, value_avg, temporal)`
    }
  }
  if (NEAR.test(tail)) return `${BASE} of type temporal (or temporal_ordered) instead of '| near'`
  return `${BASE} (type event_count / value_count / temporal …) instead`
}

/** An error for the first `|` in the condition, or undefined if there is none. */
export function checkPipe(text: string): ConditionDiagnostic | undefined {
  const at = text.indexOf('|')
  if (at < 0) return undefined
  return conditionDiagnostic('error', 'condition.pipe', advice(text.slice(at + 1, at + 1 + 200)), positionAt(text, at), '|')
}
