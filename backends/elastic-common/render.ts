/**
 * Rendering helpers shared by the Elastic targets (Lucene, EQL, ES|QL): pySigma's null handling and grouping
 * overrides, expansions as value lists, and a junction with a custom grouping decision.
 */
import type { Expr, FieldExpr } from '../../src/ir/expr.js'
import type { TextDialect } from '../../src/render/dialect.js'
import { isDeferred, unwrap, type Renderer, type Rendered } from '../../src/render/text.js'
import { fail } from '../../src/diagnostics.js'
import type { SourcePos } from '../../src/ir/rule.js'

export type Junction = Extract<Expr, { kind: 'and' | 'or' }>

export const isNullField = (e: Expr): e is FieldExpr => e.kind === 'field' && e.value.type === 'null'

/** `NOT <field is null>` (pySigma turns it into a positive existence test). */
export function negatedNull(e: Expr): FieldExpr | undefined {
  const u = unwrap(e)
  if (u.kind !== 'not') return undefined
  const a = unwrap(u.arg)
  return isNullField(a) ? a : undefined
}

export const isNotExists = (e: Expr): boolean => e.kind === 'field' && e.value.type === 'exists' && !e.value.exists

/** pySigma's default compare_precedence: true when `inner` needs no group inside `outer`. */
export function defaultNoGroup(d: TextDialect, outer: 'and' | 'or', inner: Expr): boolean {
  const e = unwrap(inner)
  const leaf = e.kind === 'field' || e.kind === 'keyword'
  if (d.parenthesize && !leaf) return false
  const p = d.precedence as readonly string[]
  const innerKind = leaf && e.value.type === 'expansion' ? 'or' : leaf ? null : e.kind
  const idx = innerKind === null ? -1 : p.indexOf(innerKind)
  return idx <= p.indexOf(outer)
}

/** The renderer's and/or join with a target-specific grouping decision (pySigma compare_precedence overrides). */
export function junction(e: Junction, r: Renderer, ancestors: readonly Expr[], noGroup: (outer: 'and' | 'or', inner: Expr) => boolean): Rendered {
  const d = r.d
  const token = e.kind === 'and' ? d.and : d.or
  const joiner = d.tokenSeparator === token ? token : d.tokenSeparator + token + d.tokenSeparator
  const next = [...ancestors, e]
  const parts: string[] = []
  let deferred: Rendered = null
  for (const arg of e.args) {
    const out = r.render(arg, next)
    if (out === null) continue
    if (isDeferred(out)) {
      deferred = out
      continue
    }
    parts.push(noGroup(e.kind, arg) ? out : r.group(out))
  }
  return parts.length === 0 ? deferred : parts.join(joiner)
}

/** Expansion values (windash, base64offset) of one field as an OR node, rendered as a value list when possible. */
export function expansionAsList(e: FieldExpr, r: Renderer, ancestors: readonly Expr[]): Rendered | undefined {
  if (e.value.type !== 'expansion') return undefined
  const or: Junction = { kind: 'or', args: e.value.values.map((value) => ({ kind: 'field', field: e.field, value, pos: e.pos })) }
  return r.useInList(or) ? r.inList(or) : undefined
}

export const at = (pos?: SourcePos): { line?: number; column?: number } => (pos ? { line: pos.line, column: pos.column } : {})

export const noFieldRefs = (e: FieldExpr): never =>
  fail('backend.unsupported', "ES Lucene backend can't handle field references.", at(e.pos))
