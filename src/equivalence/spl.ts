/**
 * SPL queries (grammars/spl) evaluated with Splunk's documented search semantics:
 * - `field=value`: the whole field value, case-insensitively, `*` a wildcard (the only one; it cannot be escaped);
 *   field names are case-sensitive; a value that is an IPv4/IPv6 CIDR network matches addresses inside it
 *   (the search command's CIDR matching); `field=*` = the field has a value; comparisons are numeric.
 * - keywords search the raw event (here: the event's values joined by spaces) as Splunk's index does: a term
 *   matches only whole segments (bounded by major/minor breakers) unless a `*` opens that end. `segmentation:
 *   false` relaxes this to a plain substring search (Sigma's meaning), which the harness uses to explain
 *   disagreements as this documented limit.
 * - `regex`/`rex` run PCRE (here RE2, which has the same meaning for the patterns RE2 accepts), unanchored and
 *   case-sensitive unless `(?i)`; `eval`/`where` `=` compares text case-sensitively (`whereCaseInsensitive`
 *   relaxes it).
 * JSON null is not an extracted value (the field is absent).
 */
import { assertNever } from '../ir/expr.js'
import type { EventView } from '../eval/event.js'
import { SPL_WILDCARD, type SplEvalExpr, type SplPart, type SplQuery, type SplSearch, type SplValue } from '../../grammars/spl/index.js'
import { asNumber, cidrTest, patternMatch, regex, texts, Unevaluable, view, type Pattern, type QueryMatcher } from './common.js'

export interface SplSemantics {
  /** Keywords match whole index segments (Splunk). false: substring search. */
  readonly segmentation: boolean
  /** Keywords search the whole raw text, so a wildcard may span values (Splunk). false: each value on its own. */
  readonly rawText: boolean
  /** `where 'a'='b'` compares case-sensitively (Splunk eval). true: case-insensitively. */
  readonly whereCaseInsensitive: boolean
}

export const SPLUNK: SplSemantics = { segmentation: true, rawText: true, whereCaseInsensitive: false }

const BREAKERS = ' \\t\\r\\n\\[\\]<>(){}|!;,\'"*&?+/:=@.\\-$#%\\\\_'

const pattern = (parts: readonly SplPart[]): Pattern => parts.map((p) => (p === SPL_WILDCARD ? 'any' : (p as string)))

const reEscape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Events with fields added by rex/eval. */
interface State {
  readonly ev: EventView
  readonly raw: string
  readonly extra: Map<string, string | null>
}

function values(s: State, field: string): string[] {
  if (s.extra.has(field)) {
    const v = s.extra.get(field)
    return v === null || v === undefined ? [] : [v]
  }
  if (field === '_raw') return [s.raw]
  return texts(s.ev, field)
}

function valueMatches(v: SplValue, x: string): boolean {
  if (!v.parts.includes(SPL_WILDCARD)) {
    const cidr = cidrTest(v.text)
    if (cidr) return cidr(x)
  }
  return patternMatch(pattern(v.parts), x, true)
}

function keyword(v: SplValue, s: State, sem: SplSemantics): boolean {
  const parts = v.parts
  if (parts.length === 0) return s.raw === ''
  if (!sem.segmentation) {
    const p: Pattern = ['any', ...pattern(parts), 'any']
    return sem.rawText ? patternMatch(p, s.raw, true) : s.ev.scalars().some((x) => patternMatch(p, String(x), true))
  }
  const open = (p: SplPart | undefined): boolean => p === SPL_WILDCARD
  const body = parts.map((p) => (p === SPL_WILDCARD ? '.*' : reEscape(p as string))).join('')
  const start = open(parts[0]) ? '' : `(?:^|[${BREAKERS}])`
  const end = open(parts[parts.length - 1]) ? '' : `(?:$|[${BREAKERS}])`
  return regex(`${start}${body}${end}`, ['i', 's']).test(s.raw)
}

function search(q: SplSearch, s: State, sem: SplSemantics): boolean {
  switch (q.kind) {
    case 'and':
      return q.args.every((a) => search(a, s, sem))
    case 'or':
      return q.args.some((a) => search(a, s, sem))
    case 'not':
      return !search(q.arg, s, sem)
    case 'in':
      return values(s, q.field).some((x) => q.values.some((v) => valueMatches(v, x)))
    case 'keyword':
      return keyword(q.value, s, sem)
    case 'compare': {
      const xs = values(s, q.field)
      switch (q.op) {
        case '=':
          return xs.some((x) => valueMatches(q.value, x))
        case '!=':
          return xs.length > 0 && !xs.some((x) => valueMatches(q.value, x))
        default: {
          const n = asNumber(q.value.text)
          if (n === undefined) throw new Unevaluable(`comparison with a non-number '${q.value.text}'`)
          return xs.some((x) => {
            const m = asNumber(x)
            return m !== undefined && (q.op === '<' ? m < n : q.op === '<=' ? m <= n : q.op === '>' ? m > n : m >= n)
          })
        }
      }
    }
    default:
      return assertNever(q)
  }
}

type EvalResult = string | number | boolean | null

function evalExpr(e: SplEvalExpr, s: State, sem: SplSemantics): EvalResult {
  switch (e.kind) {
    case 'string':
    case 'number':
      return e.value
    case 'field':
      return values(s, e.name)[0] ?? null
    case 'not':
      return !truthy(evalExpr(e.arg, s, sem))
    case 'compare': {
      const a = evalExpr(e.left, s, sem)
      const b = evalExpr(e.right, s, sem)
      if (a === null || b === null) return false
      const eq = sem.whereCaseInsensitive ? String(a).toLowerCase() === String(b).toLowerCase() : String(a) === String(b)
      return e.op === '=' ? eq : !eq
    }
    case 'call': {
      const args = e.args
      if (e.name === 'if' && args.length === 3) return truthy(evalExpr(args[0] as SplEvalExpr, s, sem)) ? evalExpr(args[1] as SplEvalExpr, s, sem) : evalExpr(args[2] as SplEvalExpr, s, sem)
      if (e.name === 'isnotnull' && args.length === 1) return evalExpr(args[0] as SplEvalExpr, s, sem) !== null
      if (e.name === 'isnull' && args.length === 1) return evalExpr(args[0] as SplEvalExpr, s, sem) === null
      throw new Unevaluable(`eval function ${e.name}/${args.length}`)
    }
    default:
      return assertNever(e)
  }
}

const truthy = (x: EvalResult): boolean => x !== null && x !== false

/** Named groups of a pattern, in order (`(?<name>` and `(?P<name>`). */
const groupNames = (re: string): string[] => [...re.matchAll(/\(\?P?<([A-Za-z_]\w*)>/g)].map((m) => m[1] as string)

export function splMatcher(q: SplQuery, sem: SplSemantics = SPLUNK): QueryMatcher {
  return (event) => {
    const ev = view(event)
    const s: State = { ev, raw: ev.scalars().map(String).join(' '), extra: new Map() }
    if (q.search && !search(q.search, s, sem)) return false
    for (const st of q.stages) {
      switch (st.kind) {
        case 'search':
          if (!search(st.query, s, sem)) return false
          break
        case 'regex': {
          const re = regex(st.regex)
          const hit = values(s, st.field).some((x) => re.test(x))
          if (hit === st.negated) return false
          break
        }
        case 'rex': {
          const names = groupNames(st.regex)
          const re = regex(st.regex.replace(/\(\?<([A-Za-z_]\w*)>/g, '(?P<$1>'))
          const x = values(s, st.field)[0]
          const m = x === undefined ? null : re.matcher(x)
          const found = m !== null && m.find()
          for (const n of names) s.extra.set(n, found ? (m.group(n) ?? null) : null)
          break
        }
        case 'eval': {
          const v = evalExpr(st.expr, s, sem)
          s.extra.set(st.field, v === null ? null : String(v))
          break
        }
        case 'where':
          if (!truthy(evalExpr(st.expr, s, sem))) return false
          break
        default:
          return assertNever(st)
      }
    }
    return true
  }
}
