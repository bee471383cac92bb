/**
 * Kusto `where` predicates (grammars/kusto-where) evaluated with Kusto's documented semantics:
 * `=~ !~ in~ contains startswith endswith has` are case-insensitive, `== != in` and the `_cs` operators are
 * case-sensitive; `has` matches whole terms (maximal runs of letters and digits), `hasAsContains` relaxes it to a
 * substring; `matches regex` is RE2, unanchored and case-sensitive; comparisons are numeric.
 * Every field is taken as a string column: an absent field is the empty string (Kusto strings are never null),
 * so `isempty()` is true and `isnull()` false for it. `* op x` tests every value of the event.
 */
import type { KustoExpr, KustoQuery } from '../../grammars/kusto-where/index.js'
import { assertNever } from '../ir/expr.js'
import type { EventView } from '../eval/event.js'
import { parseIp } from '../eval/ip.js'
import { asNumber, regex, text, texts, Unevaluable, view, type QueryMatcher } from './common.js'

export interface KustoSemantics {
  /** A missing/null value is the empty string (Kusto string columns). false: it stays null (Sigma's distinction). */
  readonly nullIsEmpty: boolean
  /** `has` is a term match (Kusto). true: substring, as `contains`. */
  readonly hasAsContains: boolean
}

export const KUSTO: KustoSemantics = { nullIsEmpty: true, hasAsContains: false }

type Val = string | number | boolean | null

const isAlnum = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c)

/** `needle` as whole term(s) of `hay`: the match may not extend a run of letters/digits at either end. */
function termAt(hay: string, needle: string, prefixOnly: boolean, suffixOnly: boolean): boolean {
  const h = hay.toLowerCase()
  const n = needle.toLowerCase()
  if (n === '') return true
  for (let i = h.indexOf(n); i >= 0; i = h.indexOf(n, i + 1)) {
    const end = i + n.length
    const startOk = suffixOnly || !isAlnum(n[0]) || !isAlnum(h[i - 1])
    const endOk = prefixOnly || !isAlnum(n[n.length - 1]) || !isAlnum(h[end])
    if (startOk && endOk) return true
  }
  return false
}

/** A string operator (without `!`) on two texts. */
function stringOp(op: string, a: string, b: string, sem: KustoSemantics): boolean {
  const cs = op.endsWith('_cs')
  const base = cs ? op.slice(0, -3) : op
  const [x, y] = cs ? [a, b] : [a.toLowerCase(), b.toLowerCase()]
  switch (base) {
    case 'contains':
      return x.includes(y)
    case 'startswith':
      return x.startsWith(y)
    case 'endswith':
      return x.endsWith(y)
    case 'has':
      if (sem.hasAsContains) return x.includes(y)
      return cs ? termAt(a, b, false, false) && a.includes(b) : termAt(a, b, false, false)
    case 'hasprefix':
      return termAt(x, y, true, false)
    case 'hassuffix':
      return termAt(x, y, false, true)
    default:
      throw new Unevaluable(`string operator ${op}`)
  }
}

function equal(a: Val, b: Val, caseInsensitive: boolean): boolean {
  if (a === null || b === null) return false
  if (typeof a === 'number' || typeof b === 'number') {
    const [x, y] = [asNumber(String(a)), asNumber(String(b))]
    return x !== undefined && x === y
  }
  return caseInsensitive ? String(a).toLowerCase() === String(b).toLowerCase() : String(a) === String(b)
}

const V4_MAPPED = 0xffffn << 32n

/** ipv4_is_in_range / ipv6_is_in_range (the latter accepts IPv4 addresses and networks, mapped into IPv6). */
function inRange(addr: string, cidr: string, v6: boolean): boolean {
  const [netText, prefixText] = cidr.includes('/') ? cidr.split('/') : [cidr, undefined]
  const ip = parseIp(addr)
  const net = parseIp(netText as string)
  if (!ip || !net) return false
  const widen = (p: { version: 4 | 6; value: bigint }): bigint => (p.version === 4 ? V4_MAPPED | p.value : p.value)
  if (!v6) {
    if (ip.version !== 4 || net.version !== 4) return false
    const prefix = prefixText === undefined ? 32 : Number(prefixText)
    const shift = BigInt(32 - prefix)
    return ip.value >> shift === net.value >> shift
  }
  const prefix = (prefixText === undefined ? (net.version === 4 ? 32 : 128) : Number(prefixText)) + (net.version === 4 ? 96 : 0)
  const shift = BigInt(128 - prefix)
  return widen(ip) >> shift === widen(net) >> shift
}

class Evaluator {
  constructor(
    private readonly ev: EventView,
    private readonly sem: KustoSemantics,
  ) {}

  /** Values a side stands for: `*` = every value of the event. */
  private sides(e: KustoExpr): Val[] {
    if (e.kind === 'star') return this.ev.scalars().map(text).filter((t): t is string => t !== undefined)
    return [this.value(e)]
  }

  value(e: KustoExpr): Val {
    switch (e.kind) {
      case 'column':
        return texts(this.ev, e.name)[0] ?? (this.sem.nullIsEmpty ? '' : null)
      case 'string':
      case 'number':
      case 'bool':
        return e.value
      case 'star':
        throw new Unevaluable('* outside a string operator')
      case 'and':
        return e.args.every((a) => this.value(a) === true)
      case 'or':
        return e.args.some((a) => this.value(a) === true)
      case 'binary':
        return this.binary(e.op, e.left, e.right)
      case 'list':
        return this.list(e.op, e.left, e.items)
      case 'call':
        return this.call(e.name, e.args)
      default:
        return assertNever(e)
    }
  }

  private binary(op: string, left: KustoExpr, right: KustoExpr): boolean {
    const r = this.value(right)
    return this.sides(left).some((l) => this.binaryOne(op, l, r))
  }

  private binaryOne(op: string, l: Val, r: Val): boolean {
    switch (op) {
      case '=~':
        return equal(l, r, true)
      case '!~':
        return !equal(l, r, true)
      case '==':
        return equal(l, r, false)
      case '!=':
        return !equal(l, r, false)
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const [x, y] = [asNumber(String(l)), asNumber(String(r))]
        if (x === undefined || y === undefined) return false
        return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y
      }
      case 'matches regex':
        return l !== null && regex(String(r)).test(String(l))
      default: {
        if (l === null || r === null) return false
        const negated = op.startsWith('!')
        const hit = stringOp(negated ? op.slice(1) : op, String(l), String(r), this.sem)
        return negated ? !hit : hit
      }
    }
  }

  private list(op: string, left: KustoExpr, items: readonly KustoExpr[]): boolean {
    const vals = items.map((i) => this.value(i))
    return this.sides(left).some((l) => {
      switch (op) {
        case 'in':
          return vals.some((v) => equal(l, v, false))
        case 'in~':
          return vals.some((v) => equal(l, v, true))
        case '!in':
          return !vals.some((v) => equal(l, v, false))
        case '!in~':
          return !vals.some((v) => equal(l, v, true))
        case 'has_any':
          return l !== null && vals.some((v) => v !== null && stringOp('has', String(l), String(v), this.sem))
        case 'has_all':
          return l !== null && vals.every((v) => v !== null && stringOp('has', String(l), String(v), this.sem))
        default:
          throw new Unevaluable(`list operator ${op}`)
      }
    })
  }

  private call(name: string, args: readonly KustoExpr[]): Val {
    const arg = (i: number): Val => {
      const a = args[i]
      if (a === undefined) throw new Unevaluable(`${name}() with ${args.length} arguments`)
      return this.value(a)
    }
    switch (name) {
      case 'not':
        return arg(0) !== true
      case 'isnull':
        return arg(0) === null
      case 'isnotnull':
        return arg(0) !== null
      case 'isempty': {
        const v = arg(0)
        return v === null || (v === '' && this.sem.nullIsEmpty)
      }
      case 'isnotempty': {
        const v = arg(0)
        return v !== null && (v !== '' || !this.sem.nullIsEmpty)
      }
      case 'ipv4_is_in_range':
      case 'ipv6_is_in_range': {
        const [a, c] = [arg(0), arg(1)]
        return a !== null && c !== null && inRange(String(a), String(c), name === 'ipv6_is_in_range')
      }
      case 'tostring': {
        const v = arg(0)
        return v === null ? '' : String(v)
      }
      case 'tolower': {
        const v = arg(0)
        return v === null ? null : String(v).toLowerCase()
      }
      default:
        throw new Unevaluable(`function ${name}()`)
    }
  }
}

export function kustoMatcher(q: KustoQuery, sem: KustoSemantics = KUSTO): QueryMatcher {
  return (event) => new Evaluator(view(event), sem).value(q.where) === true
}
