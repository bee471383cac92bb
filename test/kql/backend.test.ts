/** elastic-kql renderings: Sigma detection → KQL text, or the refusal (code, construct, place). */
import { describe, expect, it } from 'vitest'
import { createConverter, type ConvertOptions } from '../../src/convert.js'
import { elasticKql } from '../../backends/elastic-kql/backend.js'
import { parseKql } from '../../grammars/kql/index.js'

const rule = (detection: string): string => `title: t
id: 8a6f7f2e-6a4c-4f0c-9d8e-0a1b2c3d4e5f
status: test
level: high
tags: [attack.execution, attack.t1059.001]
logsource: {product: windows, category: process_creation}
detection:
${detection}
`

function convert(detection: string, opts: Partial<ConvertOptions> = {}): { queries: readonly unknown[]; errors: string[] } {
  const c = createConverter({ target: elasticKql, withoutPipeline: true, ...opts })
  const { results, diagnostics } = c.convertText(rule(detection), 'r.yml')
  const errors = [...diagnostics, ...results.flatMap((r) => r.diagnostics)].filter((d) => d.severity === 'error').map((d) => `${d.code}@${d.line}:${d.column} ${d.message}`)
  return { queries: results.flatMap((r) => r.queries), errors }
}

const kql = (detection: string, opts: Partial<ConvertOptions> = {}): string => {
  const { queries, errors } = convert(detection, opts)
  expect(errors).toEqual([])
  const q = queries[0] as string
  expect(parseKql(q).errors).toEqual([])
  return q
}

describe('elastic-kql renderings', () => {
  const table: readonly [string, string, string][] = [
    ['exact string is a quoted phrase', '  sel: {Image: C:\\Windows\\System32\\cmd.exe}\n  condition: sel', 'Image:"C:\\\\Windows\\\\System32\\\\cmd.exe"'],
    ['endswith is an unquoted wildcard', "  sel: {Image|endswith: '\\powershell.exe'}\n  condition: sel", 'Image:*\\\\powershell.exe'],
    ['contains keeps inner spaces', "  sel: {CommandLine|contains: ' -enc '}\n  condition: sel", 'CommandLine:* -enc *'],
    ['a space after or/and/not is encoded', "  sel: {CommandLine|contains: 'cannot be or and x'}\n  condition: sel", 'CommandLine:*cannot\\u0020be or\\u0020and x*'],
    ['a word merely ending in or/and keeps its space', "  sel: {CommandLine|contains: 'color band x'}\n  condition: sel", 'CommandLine:*color band x*'],
    ['special characters are escaped', "  sel: {CommandLine|startswith: 'a(b):c<d>\"e{f}\\g'}\n  condition: sel", 'CommandLine:a\\(b\\)\\:c\\<d\\>\\"e\\{f\\}\\\\g*'],
    ['a literal star in a wildcard value', "  sel: {CommandLine|contains: 'a\\*b'}\n  condition: sel", 'CommandLine:*a\\*b*'],
    ['a literal star in an exact value', "  sel: {CommandLine: 'a\\*b'}\n  condition: sel", 'CommandLine:"a*b"'],
    ['tab and newline', "  sel: {CommandLine|contains: \"a\\tb\\nc\"}\n  condition: sel", 'CommandLine:*a\\tb\\nc*'],
    ['IN list mixes quoted and wildcard values', "  sel: {Image: ['a.exe', '*\\b.exe']}\n  condition: sel", 'Image:("a.exe" or *\\\\b.exe)'],
    ['numbers are bare', '  sel: {EventID: [4624, 4625]}\n  condition: sel', 'EventID:(4624 or 4625)'],
    ['compare', '  sel: {EventID|gte: 4624}\n  condition: sel', 'EventID >= 4624'],
    ['exists / not exists', '  sel: {a|exists: true, b|exists: false}\n  condition: sel', 'a:* and not b:*'],
    ['null', '  sel: {a: null}\n  condition: sel', 'not a:*'],
    ['not null is an existence test', '  sel: {a: null}\n  condition: not sel', 'a:*'],
    ['empty string', "  sel: {a: ''}\n  condition: sel", 'a:""'],
    ['bool', '  sel: {a: true}\n  condition: sel', 'a:true'],
    ['cidr as an ip term', "  sel: {ip|cidr: '10.0.0.0/8'}\n  condition: sel", 'ip:"10.0.0.0/8"'],
    ['keywords are substrings', "  kw: ['mimikatz', 'sekurlsa::logonpasswords']\n  condition: kw", '*mimikatz* or *sekurlsa\\:\\:logonpasswords*'],
    ['a keyword keeps whitespace at its ends', "  kw: ['chown root*chmod 4777 ', ' x']\n  condition: kw", '*chown root*chmod 4777 * or * x*'],
    ['grouping and negation', "  a: {x: 1}\n  b: {y: 2}\n  c: {z: 3}\n  condition: a and not (b or c)", 'x:1 and (not (y:2 or z:3))'],
    ['odd field names are quoted', "  sel: {'Event ID': 1, 'null': 2}\n  condition: sel", '"Event ID":1 and "null":2'],
    ['a regex equal to a wildcard', "  sel: {CommandLine|re: '-D'}\n  condition: sel", 'CommandLine:*-D*'],
    ['an anchored regex is a prefix', "  sel: {Image|re: '^C:\\\\x'}\n  condition: sel", 'Image:C\\:\\\\x*'],
    ['a regex with a class is a list', "  sel: {Signature|re: 'APT\\d'}\n  condition: not sel", 'not Signature:(*APT0* or *APT1* or *APT2* or *APT3* or *APT4* or *APT5* or *APT6* or *APT7* or *APT8* or *APT9*)'],
    ['a leading-whitespace prefix is a term range', "  sel: {Image|startswith: ' C:\\x'}\n  condition: sel", '(Image >= " C:\\\\x" and Image < " C:\\\\y")'],
    ['a term range with more pattern after it', "  sel: {Image: ' C:*b*'}\n  condition: not sel", 'not (Image >= " C:" and Image < " C;" and Image:*C\\:*b*)'],
    ['a term range keeps a value list apart', "  sel: {Image|startswith: [' a', 'b']}\n  condition: sel", '(Image >= " a" and Image < " b") or Image:b*'],
    ['an anchored regex with leading whitespace', "  sel: {a|re: '(^ |/)x'}\n  b: {c: 1}\n  condition: b and sel", 'c:1 and ((a >= " x" and a < " y") or a:*/x*)'],
    ['windash expansion is a list', "  sel: {CommandLine|windash|contains: '-enc'}\n  condition: sel", 'CommandLine:(*-enc* or */enc* or *–enc* or *—enc* or *―enc*)'],
  ]
  it.each(table)('%s', (_, detection, expected) => {
    expect(kql(detection)).toBe(expected)
  })

  it('SIGMA-NOTES ex1 with ecs_windows', () => {
    const q = kql(`  sel:
    Image|endswith: '\\powershell.exe'
    CommandLine|contains: [' -enc ', ' -EncodedCommand ']
  filter: {User: 'NT AUTHORITY\\SYSTEM'}
  condition: sel and not filter`, { pipelines: ['ecs_windows'] })
    expect(q).toBe('(process.executable:*\\\\powershell.exe and (process.command_line:(* -enc * or * -EncodedCommand *))) and (not user.name:"NT AUTHORITY\\\\SYSTEM")')
  })

  it('cidr_mode expand / refuse', () => {
    expect(kql("  sel: {ip|cidr: '10.0.0.0/15'}\n  condition: sel", { backendOptions: { cidr_mode: 'expand' } })).toBe('ip:(10.0.* or 10.1.*)')
    expect(convert("  sel: {ip|cidr: 'fc00::/7'}\n  condition: sel", { backendOptions: { cidr_mode: 'expand' } }).errors[0]).toMatch(/IPv6/)
    expect(convert("  sel: {ip|cidr: '10.0.0.0/8'}\n  condition: sel", { backendOptions: { cidr_mode: 'refuse' } }).errors[0]).toMatch(/^backend.unsupported@8:9 the cidr modifier/)
    expect(convert("  sel: {ip|cidr: '10.0.0.0/8'}\n  condition: sel", { backendOptions: { cidr_mode: 'bogus' } }).errors[0]).toMatch(/cidr_mode=bogus/)
  })
})

describe('elastic-kql refusals name the construct and its place', () => {
  const table: readonly [string, string, RegExp][] = [
    ['regex', "  sel: {CommandLine|re: 'a.*b'}\n  condition: sel", /^backend\.unsupported@8:9 the re modifier \(regular expression \/a\.\*b\/\) with unbounded repetition .*field 'CommandLine'.*cannot be expressed in KQL/],
    ['regex with .', "  sel: {CommandLine|re: 'a.b'}\n  condition: sel", /the re modifier \(regular expression \/a\.b\/\) with `\.` \(any character\) \(in field 'CommandLine'\)/],
    ['regex with too many alternatives', "  sel: {a|re: '[0-9]{4}'}\n  condition: sel", /with at least 10000 alternatives \(more than the regex_alternatives limit of 1024\)/],
    ['whitespace-only prefix before more pattern', "  sel: {Image: ' *x'}\n  condition: sel", /a wildcard value that starts with whitespace only, before its first wildcard/],
    ['leading and trailing whitespace', "  sel: {Image: ' a* '}\n  condition: sel", /starts with whitespace and ends with whitespace/],
    ['single-char wildcard', "  sel: {CommandLine|contains: 'a?b'}\n  condition: sel", /^backend\.unsupported@8:9 the single-character wildcard '\?'.*field 'CommandLine'/],
    ['fieldref', '  sel: {a|fieldref: b}\n  condition: sel', /^backend\.unsupported@8:9 the fieldref modifier .*'b'.*field 'a'/],
    ['time part', '  sel: {t|hour: 3}\n  condition: sel', /^backend\.unsupported@8:9 the hour modifier/],
    ['trailing whitespace with a wildcard', "  sel: {Image|endswith: ' '}\n  condition: sel", /starts or ends with whitespace.*field 'Image'/],
    ['the wildcard marker text', "  sel: {a|contains: 'x@kuery-wildcard@y'}\n  condition: sel", /@kuery-wildcard@/],
    ['regex after a keyword', "  kw: ['x']\n  sel: {a|re: 'x.y'}\n  condition: kw and sel", /^backend\.unsupported@9:9 the re modifier .* with `\.` \(any character\)/],
  ]
  it.each(table)('%s', (_, detection, expected) => {
    const { queries, errors } = convert(detection)
    expect(queries).toEqual([])
    expect(errors[0]).toMatch(expected)
  })
})

describe('elastic-kql regex options', () => {
  it('regex_alternatives bounds the expansion', () => {
    expect(kql("  sel: {a|re: 'x[0-9]'}\n  condition: sel", { backendOptions: { regex_alternatives: '10' } })).toMatch(/^a:\(\*x0\* or/)
    expect(convert("  sel: {a|re: 'x[0-9]'}\n  condition: sel", { backendOptions: { regex_alternatives: '9' } }).errors[0]).toMatch(/at least 10 alternatives \(more than the regex_alternatives limit of 9\)/)
    expect(convert("  sel: {a|re: 'x'}\n  condition: sel", { backendOptions: { regex_alternatives: 'many' } }).errors[0]).toMatch(/^config\.option.*regex_alternatives=many/)
  })

  it('dsl_kql with case_insensitive=true refuses case-sensitive regexes and ranges on letters', () => {
    expect(convert("  sel: {a|re: 'x'}\n  condition: sel", { format: 'dsl_kql' }).errors[0]).toMatch(/case-sensitive, together with case_insensitive=true/)
    expect(convert("  sel: {a|re: '-[0-9]'}\n  condition: sel", { format: 'dsl_kql' }).errors).toEqual([])
    expect(convert("  sel: {a|re: 'x'}\n  condition: sel", { format: 'dsl_kql', backendOptions: { case_insensitive: 'false' } }).errors).toEqual([])
    expect(convert("  sel: {a|startswith: ' x'}\n  condition: sel", { format: 'dsl_kql' }).errors[0]).toMatch(/a term range, which ignores case_insensitive=true/)
    expect(convert("  sel: {a|startswith: ' 1'}\n  condition: sel", { format: 'dsl_kql' }).errors).toEqual([])
  })
})

describe('elastic-kql formats', () => {
  it('siem_rule bodies say language kuery and carry the query', () => {
    const { queries } = convert('  sel: {a: 1}\n  condition: sel', { format: 'siem_rule_ndjson' })
    expect(queries[0]).toMatchObject({ type: 'query', language: 'kuery', query: 'a:1', rule_id: '8a6f7f2e-6a4c-4f0c-9d8e-0a1b2c3d4e5f', severity: 'high' })
    const { queries: q2 } = convert('  sel: {a: 1}\n  condition: sel', { format: 'siem_rule_alerting' })
    expect(q2[0]).toMatchObject({ rule_type_id: 'siem.queryRule', params: { language: 'kuery', query: 'a:1' } })
  })

  it('dsl_kql honours Sigma case-insensitivity and refuses cased under it', () => {
    expect(convert('  sel: {a: x}\n  condition: sel', { format: 'dsl_kql' }).queries[0]).toEqual({ query: { kql: { query: 'a:"x"', case_insensitive: true } } })
    expect(convert('  sel: {a|cased: x}\n  condition: sel', { format: 'dsl_kql' }).errors[0]).toMatch(/cased modifier together with case_insensitive=true/)
    const off = convert('  sel: {a|cased: x}\n  condition: sel', { format: 'dsl_kql', backendOptions: { case_insensitive: 'false' } })
    expect(off.queries[0]).toEqual({ query: { kql: { query: 'a:"x"', case_insensitive: false } } })
    // Kibana's KQL is case-sensitive on keyword fields, so `cased` renders like any other value there.
    expect(kql('  sel: {a|cased: x}\n  condition: sel')).toBe('a:"x"')
  })
})
