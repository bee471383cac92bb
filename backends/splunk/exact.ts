/**
 * Splunk's search command has no single-character wildcard and cannot escape `*` (pySigma widens `?` to `*` and
 * emits `\*`, which Splunk does not honour). Values that need either become case-insensitive regular expressions,
 * which the regex post-filter machinery then renders exactly. A pure tree rewrite; untouched nodes are returned as is.
 */
import type { Expr } from '../../src/ir/expr.js'
import type { StrValue, Value } from '../../src/ir/value.js'
import { strToRegex } from '../../src/render/strings.js'

export function needsRegex(v: StrValue): boolean {
  return v.parts.some((p) => (typeof p === 'string' ? p.includes('*') : 'special' in p && p.special === 'one'))
}

function exactValue(v: Value, anchored: boolean): Value {
  if (v.type === 'expansion') {
    const values = v.values.map((x) => exactValue(x, anchored))
    return values.every((x, i) => x === v.values[i]) ? v : { ...v, values }
  }
  if (v.type !== 'str' || !needsRegex(v)) return v
  const body = strToRegex(v)
  return { type: 're', regex: anchored ? `^${body}$` : body, flags: v.cased ? [] : ['i'] }
}

export function exactWildcards(e: Expr): Expr {
  switch (e.kind) {
    case 'and':
    case 'or': {
      const args = e.args.map(exactWildcards)
      return args.every((a, i) => a === e.args[i]) ? e : { ...e, args }
    }
    case 'not': {
      // NOT before a windash/base64offset expansion must negate all alternatives: make them an OR node so the
      // renderer groups it (pySigma writes `NOT a OR b`, which SPL reads as `(NOT a) OR b`).
      const arg = spreadExpansion(exactWildcards(e.arg))
      return arg === e.arg ? e : { ...e, arg }
    }
    case 'field': {
      const value = exactValue(e.value, true)
      return value === e.value ? e : { ...e, value }
    }
    case 'keyword': {
      const value = exactValue(e.value, false)
      return value === e.value ? e : { ...e, value }
    }
  }
}

function spreadExpansion(e: Expr): Expr {
  if ((e.kind === 'field' || e.kind === 'keyword') && e.value.type === 'expansion' && e.value.values.length > 1) {
    const args: Expr[] = e.value.values.map((value) => ({ ...e, value }))
    return { kind: 'or', args }
  }
  return e
}
