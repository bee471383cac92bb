/**
 * Expr → Elasticsearch query DSL as a native bool tree (SIGMA-NOTES §9.2): AND = bool.filter (no scoring),
 * OR = bool.should with minimum_should_match 1, NOT = bool.must_not; nested ANDs/ORs are flattened.
 * Field-less keywords go through query_string with Lucene escaping, matching the Lucene target.
 */
import type { Expr, KeywordExpr } from '../../../src/ir/expr.js'
import { assertNever } from '../../../src/ir/expr.js'
import { fail } from '../../../src/diagnostics.js'
import type { Value } from '../../../src/ir/value.js'
import { anyOf, fieldLeaf, mustNot, type Dsl } from './leaves.js'
import { at } from '../render.js'

const LUCENE_RESERVED = /[+\-=&|!(){}[\]<>^"~*?:\\/\s]/g

function keywordText(e: KeywordExpr, v: Value): string {
  switch (v.type) {
    case 'str': {
      let out = ''
      for (const p of v.parts) {
        if (typeof p === 'string') out += p.replace(LUCENE_RESERVED, (c) => '\\' + c)
        else if ('special' in p) out += p.special === 'any' ? '*' : '?'
        else fail('backend.unsupported', `keyword: the placeholder %${p.placeholder}% cannot be expressed (resolve it with a pipeline)`, at(e.pos))
      }
      return `*${out}*`
    }
    case 'num':
      return String(v.value)
    default:
      return fail('backend.unsupported', `keyword search with a ${v.type} value cannot be expressed in the query DSL`, at(e.pos))
  }
}

function keyword(e: KeywordExpr): Dsl {
  const v = e.value
  if (v.type === 'expansion') return anyOf(v.values.map((x) => ({ query_string: { query: keywordText(e, x), analyze_wildcard: true } })))
  return { query_string: { query: keywordText(e, v), analyze_wildcard: true } }
}

function flatten(kind: 'and' | 'or', args: readonly Expr[]): Expr[] {
  return args.flatMap((a) => (a.kind === kind ? flatten(kind, a.args) : [a]))
}

export function exprToDsl(e: Expr): Dsl {
  switch (e.kind) {
    case 'and':
      return { bool: { filter: flatten('and', e.args).map(exprToDsl) } }
    case 'or':
      return anyOf(flatten('or', e.args).map(exprToDsl))
    case 'not':
      return mustNot(exprToDsl(e.arg))
    case 'field':
      return fieldLeaf(e)
    case 'keyword':
      return keyword(e)
    default:
      return assertNever(e)
  }
}
