/**
 * One function per value modifier: the input types it accepts and what it makes of them (pySigma's
 * `sigma/modifiers.py`, SIGMA-NOTES §3). A function throws a SigmaError for a value it cannot take;
 * the caller adds the position.
 */
import { fail } from '../../diagnostics.js'
import { ANY, normParts } from '../../ir/value.js'
import type { CompareOp, FieldRefMatch, RegexFlag, StrPart, StrValue, TimePart, Value, ValueType } from '../../ir/value.js'
import { describeValue, plainText } from '../value.js'
import { base64Modifier, base64OffsetModifier, utf16Modifier } from './encoding.js'
import { windashModifier } from './windash.js'
import { parseCidr } from './cidr.js'
import { checkRegex, wrapRegex } from './regex.js'

/** What a modifier knows about its detection item. */
export interface ModifierContext {
  readonly name: string
  readonly field: string | null
  /** Value modifiers applied before this one. */
  readonly before: readonly string[]
}

export interface ValueModifier {
  readonly accepts: readonly ValueType[]
  readonly apply: (v: never, ctx: ModifierContext) => Value
}

type Of<T extends ValueType> = Extract<Value, { type: T }>

/** A typed modifier; `apply` only sees the accepted types. */
function mod<T extends ValueType>(accepts: readonly T[], apply: (v: Of<T>, ctx: ModifierContext) => Value): ValueModifier {
  return { accepts, apply: apply as (v: never, ctx: ModifierContext) => Value }
}

const isAny = (p: StrPart | undefined): boolean => p !== undefined && typeof p !== 'string' && 'special' in p && p.special === 'any'

function wildcardEnds(v: StrValue, start: boolean, end: boolean): StrValue {
  let parts = v.parts
  if (start && !isAny(parts[0])) parts = [ANY, ...parts]
  if (end && !isAny(parts[parts.length - 1])) parts = [...parts, ANY]
  return { ...v, parts: normParts(parts) }
}

function fieldRefMatch(m: FieldRefMatch, startsWith: boolean, endsWith: boolean): FieldRefMatch {
  const sw = startsWith || m === 'startswith' || m === 'contains'
  const ew = endsWith || m === 'endswith' || m === 'contains'
  return sw && ew ? 'contains' : sw ? 'startswith' : ew ? 'endswith' : 'eq'
}

/** contains / startswith / endswith (`start`/`end`: wildcard before/after): wildcards on strings, `.*` on regexes, match kind on field references. */
function anchored(start: boolean, end: boolean): ValueModifier {
  return mod(['str', 're', 'fieldref'], (v) => {
    switch (v.type) {
      case 'str':
        return wildcardEnds(v, start, end)
      case 're': {
        const regex = wrapRegex(v.regex, start, end)
        return { ...v, regex }
      }
      case 'fieldref':
        // A wildcard at the end means "starts with" and vice versa.
        return { ...v, match: fieldRefMatch(v.match, end, start) }
    }
  })
}

function mustBeFirst(ctx: ModifierContext, what: string): void {
  if (ctx.before.length > 0)
    fail('modifier.order', `Modifier '${ctx.name}' must come before any other value modifier (found after '${ctx.before.join('|')}'): ${what}`)
}

function regexFlag(flag: RegexFlag): ValueModifier {
  return mod(['re'], (v) => ({ ...v, flags: [...new Set([...v.flags, flag])].sort() }))
}

function compare(op: CompareOp): ValueModifier {
  return mod(['num', 'timepart'], (v, ctx) => {
    if (v.type === 'num') return { type: 'cmp', op, value: v.value }
    if (v.op !== 'eq') return fail('modifier.type', `Modifier '${ctx.name}' cannot follow another comparison modifier`)
    return { ...v, op }
  })
}

function timePart(part: TimePart): ValueModifier {
  // pySigma: SigmaTimestampPart(unit, int(number)); a time part is itself a number, so `hour|minute` re-targets it.
  return mod(['num', 'timepart'], (v, ctx) => {
    if (v.type === 'timepart' && v.op !== 'eq') return fail('modifier.type', `Modifier '${ctx.name}' cannot follow a comparison modifier`)
    return { type: 'timepart', part, op: 'eq', value: Math.trunc(v.value) }
  })
}

const PLACEHOLDER = /(?<!\\)%([^%]+)%/g

/** `%name%` → placeholder in literal parts; `\%` → `%` in the text around them (pySigma `insert_placeholders`). */
export function insertPlaceholders(v: StrValue): StrValue {
  const parts: StrPart[] = []
  for (const p of v.parts) {
    if (typeof p !== 'string') {
      parts.push(p)
      continue
    }
    let last = 0
    for (const m of p.matchAll(PLACEHOLDER)) {
      parts.push(p.slice(last, m.index).replaceAll('\\%', '%'), { placeholder: m[1]! })
      last = m.index + m[0].length
    }
    parts.push(p.slice(last).replaceAll('\\%', '%'))
  }
  return { ...v, parts: normParts(parts) }
}

export const VALUE_MODIFIERS: Readonly<Record<string, ValueModifier>> = {
  contains: anchored(true, true),
  startswith: anchored(false, true),
  endswith: anchored(true, false),
  base64: mod(['str'], (v) => base64Modifier(v)),
  base64offset: mod(['str'], (v) => base64OffsetModifier(v)),
  wide: mod(['str'], (v) => utf16Modifier(v, 'le')),
  utf16le: mod(['str'], (v) => utf16Modifier(v, 'le')),
  utf16be: mod(['str'], (v) => utf16Modifier(v, 'be')),
  utf16: mod(['str'], (v) => utf16Modifier(v, 'bom')),
  windash: mod(['str'], (v) => windashModifier(v)),
  re: mod(['str'], (v, ctx) => {
    const regex = plainText(v)
    mustBeFirst(ctx, `regular expression '${regex}'`)
    const problem = checkRegex(regex)
    if (problem !== undefined) fail('value.invalid', `Regular expression '${regex}' is invalid: ${problem}`)
    return { type: 're', regex, flags: [] }
  }),
  i: regexFlag('i'),
  ignorecase: regexFlag('i'),
  m: regexFlag('m'),
  multiline: regexFlag('m'),
  s: regexFlag('s'),
  dotall: regexFlag('s'),
  cased: mod(['str'], (v) => ({ ...v, cased: true })),
  cidr: mod(['str'], (v, ctx) => {
    const text = plainText(v)
    mustBeFirst(ctx, `CIDR value '${text}'`)
    const r = parseCidr(text)
    return r.ok ? r.value : fail('value.invalid', `Invalid CIDR expression for modifier 'cidr': ${r.error}`)
  }),
  exists: mod(['bool'], (v, ctx) => {
    if (ctx.field === null) fail('modifier.type', "Modifier 'exists' must be applied to a field, not to a keyword")
    mustBeFirst(ctx, `value ${v.value}`)
    return { type: 'exists', exists: v.value }
  }),
  fieldref: mod(['str'], (v) => {
    if (v.parts.some((p) => typeof p !== 'string' && 'special' in p))
      fail('value.invalid', `Field references must not contain wildcards (modifier 'fieldref', value '${plainText(v)}')`)
    return { type: 'fieldref', field: plainText(v), match: 'eq' }
  }),
  lt: compare('lt'),
  lte: compare('lte'),
  gt: compare('gt'),
  gte: compare('gte'),
  expand: mod(['str', 're'], (v) => (v.type === 'str' ? insertPlaceholders(v) : v)),
  minute: timePart('minute'),
  hour: timePart('hour'),
  day: timePart('day'),
  week: timePart('week'),
  month: timePart('month'),
  year: timePart('year'),
}

const TYPE_NAMES: Readonly<Record<ValueType, string>> = {
  str: 'string',
  num: 'number',
  bool: 'boolean',
  null: 'null',
  re: 'regular expression',
  cidr: 'CIDR network',
  cmp: 'comparison',
  exists: 'exists test',
  fieldref: 'field reference',
  timepart: 'timestamp part',
  expansion: 'expansion',
  query: 'query expression',
}

/** Apply a value modifier to one value; expansions are processed element-wise and stay expansions. */
export function applyValueModifier(m: ValueModifier, v: Value, ctx: ModifierContext): Value {
  if (v.type === 'expansion') {
    const values = v.values.flatMap((x) => {
      const r = applyValueModifier(m, x, ctx)
      return r.type === 'expansion' ? r.values : [r]
    })
    return { type: 'expansion', values }
  }
  if (!(m.accepts as readonly ValueType[]).includes(v.type)) {
    const expects = m.accepts.map((t) => TYPE_NAMES[t]).join(' or ')
    return fail('modifier.type', `Modifier '${ctx.name}' cannot be applied to ${describeValue(v)} (expects ${expects})`)
  }
  return (m.apply as (v: Value, ctx: ModifierContext) => Value)(v, ctx)
}
