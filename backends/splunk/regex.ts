/**
 * Splunk's real quirk: the search command has no regex or field-to-field comparison, so they become post-filters
 * (`| regex`, `| where`). Under an OR, a regex is turned into a `rex` + `eval` flag that the search tests.
 */
import type { Expr, FieldExpr, KeywordExpr } from '../../src/ir/expr.js'
import type { Deferred, Renderer, Rendered } from '../../src/render/text.js'
import { fail } from '../../src/diagnostics.js'

const MAX_GROUP = 32

function deferred(kind: string, field: string | null, value: string, finalize: (d: Deferred) => string): Deferred {
  const d: Deferred = { kind, field, value, negated: false, finalize: () => finalize(d) }
  return d
}

const cleanField = (f: string): string => f.replace(/^.*\./s, '')

/** Short stable digest for over-long rex group names (pySigma uses blake2s; any stable 8-hex digest keeps names unique). */
function digest8(s: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0
  return h.toString(16).padStart(8, '0')
}

function counters(r: Renderer): Map<string, number> {
  const s = r.state.scratch
  if (!(s.orRegexCounts instanceof Map)) s.orRegexCounts = new Map<string, number>()
  return s.orRegexCounts as Map<string, number>
}

export const hasOrAncestor = (ancestors: readonly Expr[]): boolean => ancestors.some((a) => a.kind === 'or')

/**
 * A `| regex` post-filter is only right when the leaf is ANDed with the rest of the query: every enclosing node is an
 * AND, except at most one NOT directly above the leaf (`regex f!=…`). Under OR, or under a NOT of a group, the
 * rex/eval form keeps the regex inside the boolean structure (pySigma uses the post-filter under NOT groups too,
 * which drops the NOT).
 */
export function postFilterSafe(ancestors: readonly Expr[]): boolean {
  const chain = ancestors.filter((a) => !((a.kind === 'and' || a.kind === 'or') && a.args.length === 1 && !a.holes))
  const last = chain[chain.length - 1]
  const rest = last?.kind === 'not' ? chain.slice(0, -1) : chain
  return rest.every((a) => a.kind === 'and')
}

export function splunkFieldHook(e: FieldExpr, r: Renderer, ancestors: readonly Expr[]): Rendered | undefined {
  const v = e.value
  if (v.type === 're') {
    const regex = r.fieldRegex(e.field, v, e.pos)
    // pySigma's choice (any OR above, even a one-operand `1 of x*`) is kept where it is right; only unsafe places change.
    if (!hasOrAncestor(ancestors) && postFilterSafe(ancestors)) {
      const d = deferred('regex', e.field, regex, (x) => `regex ${x.field ?? '_raw'}${x.negated ? '!=' : '='}"${x.value}"`)
      r.state.deferred.push(d)
      return d
    }
    const counts = counters(r)
    const n = (counts.get(e.field) ?? 0) + 1
    counts.set(e.field, n)
    const suffix = n === 1 ? '' : String(n)
    const clean = cleanField(e.field)
    const condField = `${clean}Condition${suffix}`
    let match = `${clean}Match${suffix}`
    if (match.length > MAX_GROUP) {
      const tail = `Match${suffix}`
      const hash = digest8(clean)
      match = clean.slice(0, Math.max(MAX_GROUP - tail.length - hash.length, 0)) + hash + tail
    }
    const d = deferred('or-regex', e.field, regex, (x) =>
      `rex field=${x.field ?? '_raw'} "(?<${match}>${x.value})"\n| eval ${condField}=if(isnotnull(${match}), "true", "false")`)
    r.state.deferred.push(d)
    const flags = r.state.scratch.orConditionFields instanceof Set ? r.state.scratch.orConditionFields as Set<string> : new Set<string>()
    flags.add(condField)
    r.state.scratch.orConditionFields = flags
    return r.fieldStr(condField, { type: 'str', parts: ['true'], cased: false }, e.pos)
  }
  if (v.type === 'fieldref') {
    if (hasOrAncestor(ancestors)) {
      return fail('backend.unsupported', 'ORing FieldRef matching is not yet supported by Splunk backend', e.pos ? { line: e.pos.line, column: e.pos.column } : {})
    }
    const other = r.fieldRef(e.field, v, e.pos)
    const d = deferred('where', e.field, other, (x) => `where ${x.negated ? 'NOT ' : ''}'${x.field ?? '_raw'}'='${x.value}'`)
    r.state.deferred.push(d)
    return d
  }
  return undefined
}

/** Field-less regexes (from exact wildcard handling) filter `_raw`, like pySigma's deferred regex default field. */
export function splunkKeywordHook(e: KeywordExpr, r: Renderer, ancestors: readonly Expr[]): Rendered | undefined {
  if (e.value.type !== 're') return undefined
  return splunkFieldHook({ kind: 'field', field: '_raw', value: e.value, pos: e.pos }, r, ancestors)
}

/** pySigma SplunkBackend.finish_query: OR-regex parts go before a `| search` of the main query. */
export function splunkFinish(r: Renderer, query: Rendered): string {
  const orParts = r.state.deferred.filter((d) => d.kind === 'or-regex')
  let main: Rendered = query
  if (main === null || typeof main === 'object') main = r.d.deferred?.onlyQuery ?? '*'
  if (orParts.length > 0) {
    const rest = r.state.deferred.filter((d) => d.kind !== 'or-regex')
    r.state.deferred.splice(0, r.state.deferred.length, ...rest)
    main = '\n| ' + orParts.map((d) => d.finalize()).join('\n| ') + '\n| search ' + main
  }
  return r.finish(main)
}
