/** Modifier semantics: the worked examples of SIGMA-NOTES §3, item shape, positions and every error case. */
import { describe, expect, it } from 'vitest'
import { ANY, ONE } from '../../src/ir/value.js'
import type { Value } from '../../src/ir/value.js'
import { MODIFIERS, buildDetectionItem, buildKeywordItem } from '../../src/sigma/modifiers.js'
import { VALUE_MODIFIERS } from '../../src/sigma/modifiers/value-modifiers.js'

function values(key: string, raw: unknown): readonly Value[] {
  const r = buildDetectionItem(key, raw)
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  return r.item!.values
}

/** Literal texts of an expansion (or a single string). */
function texts(v: Value | undefined): string[] {
  if (v?.type === 'expansion') return v.values.flatMap(texts)
  if (v?.type === 'str') return [v.parts.map((p) => (typeof p === 'string' ? p : '*')).join('')]
  throw new Error(`not a string: ${JSON.stringify(v)}`)
}

describe('base64 / base64offset (§3.4)', () => {
  const offsets: [string, string, string[]][] = [
    ['a|base64offset', 'ping', ['cGluZ', 'Bpbm', 'waW5n']],
    ['a|base64offset', 'whoami', ['d2hvYW1p', 'dob2Fta', '3aG9hbW']],
    ['a|base64offset', '/c calc', ['L2MgY2FsY', '9jIGNhbG', 'vYyBjYWxj']],
    ['a|wide|base64offset', 'ping', ['cABpAG4AZw', 'AAaQBuAGcA', 'wAGkAbgBnA']],
    ['a|utf16le|base64offset', 'ping', ['cABpAG4AZw', 'AAaQBuAGcA', 'wAGkAbgBnA']],
    // byte length, not character length: é is two UTF-8 bytes
    ['a|base64offset', 'é', ['w6', 'Op', 'Dq']],
  ]
  for (const [key, raw, expected] of offsets) it(`${key} ${raw}`, () => expect(texts(values(key, raw)[0])).toEqual(expected))

  it('base64offset|contains wraps each fragment and stays an OR expansion under all', () => {
    const r = buildDetectionItem('CommandLine|base64offset|contains|all', ['ping', 'whoami'])
    expect(r.item?.link).toBe('and')
    const [first] = r.item!.values
    expect(first).toEqual({
      type: 'expansion',
      values: ['cGluZ', 'Bpbm', 'waW5n'].map((s) => ({ type: 'str', parts: [ANY, s, ANY], cased: false })),
    })
  })

  const plain: [string, string, string][] = [
    ['a|base64', 'ping', 'cGluZw=='],
    ['a|base64', 'ab', 'YWI='],
    ['a|base64', 'abc', 'YWJj'],
    ['a|base64', 'Ü', 'w5w='],
    ['a|wide|base64', 'cmd', 'YwBtAGQA'],
    ['a|utf16be|base64', 'cmd', 'AGMAbQBk'],
    // BOM FF FE (pySigma wrongly emits the UTF-8 BOM EF BB BF here: 77u/YwBtAGQA)
    ['a|utf16|base64', 'cmd', '//5jAG0AZAA='],
  ]
  for (const [key, raw, expected] of plain) it(`${key} ${raw}`, () => expect(texts(values(key, raw)[0])).toEqual([expected]))
})

describe('UTF-16 (§3.5)', () => {
  const rows: [string, string, string][] = [
    ['a|wide', 'cmd', 'c\0m\0d\0'],
    ['a|utf16le', 'cmd', 'c\0m\0d\0'],
    ['a|utf16be', 'cmd', '\0c\0m\0d'],
    ['a|utf16', 'cmd', '\xff\xfec\0m\0d\0'],
    ['a|wide', 'é€', '\xe9\0\xac\x20'],
    ['a|utf16be', '€', '\x20\xac'],
    ['a|wide', '😀', '\x3d\xd8\x00\xde'],
  ]
  for (const [key, raw, bytes] of rows)
    it(`${key} ${JSON.stringify(raw)}`, () => expect(values(key, raw)[0]).toEqual({ type: 'str', parts: [bytes], cased: false, bytes: true }))
  it('keeps wildcards', () =>
    expect(values('a|wide|contains', 'cmd')[0]).toEqual({ type: 'str', parts: [ANY, 'c\0m\0d\0', ANY], cased: false, bytes: true }))
  it('contains before wide', () =>
    expect(values('a|contains|wide', 'c?')[0]).toEqual({ type: 'str', parts: [ANY, 'c\0', ONE, ANY], cased: false, bytes: true }))
})

describe('windash (§3.6)', () => {
  it('expands only \\B[-/]\\b positions, 5^n values, first position slowest', () => {
    const all = texts(values('a|windash', '-param /x a-b --y c/-d')[0])
    expect(all).toHaveLength(625)
    expect(all[0]).toBe('-param -x a-b --y c/-d')
    expect(all[1]).toBe('-param -x a-b --y c//d')
    expect(all[5]).toBe('-param -x a-b -/y c/-d')
    expect(all[624]).toBe('―param ―x a-b -―y c/―d')
    expect(new Set(all.map((s) => s.slice(6, 13)))).toEqual(new Set([' -x a-b', ' /x a-b', ' –x a-b', ' —x a-b', ' ―x a-b']))
  })
  const rows: [string, string[]][] = [
    [' -f ', [' -f ', ' /f ', ' –f ', ' —f ', ' ―f ']],
    ['noflags', ['noflags']],
    ['x-y', ['x-y']],
    ['-', ['-']],
    ['-é', ['-é', '/é', '–é', '—é', '―é']], // é is a word character for Python's \b
    ['é-x', ['é-x']],
    ['–x', ['–x']], // an en dash in the source is no anchor
  ]
  for (const [raw, expected] of rows) it(JSON.stringify(raw), () => expect(texts(values('a|windash', raw)[0])).toEqual(expected))
  it('keeps wildcards and works on both sides of contains', () => {
    const a = values('a|windash|contains', ' -f')[0]
    const b = values('a|contains|windash', ' -f')[0]
    expect(a).toEqual(b)
    expect(a?.type === 'expansion' && a.values[1]).toEqual({ type: 'str', parts: [ANY, ' /f', ANY], cased: false })
  })
  it('keeps cased (pySigma drops it when a position is expanded)', () => {
    const v = values('a|cased|windash', '-x')[0]
    expect(v?.type === 'expansion' && v.values.map((x) => x.type === 'str' && x.cased)).toEqual([true, true, true, true, true])
  })
})

describe('cidr (§3.8)', () => {
  const rows: [string, string, 4 | 6, string, number][] = [
    ['10.0.0.0/8', '10.0.0.0/8', 4, '10.0.0.0', 8],
    ['192.168.0.0/23', '192.168.0.0/23', 4, '192.168.0.0', 23],
    ['127.0.0.1', '127.0.0.1/32', 4, '127.0.0.1', 32],
    ['0.0.0.0/0', '0.0.0.0/0', 4, '0.0.0.0', 0],
    ['10.0.0.0/255.0.0.0', '10.0.0.0/8', 4, '10.0.0.0', 8],
    ['10.0.0.0/0.255.255.255', '10.0.0.0/8', 4, '10.0.0.0', 8],
    ['fc00::/7', 'fc00::/7', 6, 'fc00::', 7],
    ['FC00::/7', 'fc00::/7', 6, 'fc00::', 7],
    ['::1', '::1/128', 6, '::1', 128],
    ['::/0', '::/0', 6, '::', 0],
    ['2001:0db8:0000:0000:0000:0000:0000:0000/32', '2001:db8::/32', 6, '2001:db8::', 32],
    ['2001:db8:0:0:1:0:0:0/96', '2001:db8:0:0:1::/96', 6, '2001:db8:0:0:1::', 96],
    ['1:0:0:2:0:0:0:0/64', '1:0:0:2::/64', 6, '1:0:0:2::', 64],
    ['::ffff:10.0.0.0/104', '::ffff:a00:0/104', 6, '::ffff:a00:0', 104],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8/128', 6, '1:2:3:4:5:6:7:8', 128],
    ['1:0:2:3:4:5:6:7', '1:0:2:3:4:5:6:7/128', 6, '1:0:2:3:4:5:6:7', 128],
  ]
  for (const [raw, cidr, version, network, prefix] of rows)
    it(raw, () => expect(values('a|cidr', raw)[0]).toEqual({ type: 'cidr', cidr, version, network, prefix }))
  const bad = ['10.0.0.1/8', '10.0.0.0/33', '010.0.0.0/8', '10.0.0/8', '2001:db8::1/64', '1::2::3', 'x', '10.*', ' 10.0.0.0/8', '1/2/3', '::1/129', '10.0.0.0/255.0.255.0', '1:2:3:4:5:6:7:8:9', 'fe80::1%eth0']
  for (const raw of bad)
    it(`rejects ${raw}`, () => {
      const r = buildDetectionItem('a|cidr', raw)
      expect(r.item).toBeUndefined()
      expect(r.diagnostics[0]).toMatchObject({ severity: 'error', code: 'value.invalid', key: 'a|cidr' })
      expect(r.diagnostics[0]?.message).toContain('cidr')
    })
})

describe('other value modifiers', () => {
  const rows: [string, unknown, Value][] = [
    ['a|re', 'a.*b\\*', { type: 're', regex: 'a.*b\\*', flags: [] }],
    ['a|re|i', 'x', { type: 're', regex: 'x', flags: ['i'] }],
    ['a|re|s|m|i', 'x', { type: 're', regex: 'x', flags: ['i', 'm', 's'] }],
    ['a|re|ignorecase|multiline|dotall', 'x', { type: 're', regex: 'x', flags: ['i', 'm', 's'] }],
    ['a|re|contains', 'a.b', { type: 're', regex: '.*a.b.*', flags: [] }],
    ['a|re|contains', '^a.b$', { type: 're', regex: '^a.b$', flags: [] }],
    ['a|re|startswith', 'ab', { type: 're', regex: 'ab.*', flags: [] }],
    ['a|re|endswith', 'ab', { type: 're', regex: '.*ab', flags: [] }],
    ['a|re', 5, { type: 're', regex: '5', flags: [] }],
    ['a|re', '(?i)(?P<n>a)(?P=n)\\d+', { type: 're', regex: '(?i)(?P<n>a)(?P=n)\\d+', flags: [] }],
    ['a|cased', 'AbC', { type: 'str', parts: ['AbC'], cased: true }],
    ['a|cased|contains', 'AbC', { type: 'str', parts: [ANY, 'AbC', ANY], cased: true }],
    ['a|contains', '*abc', { type: 'str', parts: [ANY, 'abc', ANY], cased: false }],
    ['a|startswith', 'abc', { type: 'str', parts: ['abc', ANY], cased: false }],
    ['a|endswith', 'abc', { type: 'str', parts: [ANY, 'abc'], cased: false }],
    ['a|contains', '', { type: 'str', parts: [ANY], cased: false }],
    ['a|exists', true, { type: 'exists', exists: true }],
    ['a|exists', false, { type: 'exists', exists: false }],
    ['a|fieldref', 'b', { type: 'fieldref', field: 'b', match: 'eq' }],
    ['a|fieldref|startswith', 'b', { type: 'fieldref', field: 'b', match: 'startswith' }],
    ['a|fieldref|endswith', 'b', { type: 'fieldref', field: 'b', match: 'endswith' }],
    ['a|fieldref|contains', 'b', { type: 'fieldref', field: 'b', match: 'contains' }],
    ['a|fieldref|startswith|endswith', 'b', { type: 'fieldref', field: 'b', match: 'contains' }],
    ['a|lt', 5, { type: 'cmp', op: 'lt', value: 5 }],
    ['a|lte', 5.5, { type: 'cmp', op: 'lte', value: 5.5 }],
    ['a|gt', -1, { type: 'cmp', op: 'gt', value: -1 }],
    ['a|gte', 0, { type: 'cmp', op: 'gte', value: 0 }],
    ['a|hour', 22, { type: 'timepart', part: 'hour', op: 'eq', value: 22 }],
    ['a|hour|gte', 22, { type: 'timepart', part: 'hour', op: 'gte', value: 22 }],
    ['a|day', 1.7, { type: 'timepart', part: 'day', op: 'eq', value: 1 }],
    ['a|year|gt', 2020, { type: 'timepart', part: 'year', op: 'gt', value: 2020 }],
    ['a|expand', 'a%x%b%y%c', { type: 'str', parts: ['a', { placeholder: 'x' }, 'b', { placeholder: 'y' }, 'c'], cased: false }],
    ['a|expand', '\\%x%', { type: 'str', parts: ['%x%'], cased: false }],
    ['a|expand', '\\%x%y%', { type: 'str', parts: ['%x', { placeholder: 'y' }], cased: false }],
    ['a|expand|contains', '%x%', { type: 'str', parts: [ANY, { placeholder: 'x' }, ANY], cased: false }],
    ['a', '%x%', { type: 'str', parts: ['%x%'], cased: false }],
  ]
  for (const [key, raw, value] of rows) it(`${key}: ${JSON.stringify(raw)}`, () => expect(values(key, raw)).toEqual([value]))
})

describe('item shape and positions', () => {
  it('field, modifiers as written, link, negation, originalField, pos', () => {
    const r = buildDetectionItem('Image|endswith|neq', ['\\a.exe', '\\b.exe'], { line: 7, column: 9, key: 'detection.sel.Image|endswith|neq' })
    expect(r).toEqual({
      diagnostics: [],
      item: {
        kind: 'item',
        field: 'Image',
        modifiers: ['endswith', 'neq'],
        values: [
          { type: 'str', parts: [ANY, '\\a.exe'], cased: false },
          { type: 'str', parts: [ANY, '\\b.exe'], cased: false },
        ],
        link: 'or',
        negated: true,
        applied: [],
        originalField: 'Image',
        pos: { line: 7, column: 9 },
      },
    })
  })
  it('Field: [] and Field: null are null', () => {
    expect(values('a', [])).toEqual([{ type: 'null' }])
    expect(values('a|contains', [])).toEqual([{ type: 'null' }])
    expect(values('a', null)).toEqual([{ type: 'null' }])
  })
  it('|all is a keyword item with AND', () => {
    const r = buildDetectionItem('|all', ['a', 'b'])
    expect(r.item).toMatchObject({ field: null, originalField: null, link: 'and', modifiers: ['all'] })
  })
  it('keyword lists', () => {
    const r = buildKeywordItem(['a*', 5], { line: 2, column: 3 })
    expect(r).toEqual({
      diagnostics: [],
      item: {
        kind: 'item', field: null, modifiers: [], link: 'or', negated: false, applied: [], originalField: null,
        values: [{ type: 'str', parts: ['a', ANY], cased: false }, { type: 'num', value: 5 }],
        pos: { line: 2, column: 3 },
      },
    })
  })
  it('single-value all is allowed with a warning', () => {
    const r = buildDetectionItem('a|contains|all', 'x', { line: 1, column: 2 })
    expect(r.item?.link).toBe('and')
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'modifier.all_single_value', line: 1, column: 2 })])
  })
})

describe('errors', () => {
  const rows: [string, unknown, string, RegExp][] = [
    ['a|foo', 'x', 'modifier.unknown', /Unknown modifier 'foo'/],
    ['a|Contains', 'x', 'modifier.unknown', /'Contains'/],
    ['a||contains', 'x', 'modifier.unknown', /empty modifier/],
    ['a|', 'x', 'modifier.unknown', /empty modifier/],
    ['a|contains', 5, 'modifier.type', /'contains'.*number 5/],
    ['a|contains', true, 'modifier.type', /'contains'.*boolean true/],
    ['a|contains', null, 'modifier.type', /'contains'.*null/],
    ['a|startswith', 1.5, 'modifier.type', /'startswith'/],
    ['a|base64', 5, 'modifier.type', /'base64'/],
    ['a|windash', 5, 'modifier.type', /'windash'/],
    ['a|cased', 5, 'modifier.type', /'cased'/],
    ['a|i', 'x', 'modifier.type', /'i'.*expects regular expression/],
    ['a|gt', '5', 'modifier.type', /'gt'.*string '5'/],
    ['a|gt|lt', 5, 'modifier.type', /'lt'/],
    ['a|gte|hour', 5, 'modifier.type', /'hour'/],
    ['a|hour', 'x', 'modifier.type', /'hour'/],
    ['a|exists', 'yes', 'modifier.type', /'exists'.*string 'yes'/],
    ['|exists', true, 'modifier.type', /field/],
    ['a|contains|exists', true, 'modifier.type', /'contains'/],
    ['a|fieldref', 5, 'modifier.type', /'fieldref'/],
    ['a|expand', 5, 'modifier.type', /'expand'/],
    ['a|cidr|contains', '10.0.0.0/8', 'modifier.type', /'contains'.*CIDR/],
    ['a|contains|base64', 'ping', 'value.invalid', /wildcards/],
    ['a|base64', 'a*', 'value.invalid', /wildcards/],
    ['a|base64offset', 'a?b', 'value.invalid', /wildcards/],
    ['a|contains|re', 'x', 'modifier.order', /'re' must come before.*'contains'/],
    ['a|cased|re', 'x', 'modifier.order', /'re'/],
    ['a|contains|cidr', '10.0.0.0/8', 'modifier.order', /'cidr'/],
    ['a|cased|exists', true, 'modifier.type', /'cased'/],
    ['a|fieldref', 'b*', 'value.invalid', /wildcards/],
    ['a|re', 'a(b', 'value.invalid', /Regular expression 'a\(b' is invalid/],
    ['a|re', '[z-a]', 'value.invalid', /invalid/],
    ['a|re', '\\e', 'value.invalid', /bad escape/],
    ['a|re', 'a(?i)b', 'value.invalid', /global flags/],
    ['a|re', '(?<n>a)', 'value.invalid', /unknown extension/],
    ['a', ['x', ['y']], 'value.invalid', /Nested lists/],
    ['a', { b: 1 }, 'value.invalid', /map/],
    ['a', Number.NaN, 'value.invalid', /Invalid number/],
    ['|contains', [], 'value.invalid', /null/],
    ['|all', ['a', null], 'value.invalid', /null/],
  ]
  for (const [key, raw, code, message] of rows)
    it(`${key}: ${JSON.stringify(raw)} → ${code}`, () => {
      const r = buildDetectionItem(key, raw, { line: 4, column: 7 })
      expect(r.item).toBeUndefined()
      const errors = r.diagnostics.filter((d) => d.severity === 'error')
      expect(errors).toHaveLength(1)
      expect(errors[0]).toMatchObject({ code, line: 4, column: 7, key })
      expect(errors[0]?.message).toMatch(message)
    })
  it('uses the key path from the position when given', () =>
    expect(buildDetectionItem('a|foo', 'x', { line: 1, column: 1, key: 'detection.sel.a|foo' }).diagnostics[0]?.key).toBe('detection.sel.a|foo'))
  it('keyword null is an error', () => expect(buildKeywordItem([null]).diagnostics[0]?.code).toBe('value.invalid'))
  it('regexes that Python accepts are accepted', () => {
    for (const re of ['(?i)^a$', '(?s:a.b)', '(?-i:a)', 'a++b', '(?>a)', '(?#note)a', '\\Aab\\Z', '[]a]', '\\x41\\u0042', '[\\d\\s]', '(?<=a)b', '(?<!a)b'])
      expect(buildDetectionItem('a|re', re).diagnostics, re).toEqual([])
  })
})

describe('MODIFIERS', () => {
  const PYSIGMA = ['all', 'neq', 'base64', 'base64offset', 'cased', 'cidr', 'contains', 'day', 'dotall', 'endswith', 'exists', 'expand',
    'fieldref', 'gt', 'gte', 'hour', 'i', 'ignorecase', 'lt', 'lte', 'm', 'minute', 'month', 'multiline', 're', 'utf16', 'utf16be', 's',
    'startswith', 'week', 'wide', 'windash', 'year']
  it('has every pySigma modifier plus utf16le, and nothing else', () =>
    expect(Object.keys(MODIFIERS).sort()).toEqual([...PYSIGMA, 'utf16le'].sort()))
  it('implements every value modifier', () =>
    expect(Object.keys(MODIFIERS).filter((m) => !VALUE_MODIFIERS[m]).sort()).toEqual(['all', 'neq']))
})
