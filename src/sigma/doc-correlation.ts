/** A correlation document → SigmaCorrelation (SIGMA-NOTES §5.1-5.3; pySigma `SigmaCorrelationRule.from_dict`). */
import { z } from 'zod'
import { parseCondition } from '../../grammars/condition/index.js'
import { error, warning, type Diagnostic } from '../diagnostics.js'
import type { Condition } from '../ir/condition.js'
import type { CorrelationCondition, CorrelationOp, CorrelationType, SigmaCorrelation } from '../ir/rule.js'
import { isPlainMap, translate, whereIs, type DocContext } from './detection.js'
import { buildMeta, hasErrors, type Built } from './doc-meta.js'
import { validate } from './schema.js'

export const CORRELATION_TYPES: readonly CorrelationType[] = [
  'event_count', 'value_count', 'temporal', 'temporal_ordered', 'value_sum', 'value_avg', 'value_percentile', 'value_median',
]
const TEMPORAL: readonly CorrelationType[] = ['temporal', 'temporal_ordered']
const NEEDS_FIELD: readonly CorrelationType[] = ['value_count', 'value_sum', 'value_avg', 'value_percentile', 'value_median']
const OPS: readonly CorrelationOp[] = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq']
/** Seconds per unit; `M` and `y` as pySigma (average month / year). */
const UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800, M: 2629746, y: 31556952 }

const str = z.union([z.string(), z.number()], { error: 'must be a string' }).transform(String)
const strings = (what: string) => z.union([str, z.array(str)], { error: `'${what}' must be a string or a list of strings` }).transform((v) => (Array.isArray(v) ? v : [v]))
const opt = <T extends z.ZodType>(t: T) => t.nullish().transform((v) => v ?? undefined)

const correlationSchema = z.object(
  {
    type: z.string({ error: (i) => (i.input === undefined ? "correlation 'type' is required" : "correlation 'type' must be a string") }).transform((v, ctx) => {
      const t = v.toLowerCase() as CorrelationType
      if (!CORRELATION_TYPES.includes(t)) ctx.issues.push({ code: 'custom', message: `'${v}' is not a correlation type; expected one of ${CORRELATION_TYPES.join(', ')}`, input: v })
      return t
    }),
    rules: opt(strings('rules')),
    'group-by': opt(strings('group-by')),
    timespan: z.union([z.string(), z.number()], { error: (i) => (i.input === undefined ? "correlation 'timespan' is required" : "'timespan' must be a string like 5m") }).transform((v, ctx) => {
      const m = /^(\d+)([smhdwMy])$/.exec(String(v))
      if (!m) ctx.issues.push({ code: 'custom', message: `timespan '${String(v)}' is invalid; use <number><s|m|h|d|w|M|y>, e.g. 5m`, input: v })
      return { text: String(v), seconds: m ? Number(m[1]) * (UNITS[m[2] as string] ?? 0) : 0 }
    }),
    condition: z.unknown().optional(),
    aliases: opt(z.record(z.string(), z.record(z.string(), z.string(), { error: 'an alias maps rule names to field names' }), { error: "'aliases' must be a map" })),
    generate: opt(z.boolean({ error: "'generate' must be true or false" })),
  },
  { error: "'correlation' must be a map" },
).loose()

const count = z.union([z.number().int(), z.string().regex(/^\s*[+-]?\d+\s*$/)], { error: 'a correlation condition count must be an integer' }).transform(Number)
const conditionSchema = z.strictObject({
  ...Object.fromEntries(OPS.map((op) => [op, opt(count)])),
  field: opt(z.union([z.string(), z.array(z.string())], { error: "condition 'field' must be a string or a list of strings" })),
  percentile: opt(count),
}) as z.ZodType<Partial<Record<CorrelationOp, number>> & { field?: string | string[]; percentile?: number }>

type CondResult = SigmaCorrelation['condition']

export function buildCorrelation(raw: Record<string, unknown>, ctx: DocContext, index: number): Built<SigmaCorrelation> {
  const meta = buildMeta(raw, ctx, index, ['correlation', 'generate'])
  const diagnostics: Diagnostic[] = [...meta.diagnostics]
  const body = validate(correlationSchema, raw['correlation'], ['correlation'], ctx)
  diagnostics.push(...body.diagnostics)
  const c = body.value
  if (c === undefined || !meta.value) return { diagnostics }

  const at = (key: string, part: 'key' | 'value' = 'value') => whereIs(ctx, ['correlation', key], part)
  let rules = c.rules
  let condition: CondResult = null
  const rawCond = c.condition
  if (typeof rawCond === 'string') {
    if (!TEMPORAL.includes(c.type)) {
      diagnostics.push(error('correlation.condition', 'a condition expression over rule names is only allowed for temporal and temporal_ordered correlations', at('condition')))
    } else {
      const expr = expression(ctx, rawCond, diagnostics)
      if (expr) {
        condition = { expression: expr.condition, text: rawCond }
        if (rules === undefined) rules = expr.names
        else diagnostics.push(...compareRules(rules, expr.names, at('rules')))
      }
    }
  } else if (isPlainMap(rawCond)) {
    condition = thresholds(ctx, rawCond, diagnostics)
  } else if (rawCond === undefined || rawCond === null) {
    if (TEMPORAL.includes(c.type)) condition = { ops: [{ op: 'gte', count: rules?.length ?? 0 }] }
    else diagnostics.push(error('rule.missing_field', `a ${c.type} correlation needs a condition`, { ...at('type', 'key'), key: 'correlation.condition' }))
  } else {
    diagnostics.push(error('rule.invalid_field', 'correlation condition must be a map (e.g. {gte: 10}) or, for temporal types, a string expression', at('condition')))
  }
  // With an expression condition the rules come from it: its own errors already explain a failure.
  const fromExpression = typeof rawCond === 'string' && TEMPORAL.includes(c.type)
  if ((rules === undefined && !fromExpression) || rules?.length === 0) {
    diagnostics.push(error(rules === undefined ? 'rule.missing_field' : 'rule.invalid_field', 'a correlation must reference at least one rule', rules === undefined ? { ...whereIs(ctx, ['correlation']), key: 'correlation.rules' } : at('rules')))
  }
  if (NEEDS_FIELD.includes(c.type) && condition !== null && 'ops' in condition && condition.field === undefined) {
    diagnostics.push(error('correlation.condition', `a ${c.type} correlation needs condition.field`, at('condition')))
  }

  const inner = c.generate
  const outer = raw['generate']
  if (outer !== undefined && outer !== null && typeof outer !== 'boolean') diagnostics.push(error('rule.invalid_field', "'generate' must be true or false", whereIs(ctx, ['generate'], 'value')))
  if (typeof outer === 'boolean' && inner !== undefined && outer !== inner) {
    diagnostics.push(warning('correlation.generate', "'generate' is given twice with different values; using correlation.generate", at('generate')))
  }
  const generate = inner ?? (typeof outer === 'boolean' ? outer : false)

  if (hasErrors(diagnostics) || rules === undefined) return { diagnostics }
  const value: SigmaCorrelation = {
    kind: 'correlation',
    ...meta.value,
    type: c.type,
    rules,
    groupBy: c['group-by'] ?? [],
    timespan: c.timespan.seconds,
    timespanText: c.timespan.text,
    condition,
    aliases: c.aliases ?? {},
    generate,
    positions: positions(ctx, rules.length, c['group-by']?.length ?? 0),
  }
  return { value, diagnostics }
}

/** Key positions for later diagnostics (unknown rule names, group-by problems) that only conversion can find. */
function positions(ctx: DocContext, rules: number, groupBy: number): Record<string, { line: number; column: number }> {
  const out: Record<string, { line: number; column: number }> = {}
  const put = (name: string, path: (string | number)[]): void => {
    const w = whereIs(ctx, ['correlation', ...path], 'value')
    if (w.line !== undefined) out[name] = { line: w.line, column: w.column ?? 1 }
  }
  for (const k of ['type', 'rules', 'group-by', 'timespan', 'condition', 'aliases']) put(k, [k])
  for (let i = 0; i < rules; i++) put(`rules.${i}`, ['rules', i])
  for (let i = 0; i < groupBy; i++) put(`group-by.${i}`, ['group-by', i])
  return out
}

/** `{gte: 10, field: x}`: one or two comparisons (two = a range, which pySigma does not accept). */
function thresholds(ctx: DocContext, raw: Record<string, unknown>, diagnostics: Diagnostic[]): CorrelationCondition | null {
  const r = validate(conditionSchema, raw, ['correlation', 'condition'], ctx)
  diagnostics.push(...r.diagnostics)
  const v = r.value
  if (v === undefined) return null
  const ops = OPS.flatMap((op) => (v[op] === undefined ? [] : [{ op, count: v[op] as number }]))
  const where = whereIs(ctx, ['correlation', 'condition'], 'value')
  if (ops.length === 0 || ops.length > 2) {
    diagnostics.push(error('correlation.condition', `a correlation condition needs one comparison (${OPS.join(', ')}), or two for a range`, where))
    return null
  }
  if (ops.length === 2) diagnostics.push(warning('correlation.condition_range', 'a range condition (two comparisons) is not supported by pySigma', where))
  return { ops, ...(v.field === undefined ? {} : { field: v.field }), ...(v.percentile === undefined ? {} : { percentile: v.percentile }) }
}

/** Extended temporal condition: a boolean expression over rule names (and/or/not only). */
function expression(ctx: DocContext, text: string, diagnostics: Diagnostic[]): { condition: Condition; names: string[] } | undefined {
  const path = ['correlation', 'condition']
  const parsed = parseCondition(text)
  diagnostics.push(...parsed.diagnostics.map((d) => translate(ctx, path, d)))
  if (parsed.condition === undefined) return undefined
  const names: string[] = []
  let ok = true
  const visit = (c: Condition): void => {
    switch (c.kind) {
      case 'and':
      case 'or':
        c.args.forEach(visit)
        break
      case 'not':
        visit(c.arg)
        break
      case 'ref':
        if (!names.includes(c.name)) names.push(c.name)
        break
      case 'of':
        ok = false
        diagnostics.push(translate(ctx, path, { severity: 'error', code: 'correlation.condition', message: `'${c.quantifier} of ${c.pattern}' is not allowed in a correlation condition; name the rules`, line: c.span?.line ?? 1, column: c.span?.column ?? 1 }))
        break
    }
  }
  visit(parsed.condition)
  return ok ? { condition: parsed.condition, names } : undefined
}

function compareRules(rules: readonly string[], names: readonly string[], at: ReturnType<typeof whereIs>): Diagnostic[] {
  const out: Diagnostic[] = []
  const unused = rules.filter((r) => !names.includes(r))
  const undefinedNames = names.filter((n) => !rules.includes(n))
  if (unused.length > 0) out.push(error('correlation.condition', `rules listed but not used in the condition: ${[...unused].sort().join(', ')}`, at))
  if (undefinedNames.length > 0) out.push(error('correlation.condition', `rules used in the condition but not listed in rules: ${[...undefinedNames].sort().join(', ')}`, at))
  return out
}
