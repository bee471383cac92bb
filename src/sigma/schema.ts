/**
 * zod schemas for the metadata of Sigma documents (SIGMA-NOTES §1.2, §1.3, §5.1, §6.1), as strict as pySigma
 * where it errors and lenient where the corpus needs it. The detection section is checked by detection.ts.
 * `validate` runs a schema, collects every issue and maps each issue path to a YAML position.
 */
import { z } from 'zod'
import { error, type Diagnostic } from '../diagnostics.js'
import type { Level, Status } from '../ir/rule.js'
import { whereIs, type DocContext } from './detection.js'
import { formatPath, type YamlPath } from './yaml.js'

type Msg = { error: (issue: { input?: unknown }) => string }
/** A message for a wrong type, or for a missing required field. */
const msg = (what: string): Msg => ({ error: (i) => (i.input === undefined ? `'${what}' is required` : `'${what}' must be ${typeName(what)}`) })
const typeName = (what: string): string => (LIST_FIELDS.has(what) ? 'a list' : 'a string')
const LIST_FIELDS = new Set(['references', 'tags', 'fields', 'falsepositives', 'scope', 'related'])

/** Optional: an absent key and an explicit YAML null both mean "not given" (pySigma `rule.get`). */
const opt = <T extends z.ZodType>(t: T) => t.nullish().transform((v) => v ?? undefined)

/** pySigma parses ids with Python's `uuid.UUID`: braces, `urn:uuid:` and hyphens are optional. */
export function isUuid(s: string): boolean {
  const hex = s.replace(/urn:|uuid:/g, '').replace(/^\{+|\}+$/g, '').replace(/-/g, '')
  return /^[0-9a-fA-F]{32}$/.test(hex)
}
const uuid = (what: string) => z.string(msg(what)).refine(isUuid, { error: `'${what}' must be a UUID` })

/** pySigma accepts `YYYY-MM-DD` and `YYYY/M/D` (years 1000-3999) and checks the calendar; we normalise to `YYYY-MM-DD`. */
export function normaliseDate(s: string): string | undefined {
  const m = /^([1-3]\d{3})-([01]\d)-([0-3]\d)$/.exec(s) ?? /^([1-3]\d{3})\/([01]?\d)\/([0-3]?\d)$/.exec(s)
  if (!m) return undefined
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}
const dateField = (what: string) =>
  z.union([z.string(), z.number()], { error: `'${what}' must be a date (YYYY-MM-DD)` }).transform((v, ctx) => {
    const d = normaliseDate(String(v))
    if (d === undefined) ctx.issues.push({ code: 'custom', message: `'${what}' value '${String(v)}' is not a valid date; use YYYY-MM-DD`, input: v })
    return d ?? ''
  })

/** Lists of text: numbers and booleans become strings (pySigma keeps any scalar). */
const text = z.union([z.string(), z.number(), z.boolean()], { error: 'list items must be strings' }).transform(String)
const textList = (what: string) => z.array(text, msg(what))

const ci = <T extends string>(what: string, values: readonly T[]) =>
  z.string(msg(what)).transform((v, ctx) => {
    const lower = v.toLowerCase() as T
    if (!values.includes(lower)) ctx.issues.push({ code: 'custom', message: `'${v}' is not a valid ${what}; expected one of ${values.join(', ')}`, input: v })
    return lower
  })

export const LEVELS: readonly Level[] = ['informational', 'low', 'medium', 'high', 'critical']
export const STATUSES: readonly Status[] = ['stable', 'test', 'experimental', 'deprecated', 'unsupported']
export const RELATED_TYPES = ['derived', 'obsolete', 'merged', 'renamed', 'similar', 'correlation'] as const

const nonEmpty = (what: string) => z.string(msg(what)).min(1, { error: `'${what}' must not be empty` })

/** Attributes common to rules, correlations and filters (pySigma `SigmaRuleBase.from_dict_common_params`). */
export const metaSchema = z.object({
  title: z.string(msg('title')).max(256, { error: "'title' must not be longer than 256 characters" }),
  id: opt(uuid('id')),
  name: opt(nonEmpty('name')),
  taxonomy: opt(nonEmpty('taxonomy')),
  related: opt(
    z.array(
      z.object(
        { id: uuid('related id'), type: ci('related type', RELATED_TYPES) },
        { error: 'related items must be maps with an id and a type' },
      ),
      msg('related'),
    ),
  ),
  status: opt(ci('status', STATUSES)),
  description: opt(z.string(msg('description'))),
  license: opt(z.string(msg('license'))),
  author: opt(z.string(msg('author'))),
  references: opt(textList('references')),
  tags: opt(
    z.array(
      z.string({ error: 'tags must be strings' }).refine((t) => t.includes('.'), {
        error: 'a tag must start with a namespace separated by a dot (e.g. attack.t1059)',
      }),
      msg('tags'),
    ),
  ),
  date: opt(dateField('date')),
  modified: opt(dateField('modified')),
  fields: opt(textList('fields')),
  falsepositives: opt(textList('falsepositives')),
  level: opt(ci('level', LEVELS)),
  scope: opt(textList('scope')),
})
export type Meta = z.output<typeof metaSchema>
export const META_KEYS: readonly string[] = Object.keys(metaSchema.shape)

const lsField = (what: string) => opt(z.string({ error: `logsource ${what} must be a string` }))
export const logsourceSchema = z
  .object(
    { category: lsField('category'), product: lsField('product'), service: lsField('service'), definition: lsField('definition') },
    msg('logsource'),
  )
  .loose()
  .refine((l) => l.category !== undefined || l.product !== undefined || l.service !== undefined, {
    error: 'logsource must have at least one of category, product or service',
  })

/** Spec tag syntax; pySigma only needs the dot, so a mismatch is a warning. */
export const TAG_PATTERN = /^[a-z0-9_-]+\.[a-z0-9._-]+$/

/** Run a schema over the raw value at `base`; every issue becomes a positioned diagnostic. */
export function validate<S extends z.ZodType>(schema: S, raw: unknown, base: YamlPath, ctx: DocContext): { value?: z.output<S>; diagnostics: Diagnostic[] } {
  const r = schema.safeParse(raw)
  if (r.success) return { value: r.data, diagnostics: [] }
  const diagnostics: Diagnostic[] = []
  for (const issue of r.error.issues) {
    const rel = issue.path.filter((p): p is string | number => typeof p !== 'symbol')
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined]
    for (const k of keys) {
      const path = [...base, ...rel, ...(k === undefined ? [] : [k])]
      const missing = k === undefined && valueAt(raw, rel) === undefined
      const message = k === undefined ? issue.message : `unknown key '${k}'`
      // A missing key has no node: point at its parent map.
      const at = whereIs(ctx, missing ? path.slice(0, -1) : path, missing || k !== undefined ? 'key' : 'value')
      diagnostics.push(error(missing ? 'rule.missing_field' : 'rule.invalid_field', message, { ...at, key: formatPath(path) }))
    }
  }
  return { diagnostics }
}

function valueAt(raw: unknown, path: readonly (string | number)[]): unknown {
  let v = raw
  for (const seg of path) {
    if (typeof v !== 'object' || v === null) return undefined
    v = (v as Record<string | number, unknown>)[seg]
  }
  return v
}
