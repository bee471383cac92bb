/**
 * Exactness of the regex and leading-whitespace conversions: for each converted value the produced KQL text is
 * parsed with the KQL grammar, evaluated with Kibana's keyword semantics (kql-eval.ts) and compared with the
 * project's Sigma evaluator (RE2 via src/eval/regex.ts for regexes, the case-sensitive glob for wildcards) on
 * generated strings: random strings over the pattern's own characters plus whitespace and other noise, and
 * instances of every produced pattern with random mutations, which land right beside each boundary.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { elasticKql } from '../../backends/elastic-kql/backend.js'
import type { QueryContext } from '../../src/backend.js'
import type { Expr } from '../../src/ir/expr.js'
import { ANY, type RegexFlag, type StrPart } from '../../src/ir/value.js'
import { compileRegex } from '../../src/eval/regex.js'
import { compileGlob, globMatch } from '../../src/eval/glob.js'
import { parseKql, type KqlNode, type KqlPart, type KqlValueExpr } from '../../grammars/kql/index.js'
import { evalKql } from './kql-eval.js'

const ctx = { rule: {} as unknown as QueryContext['rule'], index: 0, pipelineState: {}, options: {}, format: 'default' } satisfies QueryContext

/** Every regex of the corpus that converts, and edge cases of the conversion. */
const REGEXES: readonly (string | [string, RegexFlag[]])[] = [
  // corpus
  'APT\\d', 'ATK\\d', 'UNC\\d', 'UAC\\d', '-D', '\\s-[FTd]\\s', '\\s-sT\\s', '\\s-O\\s', '\\s-c\\s', '\\s-H\\s', '\\s-k\\s',
  '([0-9]|[1-9][0-9]|[1-4][0-9]{2})', '\\n\\n\\n\\n\\n\\n', '-k\\s\\w{1,64}(?:\\s?(?:-p|-s))?', '[a-zA-Z]:\\\\',
  '-1[0-9]{3}\\\\Software\\\\Classes\\\\', '\\$VerbosePreference\\.ToString\\(', 'https?://0[0-9]{1,11}',
  '\\\\wkssvc_?[0-9a-f]{2}', '\\\\windows\\.update\\.manager[0-9a-f]{2,3}', '\\\\mypipe-(?:f|h)[0-9a-f]{2}',
  // edges
  '^abc', '(^|/)x', '^\\sfoo', '^[ \\t]x', '^ ', 'a*', 'a?', '^', '(a|b)+c', 'x(a|)\\s*', 'a{2,}b', 'a{,2}b', '.*foo.*?',
  'a\\*b', 'x or y', 'not z', '"q"\\\\', '[\\]a-]z', '(?:not |or )x', '\\x41\\u00e9', '😀+', '(?P<n>ab|a)c', 'a|ab|b',
  'a.b|b', 'x\\s+y|y', 'a$|a', ['[0-9]+', ['i']], ['(?i)-\\d', []], ['x^y|z', []], ['^a', ['s']], 'c{0}d', '@kuery', '\\tx\\r', '(?:)', 'x\\{\\}\\(\\)<>:',
  // `$` = end of value (RE2)
  'foo$', '^foo$', '(a|b)c$', 'a$b|c', '\\.(exe|dll)$', '^$|x', '$', 'a$$', 'a$x*', '(x|y$)z?', 'ab$|b$', '^ab$|^a', 'x\\d{1,2}$', '^^a',
]

/** Wildcard values (case-sensitive) whose first literal starts with whitespace: term ranges. */
const PREFIXES: readonly StrPart[][] = [
  [' Mozilla/', ANY], [' C:\\Program Files (x86)\\Siber Systems\\AI RoboForm\\', ANY], ['\tab', ANY, 'c', ANY], [' a', ANY, 'b'],
  ['\u00a0é', ANY], [' z\u{10FFFF}', ANY], ['  or ', ANY, ' and x', ANY],
]

const NOISE = [' ', '\t', '\n', '\v', '\f', '\r', '\u00a0', 'x', 'Z', '0', '9', '-', '\\', ':', '*', 'é', '😀', '\u{10FFFF}', 'a', 'A']

function render(e: Expr): KqlNode {
  const q = elasticKql.convertCondition(e, ctx)
  const p = parseKql(q)
  expect(p.errors, q).toEqual([])
  return p.ast as KqlNode
}

/** Literal texts and wildcard patterns of a query: the seeds of the generated strings. */
function seeds(n: KqlNode): KqlPart[][] {
  const vals = (v: KqlValueExpr): KqlPart[][] => (v.kind === 'value' ? [[...v.value.parts]] : v.kind === 'not' ? vals(v.arg) : v.args.flatMap(vals))
  switch (n.kind) {
    case 'and':
    case 'or':
      return n.args.flatMap(seeds)
    case 'not':
      return seeds(n.arg)
    case 'match':
      return vals(n.value)
    case 'range':
      return [[n.value.text, { wildcard: true }]]
    default:
      return [[{ wildcard: true }]]
  }
}

function strings(ast: KqlNode, extra: readonly string[]): fc.Arbitrary<string> {
  const ps = seeds(ast)
  const alphabet = [...new Set([...NOISE, ...extra, ...ps.flatMap((p) => p.flatMap((x) => (typeof x === 'string' ? Array.from(x) : [])))])]
  const chunk = fc.array(fc.constantFrom(...alphabet), { maxLength: 6 }).map((a) => a.join(''))
  const random = fc.array(fc.oneof(chunk, fc.constantFrom(...ps.map((p) => p.map((x) => (typeof x === 'string' ? x : '')).join('')))), { maxLength: 4 }).map((a) => a.join(''))
  const instance = fc.tuple(fc.constantFrom(...ps), fc.array(chunk, { minLength: 8, maxLength: 8 }))
    .map(([p, fills]) => p.map((x, i) => (typeof x === 'string' ? x : (fills[i % 8] as string))).join(''))
  const mutated = fc.tuple(instance, fc.nat(), fc.constantFrom('del', 'ins', 'set'), fc.constantFrom(...alphabet)).map(([s, at, op, c]) => {
    const cs = Array.from(s)
    const i = cs.length === 0 ? 0 : at % (cs.length + (op === 'ins' ? 1 : 0))
    if (op === 'del') cs.splice(i, 1)
    else if (op === 'ins') cs.splice(i, 0, c)
    else cs[i] = c
    return cs.join('')
  })
  return fc.oneof(random, instance, mutated)
}

describe('elastic-kql regexes are exact', () => {
  it.each(REGEXES.map((x) => (typeof x === 'string' ? [x, [] as RegexFlag[]] : x)))('/%s/ %j', (regex, flags) => {
    const re = compileRegex(regex, flags)
    if (!re.ok) throw new Error(re.reason)
    const ast = render({ kind: 'field', field: 'f', value: { type: 're', regex, flags } })
    expect(evalKql(ast, {})).toBe(false)
    fc.assert(fc.property(strings(ast, Array.from(regex)), (s) => {
      expect(evalKql(ast, { f: s }), JSON.stringify(s)).toBe(re.re.test(s))
    }), { numRuns: 400 })
  })
})

describe('elastic-kql wildcard values that start with whitespace are exact', () => {
  it.each(PREFIXES)('%j', (...parts) => {
    const g = compileGlob(parts, true)
    if (g === null) throw new Error('glob')
    const ast = render({ kind: 'field', field: 'f', value: { type: 'str', parts, cased: false } })
    fc.assert(fc.property(strings(ast, []), (s) => {
      expect(evalKql(ast, { f: s }), JSON.stringify(s)).toBe(globMatch(g, s))
    }), { numRuns: 600 })
  })
})
