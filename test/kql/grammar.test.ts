/**
 * The KQL grammar against Kibana's grammar.peggy semantics: each row is a query and what Kibana makes of it
 * (a compact rendering of the AST) or that Kibana rejects it.
 */
import { describe, expect, it } from 'vitest'
import { parseKql, type KqlLiteral, type KqlNode, type KqlValueExpr } from '../../grammars/kql/index.js'

const lit = (l: KqlLiteral): string =>
  (l.quoted ? 'Q' : 'U') + JSON.stringify(l.parts.map((p) => (typeof p === 'string' ? p : '<*>')).join('')) + (l.type === 'string' ? '' : `:${l.type}`)

function values(v: KqlValueExpr): string {
  switch (v.kind) {
    case 'value':
      return lit(v.value)
    case 'not':
      return `not(${values(v.arg)})`
    default:
      return `${v.kind}(${v.args.map(values).join(', ')})`
  }
}

function show(n: KqlNode): string {
  switch (n.kind) {
    case 'or':
    case 'and':
      return `${n.kind}(${n.args.map(show).join(', ')})`
    case 'not':
      return `not(${show(n.arg)})`
    case 'match':
      return `${n.field ? lit(n.field) : '*'}=${values(n.value)}`
    case 'exists':
      return `exists(${lit(n.field)})`
    case 'range':
      return `${lit(n.field)} ${n.op} ${lit(n.value)}`
    case 'nested':
      return `nested(${lit(n.path)}, ${show(n.query)})`
    case 'all':
      return 'all'
  }
}

const parsed = (q: string): string => {
  const r = parseKql(q)
  return r.ast ? show(r.ast) : `ERROR ${r.errors.map((e) => `${e.line}:${e.column}`).join(' ')}`
}

describe('KQL grammar (Kibana grammar.peggy semantics)', () => {
  const table: readonly [string, string][] = [
    ['', 'all'],
    ['   ', 'all'],
    ['a:b', 'U"a"=U"b"'],
    ['a : b', 'U"a"=U"b"'],
    ['a:b c  d ', 'U"a"=U"b c  d"'], // spaces inside an unquoted value are literal, ends are trimmed
    ['a:b or c:d and not e:f', 'or(U"a"=U"b", and(U"c"=U"d", not(U"e"=U"f")))'],
    ['a:b OR c:d AnD e:f', 'or(U"a"=U"b", and(U"c"=U"d", U"e"=U"f"))'], // keywords are case-insensitive
    ['(a:b or c:d) and e:f', 'and(or(U"a"=U"b", U"c"=U"d"), U"e"=U"f")'],
    ['a:(b or "c d" or e*)', 'U"a"=or(U"b", Q"c d", U"e<*>")'],
    ['a:(b and not c)', 'U"a"=and(U"b", not(U"c"))'],
    ['a:*', 'exists(U"a")'],
    ['not a:*', 'not(exists(U"a"))'],
    ['a:"*"', 'U"a"=Q"*"'], // no wildcard inside quotes
    ['a:\\*', 'U"a"=U"*"'], // an escaped star is literal
    ['a:*x\\*y*', 'U"a"=U"<*>x*y<*>"'],
    ['a:"x\\"y\\\\z"', 'U"a"=Q"x\\"y\\\\z"'],
    ['a:"x\\qy"', 'U"a"=Q"x\\\\qy"'], // an unknown escape keeps the backslash inside quotes
    ['a:"tab\\there"', 'U"a"=Q"tab\\there"'],
    ['a:"\\u0041"', 'U"a"=Q"A"'],
    ['a:"\\U0041"', 'U"a"=Q"\\\\U0041"'], // only a lower-case u starts a unicode escape
    ['a:\\(x\\)\\:\\<\\>\\{\\}\\"', 'U"a"=U"(x):<>{}\\""'],
    ['a:x\\u0020or\\u0020y', 'U"a"=U"x or y"'],
    ['a:x \\or y', 'U"a"=U"x or y"'],
    ['a:can\\not be', 'U"a"=U"can\\not be"'], // `\n` is read first: newline + "ot be"
    ['a:\\u0020x*', 'U"a"=U"x<*>"'], // escaped whitespace is trimmed too
    ['a:x@kuery-wildcard@y*', 'U"a"=U"x<*>y<*>"'], // Kibana's marker text becomes a wildcard
    ['a:null', 'U"a"=U"null":null'],
    ['a:true', 'U"a"=U"true":boolean'],
    ['a:"true"', 'U"a"=Q"true"'],
    ['a >= 5', 'U"a" gte U"5"'],
    ['a<"x"', 'U"a" lt Q"x"'],
    ['"a b":c', 'Q"a b"=U"c"'],
    ['x', '*=U"x"'],
    ['"x y" or z*', 'or(*=Q"x y", *=U"z<*>")'],
    ['a:{ b:c and d:e }', 'nested(U"a", and(U"b"=U"c", U"d"=U"e"))'],
    ['orange:or', 'U"orange"=U"or"'],
    ['a:nothing', 'U"a"=U"nothing"'],
    // rejected by Kibana
    ['cannot be', 'ERROR 1:4'],
    ['a:x not y', 'ERROR 1:5'],
    ['not not a', 'ERROR 1:5'],
    ['not(a)', 'ERROR 1:4'],
    ['a:"x', 'ERROR 1:3'],
    ['a:"\\"', 'ERROR 1:3'],
    ['a:x\\', 'ERROR 1:4'],
    ['a:x\\ y', 'ERROR 1:4'], // `\ ` is not an escape
    ['a:(b', 'ERROR 1:5'],
    ['a:b)', 'ERROR 1:4'],
    ['a:x?y', 'U"a"=U"x?y"'], // `?` is an ordinary character
  ]
  it.each(table)('%j → %s', (q, expected) => {
    expect(parsed(q)).toBe(expected)
  })

  it('limits nesting before chevrotain recurses', () => {
    const deep = '('.repeat(500) + 'a:b' + ')'.repeat(500)
    const r = parseKql(deep)
    expect(r.errors[0]?.code).toBe('kql.too_deep')
    expect(parseKql('not '.repeat(200) + 'a').errors[0]?.code).toBe('kql.too_deep')
    expect(parseKql('('.repeat(50) + 'a:b' + ')'.repeat(50)).errors).toEqual([])
  })

  it('reports positions on the offending line', () => {
    const r = parseKql('a:b and\nc:d and )')
    expect(r.errors[0]).toMatchObject({ code: 'kql.syntax', line: 2, column: 9 })
  })
})
