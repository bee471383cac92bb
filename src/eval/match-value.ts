/**
 * One Sigma value against one event field or the whole event (SIGMA-NOTES §2–§3): strings match the
 * whole value case-insensitively with `*`/`?` wildcards (`cased` = case-sensitive); numbers also match
 * numeric text (`EventID: 4624` matches "4624", as Windows exports hold it); regexes are case-sensitive
 * unanchored searches on RE2; `null` matches a missing or null field; `exists` tests the key only.
 * A multi-valued (array) field matches when any of its values does.
 */
import { assertNever } from '../ir/expr.js'
import { ANY } from '../ir/value.js'
import type { CompareOp, StrValue, Value } from '../ir/value.js'
import type { EventView, FieldLookup } from './event.js'
import { compileGlob, globMatch, type Glob } from './glob.js'
import { inCidr } from './ip.js'
import { compileRegex } from './regex.js'
import { timePart, wallClock } from './timestamp.js'

/** Where a leaf is, for diagnostics; `problem` collects what could not be evaluated. */
export interface MatchContext {
  readonly event: EventView
  readonly problem: (code: string, message: string) => void
}

/** A successful match: the value alternative that matched and the event value it matched. */
export interface Hit {
  readonly value: Value
  readonly matched?: unknown
}

// Values are immutable and shared by every event a rule is tested on: compile each glob once.
const globs = new WeakMap<StrValue, Glob | null>()
const keywordGlobs = new WeakMap<StrValue, Glob | null>()

function globOf(v: StrValue, keyword: boolean): Glob | null {
  const cache = keyword ? keywordGlobs : globs
  let g = cache.get(v)
  if (g === undefined) {
    // A keyword is searched for inside the values, as full-text search does.
    g = compileGlob(keyword ? [ANY, ...v.parts, ANY] : v.parts, v.cased)
    cache.set(v, g)
  }
  return g
}

/** Event scalar → the text string and regex values are matched against. */
const asText = (x: unknown): string | undefined =>
  typeof x === 'string' ? x : typeof x === 'number' || typeof x === 'boolean' ? String(x) : undefined

const NUMERIC = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/

const asNumber = (x: unknown): number | undefined =>
  typeof x === 'number' ? x : typeof x === 'string' && NUMERIC.test(x) ? Number(x) : undefined

function compare(op: CompareOp | 'eq', a: number, b: number): boolean {
  switch (op) {
    case 'lt':
      return a < b
    case 'lte':
      return a <= b
    case 'gt':
      return a > b
    case 'gte':
      return a >= b
    case 'eq':
      return a === b
    default:
      return assertNever(op)
  }
}

function fieldRefMatch(a: string, b: string, how: Extract<Value, { type: 'fieldref' }>['match']): boolean {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()]
  switch (how) {
    case 'eq':
      return x === y
    case 'startswith':
      return x.startsWith(y)
    case 'endswith':
      return x.endsWith(y)
    case 'contains':
      return x.includes(y)
    default:
      return assertNever(how)
  }
}

/** Does one event scalar match a value that compares contents (not null/exists/fieldref/expansion)? */
function scalarMatches(v: Value, x: unknown, ctx: MatchContext, keyword: boolean): boolean {
  switch (v.type) {
    case 'str': {
      const text = asText(x)
      if (text === undefined) return false
      const g = globOf(v, keyword)
      if (g === null) {
        ctx.problem('eval.unresolved_placeholder', 'the value holds an unresolved %placeholder% (resolve it with a pipeline)')
        return false
      }
      return globMatch(g, text)
    }
    case 'num':
      if (keyword) return asText(x)?.includes(String(v.value)) === true
      return asNumber(x) === v.value
    case 'bool':
      if (keyword) return asText(x)?.toLowerCase().includes(String(v.value)) === true
      return x === v.value || (typeof x === 'string' && x.toLowerCase() === String(v.value))
    case 're': {
      const text = asText(x)
      if (text === undefined) return false
      const re = compileRegex(v.regex, v.flags)
      if (!re.ok) {
        ctx.problem('eval.regex_unsupported', `regular expression '${v.regex}' cannot be evaluated: ${re.reason}`)
        return false
      }
      return re.re.test(text)
    }
    case 'cidr':
      return typeof x === 'string' && inCidr(v, x)
    case 'cmp': {
      const n = asNumber(x)
      return n !== undefined && compare(v.op, n, v.value)
    }
    case 'timepart': {
      const c = wallClock(x)
      return c !== undefined && compare(v.op, timePart(c, v.part), v.value)
    }
    case 'query':
      ctx.problem('eval.unsupported_value', `a query expression placeholder ('${v.expression}') cannot be evaluated against an event`)
      return false
    case 'null':
    case 'exists':
    case 'fieldref':
    case 'expansion':
      return false
    default:
      return assertNever(v)
  }
}

const isNullish = (f: FieldLookup): boolean => !f.present || f.values.length === 0 || f.values.some((x) => x === null)

/** `field` compared with `v`: the hit, or undefined when it does not match. */
export function matchField(field: string, v: Value, ctx: MatchContext): Hit | undefined {
  const f = ctx.event.lookup(field)
  switch (v.type) {
    case 'null':
      return isNullish(f) ? { value: v, matched: null } : undefined
    case 'exists':
      return f.present === v.exists ? { value: v } : undefined
    case 'expansion':
      for (const alt of v.values) {
        const hit = matchField(field, alt, ctx)
        if (hit) return hit
      }
      return undefined
    case 'fieldref': {
      const other = ctx.event.lookup(v.field).values.map(asText).filter((t): t is string => t !== undefined)
      for (const x of f.values) {
        const a = asText(x)
        if (a !== undefined && other.some((b) => fieldRefMatch(a, b, v.match))) return { value: v, matched: x }
      }
      return undefined
    }
    default:
      for (const x of f.values) if (scalarMatches(v, x, ctx, false)) return { value: v, matched: x }
      return undefined
  }
}

/** A field-less value searched in every string, number and boolean of the event (substring for plain strings). */
export function matchKeyword(v: Value, ctx: MatchContext): Hit | undefined {
  switch (v.type) {
    case 'expansion':
      for (const alt of v.values) {
        const hit = matchKeyword(alt, ctx)
        if (hit) return hit
      }
      return undefined
    case 'str':
    case 'num':
    case 'bool':
    case 're':
      for (const x of ctx.event.scalars()) if (scalarMatches(v, x, ctx, true)) return { value: v, matched: x }
      return undefined
    case 'null':
    case 'exists':
    case 'fieldref':
    case 'cidr':
    case 'cmp':
    case 'timepart':
    case 'query':
      ctx.problem('eval.keyword_type', `a ${v.type} value needs a field; it cannot be searched as a keyword`)
      return undefined
    default:
      return assertNever(v)
  }
}
