/**
 * No injection through values in the Lucene target: any Sigma value (quotes, backslashes, Lucene operators and
 * keywords, unicode, newlines, wildcards) rendered through the `lucene` backend parses with the `lucene` npm
 * parser (2.1.1, a proxy for Elasticsearch's query_string parser) as exactly one term of the field, with the same
 * literal characters and wildcards.
 *
 * Two corrections bring the npm grammar closer to Elasticsearch's (Lucene's classic QueryParser):
 * - whitespace there is space, tab, CR, LF, FF and U+3000, and `\` escapes any character; the npm grammar only
 *   knows `\␠`. So before parsing, raw U+3000 becomes a raw space (it must split the term as in ES) and a
 *   backslash before any of those whitespace characters becomes `\␠`; the expected text gets the same mapping.
 * - a whole unquoted term `AND`, `OR` or `NOT` is an operator token in ES (JavaCC picks the first of equally long
 *   tokens), though the npm parser reads it as a term, so such a term counts as a break-out.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import lucene, { type LuceneNode } from 'lucene'
import { createConverter } from '../../src/convert.js'
import { lucene as luceneBackend } from '../../backends/lucene/backend.js'
import { ANY, ONE, normParts, type StrPart } from '../../src/ir/value.js'

const FRAGMENTS = [
  '"', '\\', '(', ')', ':', '<', '>', '=', '*', '?', '{', '}', '[', ']', '^', '~', '!', '+', '-', '&&', '||', '/', "'",
  ' OR ', ' AND ', 'NOT ', 'OR', 'AND', ' TO ', ' ', '\n', '\r', '\t', '\f', '\u00a0', '\u3000', '_exists_', 'x', 'é', '😀',
]
const text = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: 'grapheme-ascii', maxLength: 5 }), fc.string({ maxLength: 3 })), { maxLength: 6 })
  .map((a) => a.join(''))
const parts = fc.array(fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: fc.constant<StrPart>(ANY) }, { weight: 1, arbitrary: fc.constant<StrPart>(ONE) }), { maxLength: 5 })
  .map((p) => normParts(p))

/** Sigma source text for the parts: `*`, `?` and `\` in literal text are escaped (SIGMA-NOTES §2.5). */
const sigmaText = (p: readonly StrPart[]): string =>
  p.map((x) => (typeof x === 'string' ? x.replace(/[*?\\]/g, '\\$&') : x === ANY ? '*' : '?')).join('')

const conv = createConverter({ target: luceneBackend, withoutPipeline: true })

function convert(value: string): string {
  const yaml = `title: t\nstatus: test\nlogsource: {product: windows}\ndetection:\n  sel:\n    f: ${JSON.stringify(value)}\n  condition: sel\n`
  const { results, diagnostics } = conv.convertText(yaml, 'p.yml')
  const errors = [...diagnostics, ...results.flatMap((r) => r.diagnostics)].filter((d) => d.severity === 'error')
  if (errors.length > 0) throw new Error(errors.map((d) => d.message).join('; '))
  return String(results[0]?.queries[0])
}

/** The term's characters as Sigma parts: `\c` is a literal c, bare `*`/`?` are wildcards (unquoted terms only). */
function termParts(term: string, quoted: boolean): StrPart[] {
  const out: StrPart[] = []
  for (let i = 0; i < term.length; i++) {
    const c = term[i] as string
    if (c === '\\' && i + 1 < term.length) out.push(term[++i] as string)
    else if (!quoted && c === '*') out.push(ANY)
    else if (!quoted && c === '?') out.push(ONE)
    else out.push(c)
  }
  return normParts(out)
}

const WS = /[\t\n\r\f\u3000]/
const toNpm = (q: string): string => q.replace(/\\[ \t\n\r\f\u3000]/g, '\\ ').replace(/\u3000/g, ' ')
const npmText = (p: readonly StrPart[]): StrPart[] => p.map((x) => (typeof x === 'string' ? x.replace(new RegExp(WS.source, 'g'), ' ') : x))

function singleTerm(ast: LuceneNode): LuceneNode {
  // The parser writes null for absent keys.
  expect(ast.operator ?? null).toBeNull()
  expect(ast.right ?? null).toBeNull()
  expect(ast.start ?? null).toBeNull()
  const left = ast.left as LuceneNode
  expect(left.left ?? null).toBeNull()
  expect(left.prefix ?? null).toBeNull()
  expect(left.regex).toBe(false)
  return left
}

describe('lucene: a value is always exactly one term', () => {
  it('field: value (lucene npm parser)', () => {
    fc.assert(
      fc.property(parts, (p) => {
        const query = convert(sigmaText(p))
        let ast: LuceneNode
        try {
          ast = lucene.parse(toNpm(query))
        } catch (e) {
          throw new Error(`unparsable: ${query} (${String(e)})`)
        }
        const t = singleTerm(ast)
        expect(t.field).toBe('f')
        if (t.quoted !== true) expect(['AND', 'OR', 'NOT']).not.toContain(t.term)
        expect(termParts(t.term ?? '', t.quoted === true)).toEqual(t.quoted === true ? p : npmText(p))
      }),
      // Known break-outs are always tried: raw control whitespace, and operator words as whole terms.
      { numRuns: 600, examples: [[['a\tb']], [['\r']], [['OR']], [['NOT']], [['a', ANY, 'b\nc']]] },
    )
  }, 120_000)
})
