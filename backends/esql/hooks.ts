/**
 * ES|QL quirks and fixes:
 * - a windash/base64offset expansion under NOT is grouped (pySigma emits `not a like x or a like y`, which
 *   negates only the first alternative);
 * - regexes become Lucene syntax for RLIKE (whole-value match, no inline flags) inside an ES|QL string;
 * - keyword (field-less) values: ES|QL has no default field. With the `keyword_fields` option they become
 *   `like` matches over those fields, with `keyword_qstr=true` a `qstr("…")` full-text query; otherwise they
 *   are refused with an explanation (pySigma refuses them too).
 */
import type { Expr, FieldExpr, KeywordExpr } from '../../src/ir/expr.js'
import type { Hooks, Renderer, Rendered } from '../../src/render/text.js'
import { Renderer as TextRenderer, unwrap } from '../../src/render/text.js'
import { fail } from '../../src/diagnostics.js'
import { at } from '../elastic-common/render.js'
import { luceneRegex } from '../elastic-common/lucene-regex.js'
import { luceneDialect } from '../lucene/dialect.js'
import { backslashLiteral } from '../../src/render/strings.js'

const esqlString = (s: string): string => '"' + backslashLiteral(s) + '"'

function node(e: Expr, r: Renderer, ancestors: readonly Expr[]): Rendered | undefined {
  if (e.kind !== 'not') return undefined
  const a = unwrap(e.arg)
  if (a.kind !== 'field' || a.value.type !== 'expansion') return undefined
  const inner = r.render(e.arg, [...ancestors, e])
  return typeof inner === 'string' ? `${r.d.not}${r.d.tokenSeparator}${r.group(inner)}` : inner
}

function field(e: FieldExpr, r: Renderer): Rendered | undefined {
  if (e.value.type !== 're') return undefined
  return `${r.fieldName(e.field)} rlike ${esqlString(luceneRegex(e.value.regex, e.value.flags, { escapeSlash: false }, e.pos))}`
}

const KEYWORD_HELP =
  'keyword (field-less) searches have no ES|QL equivalent: set the option keyword_fields=<field,field,…> to search those fields, or keyword_qstr=true to use the qstr() full-text function (Elasticsearch 8.17+)'

function keyword(e: KeywordExpr, r: Renderer, ancestors: readonly Expr[]): Rendered | undefined {
  const v = e.value
  if (v.type === 'expansion') return undefined
  const fields = (r.state.options.keyword_fields ?? '').split(',').map((f) => f.trim()).filter((f) => f !== '')
  const qstr = r.state.options.keyword_qstr === 'true'
  if (v.type !== 'str' && v.type !== 'num') return undefined
  if (qstr) {
    const lucene = new TextRenderer(luceneDialect, { deferred: [], pipelineState: {}, options: {}, scratch: {} })
    return `qstr(${esqlString(lucene.keyword(e) as string)})`
  }
  if (fields.length === 0) return fail('backend.unsupported', KEYWORD_HELP, at(e.pos))
  const text = v.type === 'str' ? v : { type: 'str' as const, parts: [String(v.value)], cased: false }
  const contains = { ...text, parts: [{ special: 'any' as const }, ...text.parts, { special: 'any' as const }] }
  const or: Expr = { kind: 'or', args: fields.map((f) => ({ kind: 'field', field: f, value: contains, pos: e.pos })) }
  const out = r.render(or, ancestors)
  return typeof out === 'string' && fields.length > 1 ? r.group(out) : out
}

export const esqlHooks: Hooks = { node, field, keyword }
