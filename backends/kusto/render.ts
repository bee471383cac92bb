/**
 * The Kusto renderer: pySigma-backend-kusto's overrides (numbers with `==`, `not(…)`, IN lists that split off
 * wildcard members, `\*` un-escaping) plus fixes where pySigma writes invalid or wrong KQL:
 * `['name']` identifiers, `\n`/`\r`/`\t` escapes in literals, `* contains` keywords, anchored case-insensitive
 * regexes for inner wildcards, `ipv6_is_in_range` for IPv6 networks.
 */
import type { Expr, FieldExpr, KeywordExpr } from '../../src/ir/expr.js'
import type { StrValue } from '../../src/ir/value.js'
import { Renderer, isDeferred, unwrap, type Rendered, type RenderState } from '../../src/render/text.js'
import { hasWildcard, isAny, sliceStr, strToRegex } from '../../src/render/strings.js'
import { pyNum } from '../../src/render/template.js'
import { sigmaStr } from '../../src/pipeline/values.js'
import { fail } from '../../src/diagnostics.js'
import { KQL_KEYWORDS, kustoDialect } from './dialect.js'

const PLAIN_IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/

/** A double-quoted KQL literal body: control characters a raw literal cannot hold become escapes. */
export function escapeControls(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => {
    switch (c) {
      case '\n':
        return '\\n'
      case '\r':
        return '\\r'
      case '\t':
        return '\\t'
      default:
        return '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')
    }
  })
}

/** `['name']` unless the name is a plain identifier that is not a KQL keyword. */
export function kustoIdent(name: string): string {
  if (PLAIN_IDENT.test(name) && !KQL_KEYWORDS.has(name)) return name
  return "['" + escapeControls(name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")) + "']"
}

/**
 * pySigma behaviours we deliberately do not reproduce (each is listed in deviations.json). The conformance test
 * switches them back on to prove that every listed rule differs from pySigma only by these fixes.
 */
export type PySigmaQuirk =
  | 'field-quote' // `'name'` identifiers
  | 'control-escape' // raw newline / CR / tab inside literals
  | 'keyword' // bare "value" as a predicate
  | 'null-isnull' // isnull() on string columns
  | 'ipv6-cidr' // ipv4_is_in_range() for IPv6 networks
  | 'wildcard-regex' // unanchored, case-sensitive `matches regex` for inner wildcards
  | 'in-list-wildcard' // inner-wildcard list members split into unordered `contains` terms
  | 'numeric-in-list' // a list of numbers as `in~ ("1", "2")`, which Kusto rejects on a numeric column

export const PYSIGMA_QUIRKS: readonly PySigmaQuirk[] = ['field-quote', 'control-escape', 'keyword', 'null-isnull', 'ipv6-cidr', 'wildcard-regex', 'in-list-wildcard', 'numeric-in-list']

export class KustoRenderer extends Renderer {
  constructor(
    state: RenderState,
    readonly quirks: ReadonlySet<PySigmaQuirk> = new Set(),
  ) {
    super(kustoDialect, state, {
      node: (e, r, anc) => (r as KustoRenderer).kustoNode(e, anc),
      field: (e, r, anc) => (r as KustoRenderer).kustoField(e, anc),
      keyword: (e, r) => (r as KustoRenderer).kustoKeyword(e),
    })
  }

  /**
   * Kusto has no query wrapper or deferred parts. (Renderer.finish substitutes with String.replace, which would
   * expand `$$`, `$&`, `$'` inside values, so it is not used here.)
   */
  kustoFinish(query: Rendered): string {
    if (this.state.deferred.length > 0 || isDeferred(query)) return fail('backend.unsupported', 'this construct needs a post-filter, which Kusto does not support')
    return query ?? ''
  }

  /** A property of a bag the query computes (state `kusto_bag_fields`, e.g. `EventDataFields.ImagePath`), as a string. */
  private bagField(name: string): string | undefined {
    const bag = this.state.pipelineState.kusto_bag_fields
    if (!Array.isArray(bag) || !bag.includes(name)) return undefined
    const dot = name.indexOf('.')
    const key = name.slice(dot + 1)
    const access = PLAIN_IDENT.test(key) && !KQL_KEYWORDS.has(key) ? `.${key}` : `["${escapeControls(key.replace(/\\/g, '\\\\').replace(/"/g, '\\"'))}"]`
    return `tostring(${name.slice(0, dot)}${access})`
  }

  override fieldName(name: string): string {
    const bag = this.bagField(name)
    if (bag !== undefined) return bag
    // A pipeline may map a field to a property of a JSON column (`AdditionalFields.PipeName`); it lists such names
    // in state `kusto_dynamic_fields`. parse_json accepts string and dynamic columns; the value compares as a string.
    // Raw dotted names from rules stay quoted identifiers.
    const dynamic = this.state.pipelineState.kusto_dynamic_fields
    if (Array.isArray(dynamic) && dynamic.includes(name)) {
      const [column, ...path] = name.split('.')
      return `tostring(parse_json(${kustoIdent(column as string)})${path.map((p) => (PLAIN_IDENT.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join('')})`
    }
    if (this.quirks.has('field-quote')) return /^\w+$/u.test(name) ? name : `'${name}'`
    return kustoIdent(name)
  }

  private esc(s: string): string {
    return this.quirks.has('control-escape') ? s : escapeControls(s)
  }

  /** pySigma's value rendering, then `\*` → `*` (its issue #13) and control-character escapes. */
  override value(v: StrValue): string {
    return this.esc(super.value(v).replace(/\\\*/g, '*'))
  }

  override regex(regex: string, flags: Parameters<Renderer['regex']>[1]): string {
    return this.esc(super.regex(regex, flags))
  }

  /** Inner wildcards: RE2 `matches regex` is a case-sensitive search, so anchor it and make it case-insensitive. */
  wildcardRegex(v: StrValue): string {
    const body = this.regex(strToRegex(v, ''), [])
    if (this.quirks.has('wildcard-regex')) return body
    return `${v.cased ? '' : '(?i)'}^${body}$`
  }

  /** Used by the wildcard template only (`matches regex "{regex}"`). */
  override strAsRegex(v: StrValue): string {
    return this.wildcardRegex(v)
  }

  kustoNode(e: Expr, ancestors: readonly Expr[]): Rendered | undefined {
    if (e.kind === 'not') return this.kustoNot(e, ancestors)
    if ((e.kind === 'and' || e.kind === 'or') && this.useInList(e)) return this.kustoInList(e)
    return undefined
  }

  /** pySigma KustoBackend.convert_condition_not: `not(<expr>)`, and `not((<group>))` for and/or/not. */
  kustoNot(e: Extract<Expr, { kind: 'not' }>, ancestors: readonly Expr[]): Rendered {
    const arg = unwrap(e.arg)
    const next = [...ancestors, e]
    const r = this.render(e.arg, next)
    if (r === null) return null
    if (isDeferred(r)) {
      r.negated = !r.negated
      return r
    }
    if (arg.kind === 'and' || arg.kind === 'or' || arg.kind === 'not') return `not(${this.group(r)})`
    return `not(${r})`
  }

  /** pySigma KustoBackend.convert_condition_as_in_expression: plain values in a list, wildcard values OR/AND-ed after. */
  kustoInList(e: Extract<Expr, { kind: 'and' | 'or' }>): string {
    const args = e.args as readonly FieldExpr[]
    const first = args[0] as FieldExpr
    const field = this.fieldName(first.field)
    // Numbers compare as numbers, as a single one does (`EventID == 4624`): `in~` takes strings only, so pySigma's
    // `EventID in~ ("4656", "4663")` is a type error on an int column (KS107). A bag property is text: quoted stays.
    const numbers = args.map((a) => (a.value.type === 'num' ? a.value.value : undefined))
    if (e.kind === 'or' && !this.quirks.has('numeric-in-list') && this.bagField(first.field) === undefined && numbers.every((n) => n !== undefined)) {
      return `${field} in (${numbers.map((n) => numText(n as number)).join(', ')})`
    }
    const op = e.kind === 'or' ? 'in~' : 'has_all'
    const join = ` ${e.kind} `
    const plain: string[] = []
    const wild: string[] = []
    for (const a of args) {
      const v = a.value
      if (v.type === 'num') plain.push(this.value({ type: 'str', parts: [numText(v.value)], cased: false }))
      else if (v.type === 'str' && !hasWildcard(v.parts)) plain.push(this.value(v))
      else if (v.type === 'str') wild.push(this.listWildcard(first.field, v, a.pos))
    }
    const list = plain.length > 0 ? `${field} ${op} (${plain.join(', ')})` : ''
    return [list, ...wild].filter((x) => x !== '').join(join)
  }

  private listWildcard(field: string, v: StrValue, pos?: FieldExpr['pos']): string {
    // pySigma: a wildcard inside the value (not at its ends) becomes an AND of `contains` over the literal pieces.
    const inner = charSlice(v)
    if (this.quirks.has('in-list-wildcard') && hasWildcard(inner.parts)) {
      const f = this.fieldName(field)
      const pieces = v.parts.filter((p): p is string => typeof p === 'string').map((p) => `${f} contains ${this.value(sigmaStr(p))}`)
      return this.group(pieces.join(' and '))
    }
    return this.fieldStr(field, v, pos)
  }

  kustoField(e: FieldExpr, ancestors: readonly Expr[]): Rendered | undefined {
    const v = e.value
    // A bag property is a string (tostring), so a number compares as its text.
    if (v.type === 'num' && this.bagField(e.field) !== undefined) return `${this.fieldName(e.field)} == "${numText(v.value)}"`
    if (v.type === 'bool' && this.bagField(e.field) !== undefined) return `${this.fieldName(e.field)} =~ "${v.value ? 'true' : 'false'}"`
    if (v.type === 'num') return `${this.fieldName(e.field)} == ${numText(v.value)}`
    if (v.type === 'null' && this.quirks.has('null-isnull')) return `isnull(${this.fieldName(e.field)})`
    if (v.type === 'cidr' && this.quirks.has('ipv6-cidr')) return `ipv4_is_in_range(${e.field}, "${v.cidr}")`
    if (v.type === 'cidr') {
      const fn = v.version === 6 ? 'ipv6_is_in_range' : 'ipv4_is_in_range'
      return `${fn}(${this.fieldName(e.field)}, "${v.cidr}")`
    }
    void ancestors
    return undefined
  }

  /** Keywords: pySigma writes a bare string, which is not a predicate; search every column instead. */
  kustoKeyword(e: KeywordExpr): Rendered | undefined {
    if (this.quirks.has('keyword')) return undefined
    const v = e.value
    if (v.type === 'num') return `* contains "${numText(v.value)}"`
    if (v.type === 're') return `* matches regex "${this.regex(v.regex, v.flags)}"`
    if (v.type !== 'str') return undefined
    let inner = v
    if (isAny(inner.parts[0])) inner = sliceStr(inner, 1)
    if (isAny(inner.parts[inner.parts.length - 1])) inner = sliceStr(inner, 0, -1)
    if (inner.parts.length === 0) return fail('backend.unsupported', 'a keyword that matches everything (*) has no Kusto rendering', e.pos ?? {})
    if (hasWildcard(inner.parts)) return `* matches regex "${this.wildcardRegex({ ...inner, parts: [{ special: 'any' }, ...inner.parts, { special: 'any' }] })}"`
    return `* ${v.cased ? 'contains_cs' : 'contains'} ${this.value(inner)}`
  }
}

const numText = pyNum

/** pySigma `SigmaString[1:-1]`: drop the first and last character (a wildcard counts as one). */
function charSlice(v: StrValue): StrValue {
  const parts = [...v.parts]
  const cut = (i: number): void => {
    const p = parts[i]
    if (typeof p === 'string' && p.length > 1) parts[i] = i === 0 ? p.slice(1) : p.slice(0, -1)
    else parts.splice(i, 1)
  }
  if (parts.length > 0) cut(0)
  if (parts.length > 0) cut(parts.length - 1)
  return { ...v, parts }
}
