/**
 * ES|QL `where` expressions (grammars/esql-where) evaluated with Elastic's documented semantics, every field taken
 * as a **keyword** field (the assumption, as for Lucene/KQL): `==`, `like`, `rlike`, `starts_with`, `ends_with`
 * compare case-sensitively (`caseInsensitive` relaxes it); `like` has the wildcards `*` and `?`, a backslash
 * escapes the next character; `rlike` is a Lucene regular expression matching the whole value; comparisons with
 * a number are numeric. Logic is three-valued: a missing field is null, a comparison with null is null, `not null`
 * is null and `where` keeps only true (`threeValued: false` relaxes it to Sigma's two-valued logic, where a
 * missing field makes a test false and its negation true). A multi-valued field is null (ES|QL's single-value
 * functions return null with a warning).
 */
import type { EsqlExpr, EsqlQuery } from '../../grammars/esql-where/index.js'
import { assertNever } from '../ir/expr.js'
import type { EventView } from '../eval/event.js'
import { asNumber, cidrTest, patternMatch, regex, texts, Unevaluable, view, type Pattern, type QueryMatcher } from './common.js'
import { luceneRegexToRe2 } from './lucene.js'

export interface EsqlSemantics {
  readonly caseInsensitive: boolean
  readonly threeValued: boolean
}

export const ESQL_KEYWORD: EsqlSemantics = { caseInsensitive: false, threeValued: true }

type Val = string | number | boolean | null

/** A `like` pattern: `*` any run, `?` one character, `\x` the character x. */
export function likePattern(p: string): Pattern {
  const out: (string | 'any' | 'one')[] = []
  let lit = ''
  for (let i = 0; i < p.length; i++) {
    const c = p[i] as string
    if (c === '\\' && i + 1 < p.length) lit += p[++i] as string
    else if (c === '*' || c === '?') {
      if (lit) out.push(lit)
      lit = ''
      out.push(c === '*' ? 'any' : 'one')
    } else lit += c
  }
  if (lit) out.push(lit)
  return out
}

class Evaluator {
  constructor(
    private readonly ev: EventView,
    private readonly sem: EsqlSemantics,
  ) {}

  /** Three-valued → what `where` keeps; in two-valued mode null tests are already false. */
  private bool(v: Val): boolean | null {
    if (v === null) return this.sem.threeValued ? null : false
    if (typeof v !== 'boolean') throw new Unevaluable(`a ${typeof v} used as a condition`)
    return v
  }

  private fold(a: string, b: string): [string, string] {
    return this.sem.caseInsensitive ? [a.toLowerCase(), b.toLowerCase()] : [a, b]
  }

  /** A test on a value: null in, null out (or false when two-valued). */
  private test(v: Val, f: (x: Val) => boolean): boolean | null {
    if (v === null) return this.sem.threeValued ? null : false
    return f(v)
  }

  value(e: EsqlExpr): Val {
    switch (e.kind) {
      case 'and': {
        const vs = e.args.map((a) => this.bool(this.value(a)))
        return vs.includes(false) ? false : vs.includes(null) ? null : true
      }
      case 'or': {
        const vs = e.args.map((a) => this.bool(this.value(a)))
        return vs.includes(true) ? true : vs.includes(null) ? null : false
      }
      case 'not': {
        const v = this.bool(this.value(e.arg))
        return v === null ? null : !v
      }
      case 'compare':
        return this.compare(e.op, this.value(e.left), this.value(e.right))
      case 'match': {
        const pat = this.value(e.right)
        if (typeof pat !== 'string') throw new Unevaluable(`${e.op} with a non-string pattern`)
        const hit = this.test(this.value(e.left), (x) => {
          const s = String(x)
          if (e.op === 'like') return patternMatch(likePattern(pat), s, this.sem.caseInsensitive)
          return regex(luceneRegexToRe2(pat), this.sem.caseInsensitive ? ['i', 's'] : ['s']).test(s)
        })
        return hit === null ? null : e.negated ? !hit : hit
      }
      case 'in': {
        const l = this.value(e.left)
        const hit = this.test(l, (x) => e.items.some((i) => this.compare('==', x, this.value(i)) === true))
        return hit === null ? null : e.negated ? !hit : hit
      }
      case 'isNull':
        return (this.value(e.arg) === null) !== e.negated
      case 'call':
        return this.call(e.name, e.args)
      case 'field': {
        const vs = texts(this.ev, e.name)
        return vs.length === 1 ? (vs[0] as string) : null
      }
      case 'string':
      case 'number':
      case 'bool':
        return e.value
      case 'badString':
        throw new Unevaluable(`the string literal ${e.image} holds an escape ES|QL rejects (only \\t \\n \\r \\" \\\\)`)
      case 'null':
        return null
      default:
        return assertNever(e)
    }
  }

  private compare(op: string, l: Val, r: Val): boolean | null {
    if (l === null || r === null) return this.sem.threeValued ? null : false
    if (typeof l === 'number' || typeof r === 'number') {
      const [x, y] = [asNumber(String(l)), asNumber(String(r))]
      if (x === undefined || y === undefined) return this.sem.threeValued ? null : false
      return op === '==' ? x === y : op === '!=' ? x !== y : op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y
    }
    const [a, b] = this.fold(String(l), String(r))
    switch (op) {
      case '==':
        return a === b
      case '!=':
        return a !== b
      default:
        throw new Unevaluable(`${op} on text`)
    }
  }

  private call(name: string, args: readonly EsqlExpr[]): Val {
    const vs = args.map((a) => this.value(a))
    const [a, b] = vs
    switch (name) {
      case 'starts_with':
      case 'ends_with': {
        if (a === undefined || a === null || b === undefined || b === null) return this.sem.threeValued ? null : false
        const [x, y] = this.fold(String(a), String(b))
        return name === 'starts_with' ? x.startsWith(y) : x.endsWith(y)
      }
      case 'to_lower':
      case 'to_upper':
        return a === undefined || a === null ? null : name === 'to_lower' ? String(a).toLowerCase() : String(a).toUpperCase()
      case 'cidr_match': {
        if (a === undefined || a === null) return this.sem.threeValued ? null : false
        return vs.slice(1).some((c) => {
          const t = c === null ? undefined : cidrTest(String(c))
          if (!t) throw new Unevaluable(`cidr_match with ${String(c)}`)
          return t(String(a))
        })
      }
      default:
        throw new Unevaluable(`function ${name}()`)
    }
  }
}

export function esqlMatcher(q: EsqlQuery, sem: EsqlSemantics = ESQL_KEYWORD): QueryMatcher {
  return (event) => new Evaluator(view(event), sem).value(q.where) === true
}
