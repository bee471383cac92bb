/** Shared pieces of every Sigma document: common metadata, custom attributes, logsource. */
import { error, warning, type Diagnostic } from '../diagnostics.js'
import type { LogSource, RuleMeta } from '../ir/rule.js'
import { isPlainMap, whereIs, type DocContext } from './detection.js'
import { logsourceSchema, META_KEYS, metaSchema, TAG_PATTERN, validate } from './schema.js'

export interface Built<T> {
  readonly value?: T
  readonly diagnostics: readonly Diagnostic[]
}

export const hasErrors = (ds: readonly Diagnostic[]): boolean => ds.some((d) => d.severity === 'error')

const pick = (raw: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(keys.filter((k) => Object.hasOwn(raw, k)).map((k) => [k, raw[k]]))

/** Top-level keys the spec does not define, kept as written (`known` = the keys of this document kind). */
export function customAttributes(raw: Record<string, unknown>, known: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([k]) => !known.includes(k)))
}

/** Everything a RuleMeta needs except the kind-specific `custom` set. */
export function buildMeta(raw: Record<string, unknown>, ctx: DocContext, index: number, known: readonly string[]): Built<RuleMeta> {
  const r = validate(metaSchema, pick(raw, META_KEYS), [], ctx)
  const diagnostics: Diagnostic[] = [...r.diagnostics, ...tagWarnings(raw['tags'], ctx)]
  const m = r.value
  if (m === undefined) return { diagnostics }
  const meta: RuleMeta = {
    title: m.title,
    ...(m.id === undefined ? {} : { id: m.id }),
    ...(m.name === undefined ? {} : { name: m.name }),
    ...(m.status === undefined ? {} : { status: m.status }),
    ...(m.description === undefined ? {} : { description: m.description }),
    ...(m.license === undefined ? {} : { license: m.license }),
    ...(m.author === undefined ? {} : { author: m.author }),
    references: m.references ?? [],
    ...(m.date === undefined ? {} : { date: m.date }),
    ...(m.modified === undefined ? {} : { modified: m.modified }),
    tags: m.tags ?? [],
    ...(m.level === undefined ? {} : { level: m.level }),
    falsepositives: m.falsepositives ?? [],
    fields: m.fields ?? [],
    related: m.related ?? [],
    scope: m.scope ?? [],
    taxonomy: m.taxonomy ?? 'sigma',
    custom: customAttributes(raw, [...META_KEYS, ...known]),
    source: { ...(ctx.file === undefined ? {} : { file: ctx.file }), document: index },
  }
  return { value: meta, diagnostics }
}

function tagWarnings(tags: unknown, ctx: DocContext): Diagnostic[] {
  if (!Array.isArray(tags)) return []
  return tags.flatMap((t, i) =>
    typeof t === 'string' && t.includes('.') && !TAG_PATTERN.test(t)
      ? [warning('rule.tag_format', `tag '${t}' does not match the Sigma tag syntax (lowercase namespace.name)`, whereIs(ctx, ['tags', i], 'value'))]
      : [],
  )
}

const LOGSOURCE_KEYS = ['category', 'product', 'service', 'definition']

export function buildLogsource(raw: Record<string, unknown>, ctx: DocContext): Built<LogSource> {
  const ls = raw['logsource']
  if (ls === undefined) return { diagnostics: [error('rule.missing_field', "'logsource' is required", { ...whereIs(ctx, []), key: 'logsource' })] }
  if (!isPlainMap(ls)) return { diagnostics: [error('rule.invalid_field', "'logsource' must be a map", whereIs(ctx, ['logsource'], 'value'))] }
  const r = validate(logsourceSchema, ls, ['logsource'], ctx)
  if (r.value === undefined) return { diagnostics: r.diagnostics }
  const v = r.value
  const custom = customAttributes(ls, LOGSOURCE_KEYS)
  const value: LogSource = {
    ...(v.category === undefined ? {} : { category: v.category }),
    ...(v.product === undefined ? {} : { product: v.product }),
    ...(v.service === undefined ? {} : { service: v.service }),
    ...(v.definition === undefined ? {} : { definition: v.definition }),
    ...(Object.keys(custom).length > 0 ? { custom } : {}),
  }
  return { value, diagnostics: [] }
}
