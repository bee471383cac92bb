/**
 * EQL `where` expressions (grammars/eql-where) evaluated with Elastic's documented semantics, every field taken as a
 * **keyword** field: `:` is case-insensitive equality in which `*`/`?` are wildcards; `like`/`like~` are wildcard
 * matches (case-sensitive / -insensitive) in which every other character, the backslash included, is literal
 * (Elasticsearch's EQL turns `*`/`?` into a LIKE pattern whose escape character is U+0001, so nothing can escape a
 * wildcard: `eql/util/StringUtils.toLikePattern`); `==`/`!=` and `in` are exact and case-sensitive, `in~` case-insensitive; `regex`/`regex~` are
 * Lucene regular expressions matching the whole value; `cidrMatch` tests networks; comparisons with a number are
 * numeric. Conditions run as query DSL filters: a test on a missing field is false and `not` of it true (no null
 * propagation); a multi-valued field matches when one value does. A bare value (a field-less keyword) is not a
 * condition in EQL, so it is reported as unevaluable.
 */
import type { EqlExpr, EqlQuery } from '../../grammars/eql-where/index.js'
import { assertNever } from '../ir/expr.js'
import type { EventView } from '../eval/event.js'
import { asNumber, cidrTest, patternMatch, regex, texts, Unevaluable, view, type Pattern, type QueryMatcher } from './common.js'
import { luceneRegexToRe2 } from './lucene.js'
import { likePattern } from './esql.js'

/** EQL has no semantic switches to model (no relaxed variants are needed for the corpus). */
export type EqlSemantics = Readonly<Record<never, never>>

export const EQL_KEYWORD: EqlSemantics = {}

type Lit = string | number | boolean

const literal = (e: EqlExpr): Lit => {
  if (e.kind === 'string' || e.kind === 'number' || e.kind === 'bool') return e.value
  if (e.kind === 'badString') throw new Unevaluable(`the string literal ${e.image} holds an escape or a line break EQL rejects`)
  throw new Unevaluable(`a ${e.kind} on the right of an operator`)
}

const sameNumber = (x: string, y: number): boolean => asNumber(x) === y

class Evaluator {
  constructor(private readonly ev: EventView) {}

  /** A pattern without `*`/`?` is an equality; otherwise `*`/`?` are wildcards and everything else is literal. */
  private wildcard(pattern: string, s: string, ci: boolean): boolean {
    if (!/[*?]/.test(pattern)) return ci ? s.toLowerCase() === pattern.toLowerCase() : s === pattern
    return patternMatch(eqlPattern(pattern), s, ci)
  }

  /** One value against one literal under an operator (without list handling). */
  private one(op: string, s: string, lit: Lit): boolean {
    if (typeof lit !== 'string') {
      const n = typeof lit === 'number' ? lit : undefined
      switch (op) {
        case ':':
        case '==':
        case 'in':
        case 'in~':
        case 'like':
        case 'like~':
          return n === undefined ? s.toLowerCase() === String(lit) : sameNumber(s, n)
        case '<':
        case '<=':
        case '>':
        case '>=': {
          const x = asNumber(s)
          if (x === undefined || n === undefined) return false
          return op === '<' ? x < n : op === '<=' ? x <= n : op === '>' ? x > n : x >= n
        }
        default:
          throw new Unevaluable(`${op} with a number`)
      }
    }
    switch (op) {
      case ':':
      case 'like~':
        return this.wildcard(lit, s, true)
      case 'like':
        return this.wildcard(lit, s, false)
      case '==':
      case 'in':
        return s === lit
      case 'in~':
        return s.toLowerCase() === lit.toLowerCase()
      case 'regex':
      case 'regex~':
        return regex(luceneRegexToRe2(lit), op === 'regex~' ? ['i', 's'] : ['s']).test(s)
      default:
        throw new Unevaluable(`${op} on text`)
    }
  }

  private binary(op: string, left: EqlExpr, right: EqlExpr): boolean {
    if (left.kind !== 'field') throw new Unevaluable(`${op} with a ${left.kind} on the left`)
    const vals = texts(this.ev, left.name)
    if (right.kind === 'null') {
      if (op === '==') return vals.length === 0
      if (op === '!=') return vals.length > 0
      throw new Unevaluable(`${op} null`)
    }
    if (op === '!=') return !vals.some((s) => this.one('==', s, literal(right)))
    const lits = right.kind === 'list' ? right.items.map(literal) : [literal(right)]
    return vals.some((s) => lits.some((l) => this.one(op, s, l)))
  }

  test(e: EqlExpr): boolean {
    switch (e.kind) {
      case 'and':
        return e.args.every((a) => this.test(a))
      case 'or':
        return e.args.some((a) => this.test(a))
      case 'not':
        return !this.test(e.arg)
      case 'binary':
        return this.binary(e.op, e.left, e.right)
      case 'call':
        return this.call(e.name, e.args)
      case 'bool':
        return e.value
      case 'string':
      case 'number':
      case 'badString':
        throw new Unevaluable('a field-less value (EQL has no full-text search)')
      case 'list':
      case 'field':
      case 'null':
        throw new Unevaluable(`a ${e.kind} used as a condition`)
      default:
        return assertNever(e)
    }
  }

  private call(name: string, args: readonly EqlExpr[]): boolean {
    if (name !== 'cidrMatch') throw new Unevaluable(`function ${name}()`)
    const [f, ...nets] = args
    if (f?.kind !== 'field') throw new Unevaluable('cidrMatch without a field')
    const tests = nets.map((n) => {
      const t = cidrTest(String(literal(n)))
      if (!t) throw new Unevaluable(`cidrMatch with ${String(literal(n))}`)
      return t
    })
    return texts(this.ev, f.name).some((s) => tests.some((t) => t(s)))
  }
}

/** An EQL wildcard pattern: `*` any run, `?` one character, nothing escapes. */
export const eqlPattern = (p: string): Pattern => likePattern(p.replace(/\\/g, '\\\\'))

export function eqlMatcher(q: EqlQuery, sem: EqlSemantics = EQL_KEYWORD): QueryMatcher {
  void sem
  return (event) => new Evaluator(view(event)).test(q.where)
}
