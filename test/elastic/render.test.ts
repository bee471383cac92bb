/** Elastic targets: the constructs where we differ from pySigma or where its overrides matter, as a table. */
import { describe, expect, it } from 'vitest'
import { createConverter } from '../../src/convert.js'
import type { Backend } from '../../src/backend.js'
import { lucene } from '../../backends/lucene/backend.js'
import { esql } from '../../backends/esql/backend.js'
import { eql } from '../../backends/eql/backend.js'

const rule = (detection: string): string => `title: T\nlogsource: {product: windows, category: process_creation}\ndetection:\n${detection}\n`

function convert(target: Backend, detection: string, backendOptions: Record<string, string> = {}): string[] | string {
  const { results } = createConverter({ target, withoutPipeline: true, backendOptions }).convertText(rule(detection))
  const r = results[0]
  if (!r) return 'no result'
  return r.ok ? r.queries.map(String) : `error: ${r.diagnostics.map((d) => d.message).join('; ')}`
}

const NOT_EXISTS_OR = '  a: {x: 1}\n  b: {y|exists: false}\n  condition: a or b'
const NEG_WINDASH = '  a: {c|windash|contains: -n}\n  b: {d: 1}\n  condition: not a and b'
const KEYWORDS = '  kw: [mimikatz, "a\\"b"]\n  condition: kw'
const NULLS = '  a: {x: 1}\n  f: {y: null}\n  condition: a and not f'
const IP_EMPTY = '  a: {ip: 10.1.2.3, e: "", v6: "::1", n: 010.1.2.3}\n  condition: a'
const CASED = '  a: {x|cased: [Ab, Cd]}\n  condition: a'
const CIDR6 = '  a: {ip|cidr: "fc00::/7"}\n  condition: a'
const FIELDREF = '  a: {x|fieldref: y}\n  condition: a'
// Backslashes, a literal star (`\*` in Sigma) and a tab: ES|QL escapes `like` patterns twice (pattern, then string),
// EQL patterns have no escape character (a literal star needs a regex).
const ESCAPES = String.raw`  a:
    Image|endswith: '\cmd.exe'
    CommandLine|contains: '\Desktop\'
    x: 'a\*b'
    y|contains: 'q\*r'
    z: "tab\there"
  condition: a`

describe('Elastic renderings', () => {
  it.each([
    ['lucene', lucene, NOT_EXISTS_OR, {}, ['x:1 OR (NOT _exists_:y)']],
    ['esql', esql, NOT_EXISTS_OR, {}, ['from * metadata _id, _index, _version | where x==1 or y is null']],
    ['eql', eql, NOT_EXISTS_OR, {}, ['any where x:1 or ?y == null']],
    ['lucene', lucene, NEG_WINDASH, {}, ['(NOT c:(*\\-n* OR *\\/n* OR *–n* OR *—n* OR *―n*)) AND d:1']],
    ['esql', esql, NEG_WINDASH, {}, ['from * metadata _id, _index, _version | where not (c like "*-n*" or c like "*/n*" or c like "*–n*" or c like "*—n*" or c like "*―n*") and d==1']],
    ['eql', eql, NEG_WINDASH, {}, ['any where (not c like~ ("*-n*", "*/n*", "*–n*", "*—n*", "*―n*")) and d:1']],
    ['lucene', lucene, KEYWORDS, {}, ['*mimikatz* OR *a\\"b*']],
    ['eql', eql, KEYWORDS, {}, ['any where "mimikatz" or "a\\"b"']],
    ['esql', esql, KEYWORDS, { keyword_fields: 'message,event.original' }, [
      'from * metadata _id, _index, _version | where (message like "*mimikatz*" or event.original like "*mimikatz*") or (message like "*a\\"b*" or event.original like "*a\\"b*")',
    ]],
    ['esql', esql, KEYWORDS, { keyword_fields: 'message' }, ['from * metadata _id, _index, _version | where message like "*mimikatz*" or message like "*a\\"b*"']],
    ['esql', esql, KEYWORDS, { keyword_qstr: 'true' }, ['from * metadata _id, _index, _version | where qstr("*mimikatz*") or qstr("*a\\\\\\"b*")']],
    ['lucene', lucene, NULLS, {}, ['x:1 AND _exists_:y']],
    ['eql', eql, NULLS, {}, ['any where x:1 and ?y != null']],
    ['esql', esql, NULLS, {}, ['from * metadata _id, _index, _version | where x==1 and not y is null']],
    ['eql', eql, IP_EMPTY, {}, ['any where ip=="10.1.2.3" and e=="" and v6=="::1" and n:"010.1.2.3"']],
    ['eql', eql, CASED, {}, ['any where x == "Ab" or x == "Cd"']],
    ['lucene', lucene, CIDR6, {}, ['ip:fc00\\:\\:\\/7']],
    ['esql', esql, CIDR6, {}, ['from * metadata _id, _index, _version | where cidr_match(ip, "fc00::/7")']],
    ['eql', eql, CIDR6, {}, ['any where cidrMatch(ip, "fc00::/7")']],
    ['esql', esql, FIELDREF, {}, ['from * metadata _id, _index, _version | where x==y']],
    ['lucene', lucene, '  a: {x: 1}\n  b: {y|exists: false}\n  condition: a and not b', {}, ['x:1 AND _exists_:y']],
    ['esql', esql, ESCAPES, {}, [String.raw`from * metadata _id, _index, _version | where ends_with(Image, "\\cmd.exe") and CommandLine like "*\\\\Desktop\\\\*" and x=="a*b" and y like "*q\\*r*" and z=="tab\there"`]],
    ['eql', eql, ESCAPES, {}, [String.raw`any where Image:"*\\cmd.exe" and CommandLine:"*\\Desktop\\*" and x regex~ """a\*b""" and y regex~ """.*q\*r.*""" and z:"tab\there"`]],
  ] as const)('%s #%#', (_id, target, detection, options, expected) => {
    expect(convert(target, detection, { ...options })).toEqual(expected)
  })

  it.each([
    ['esql', esql, KEYWORDS, /keyword_fields/],
    ['lucene', lucene, FIELDREF, /can't handle field references/],
    ['eql', eql, FIELDREF, /can't handle field references/],
    ['lucene', lucene, '  a: {x|re: "(?=y)"}\n  condition: a', /lookaround/],
  ] as const)('%s refuses clearly #%#', (_id, target, detection, message) => {
    expect(convert(target, detection)).toMatch(message)
  })
})
