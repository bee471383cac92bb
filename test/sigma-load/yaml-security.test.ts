/** SECURITY-NOTES §5 YAML cases (8, 9, 11-16) and the load limits. */
import { describe, expect, it } from 'vitest'
import { loadSigma } from '../../src/sigma/load.js'
import { parseYaml, DEFAULT_LIMITS } from '../../src/sigma/yaml.js'

const RULE = `title: t
logsource:
  product: windows
detection:
  sel:
    Image: x
  condition: sel
`
const codes = (text: string, limits = {}) => loadSigma(text, { file: 'f.yml', limits }).diagnostics.map((d) => d.code)

describe('YAML safety', () => {
  it.each([
    ['__proto__', `__proto__: {isAdmin: true}\n${RULE}`, 1, 1],
    ['constructor', `${RULE}constructor: x\n`, 8, 1],
    ['nested prototype', `${RULE}custom:\n  prototype: 1\n`, 9, 3],
  ])('#8 reserved key %s is rejected with its position', (_, text, line, column) => {
    const r = loadSigma(text, { file: 'f.yml' })
    expect(r.documents).toEqual([])
    expect(r.diagnostics).toMatchObject([{ severity: 'error', code: 'yaml.reserved_key', file: 'f.yml', line, column }])
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined()
  })

  it('#9 alias bomb is rejected quickly (aliases are not allowed at all)', () => {
    const lol = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for (let i = 1; i < 9; i++) lol.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`)
    const t0 = Date.now()
    const r = loadSigma(lol.join('\n'), { file: 'bomb.yml' })
    expect(Date.now() - t0).toBeLessThan(2000)
    expect(r.documents).toEqual([])
    expect(r.diagnostics[0]).toMatchObject({ code: 'yaml.alias', line: 2 })
    expect(r.diagnostics.every((d) => d.code === 'yaml.alias')).toBe(true)
  })

  it('a single alias in a rule is an error at the alias', () => {
    const r = loadSigma(`${RULE}x: &v 1\ny: *v\n`)
    expect(r.diagnostics).toMatchObject([{ code: 'yaml.alias', line: 9, column: 1, key: 'y' }])
  })

  it.each([
    ['flow', 'a: ' + '['.repeat(10_000) + ']'.repeat(10_000)],
    ['flow maps', 'a: ' + '{a: '.repeat(5_000) + '1' + '}'.repeat(5_000)],
    ['block', Array.from({ length: 2_000 }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' v'],
    ['compact sequences', '- '.repeat(20_000) + 'x'],
  ])('#11 deep nesting (%s) is a diagnostic, never a RangeError or crash', (_, text) => {
    const r = loadSigma(text, { file: 'deep.yml' })
    expect(r.documents).toEqual([])
    expect(r.diagnostics).toMatchObject([{ severity: 'error', code: 'yaml.too_large', file: 'deep.yml' }])
  })

  it('deep inputs in a row never reach the parser (V8 aborted the process on the 2nd one in research runs)', () => {
    for (let i = 0; i < 5; i++) {
      expect(codes('a: ' + '['.repeat(10_000 + i) + ']'.repeat(10_000 + i))).toEqual(['yaml.too_large'])
    }
  })

  it('no state leaks between parses (yaml writes into its options object)', () => {
    expect(codes(`${RULE}x: !!js/function "f"\n`)).toEqual(['yaml.tag'])
    expect(codes(RULE)).toEqual([])
  })

  it('nesting just under the limit still parses', () => {
    const r = parseYaml('a: ' + '['.repeat(60) + ']'.repeat(60), undefined)
    expect(r.diagnostics).toEqual([])
  })

  it('#12 duplicate keys: line 2 column 1', () => {
    const r = loadSigma('title: a\ntitle: b\n', { file: 'dup.yml' })
    expect(r.documents).toEqual([])
    expect(r.diagnostics).toEqual([
      { severity: 'error', code: 'yaml.duplicate_key', message: "duplicate key 'title'", file: 'dup.yml', line: 2, column: 1, key: 'title' },
    ])
  })

  it('duplicate keys deep inside the detection are all reported', () => {
    const r = loadSigma(`${RULE.replace('    Image: x\n', '    Image: x\n    Image: y\n')}logsource: {}\n`)
    expect(r.diagnostics.map((d) => [d.code, d.line, d.column, d.key])).toEqual([
      ['yaml.duplicate_key', 7, 5, 'detection.sel.Image'],
      ['yaml.duplicate_key', 9, 1, 'logsource'],
    ])
  })

  it('#13 6 000 keys load (O(n) duplicate check)', () => {
    const keys = Array.from({ length: 6_000 }, (_, i) => `k${i}: v${i}`).join('\n')
    const t0 = Date.now()
    const r = loadSigma(`${RULE}${keys}\n`)
    const ms = Date.now() - t0
    expect(r.diagnostics).toEqual([])
    expect(Object.keys(r.documents[0]?.kind === 'rule' ? r.documents[0].custom : {}).length).toBe(6_000)
    expect(ms).toBeLessThan(5_000) // generous: only guards against the O(n²) check
  })

  it('a map over the key cap is a limit error', () => {
    const keys = Array.from({ length: 50 }, (_, i) => `k${i}: v`).join('\n')
    expect(codes(keys, { maxMapKeys: 10 })).toEqual(['yaml.too_large'])
  })

  it.each([
    ['!!js/function "function(){}"', '!!js/function'],
    ['!js/regexp /a+/', '!js/regexp'],
    ['!!binary aGVsbG8=', '!!binary'],
    ['!!set {a, b}', '!!set'],
    ['!!timestamp 2024-01-01', '!!timestamp'],
  ])('#14 tag %s is rejected, nothing is resolved', (value, tag) => {
    const r = loadSigma(`${RULE}custom: ${value}\n`, { file: 't.yml' })
    expect(r.documents).toEqual([])
    expect(r.diagnostics).toHaveLength(1)
    expect(r.diagnostics[0]).toMatchObject({ code: 'yaml.tag', line: 8, column: 1, key: 'custom' })
    expect(r.diagnostics[0]?.message).toContain(tag)
  })

  it('harmless core tags (!!str) are allowed', () => {
    const r = loadSigma(RULE.replace('Image: x', 'Image: !!str 12'))
    expect(r.diagnostics).toEqual([])
  })

  it('#15 several documents are allowed up to the cap', () => {
    const three = [RULE, RULE, RULE].join('---\n')
    expect(loadSigma(three).documents).toHaveLength(3)
    const r = loadSigma(three, { file: 'm.yml', limits: { maxDocuments: 2 } })
    expect(r.documents).toHaveLength(2)
    expect(r.diagnostics).toMatchObject([{ code: 'yaml.too_large', line: 16 }]) // the third document's `---`
  })

  it('#16 a list longer than the cap is a limit error; the corpus maximum (4 432) fits the default', () => {
    const big = Array.from({ length: 10_001 }, (_, i) => `    - v${i}`).join('\n')
    const r = loadSigma(`${RULE.replace('    Image: x\n', '    Image:\n' + big + '\n')}`)
    expect(r.documents).toEqual([])
    expect(r.diagnostics).toMatchObject([{ code: 'yaml.too_large', key: 'detection.sel.Image', line: 6, column: 5 }])
    const ok = Array.from({ length: 4_432 }, (_, i) => `    - v${i}`).join('\n')
    expect(loadSigma(RULE.replace('    Image: x\n', '    Image:\n' + ok + '\n')).documents).toHaveLength(1)
  })

  it('text over the size cap is rejected before parsing (UTF-8 bytes)', () => {
    expect(codes('a: ' + 'x'.repeat(DEFAULT_LIMITS.maxBytes))).toEqual(['yaml.too_large'])
    expect(codes('a: ' + 'é'.repeat(600), { maxBytes: 1000 })).toEqual(['yaml.too_large'])
    expect(codes('a: ' + 'é'.repeat(400), { maxBytes: 1000 })).not.toContain('yaml.too_large')
  })

  it('strings over the length cap are rejected', () => {
    expect(codes(`${RULE}description: ${'x'.repeat(200)}\n`, { maxStringLength: 100 })).toEqual(['yaml.too_large'])
  })

  it('syntax errors are positioned diagnostics; other documents still load', () => {
    const r = loadSigma(`${RULE}---\ntitle: [unclosed\n---\n${RULE}`, { file: 's.yml' })
    expect(r.documents).toHaveLength(2)
    expect(r.diagnostics.length).toBeGreaterThan(0)
    expect(r.diagnostics.every((d) => d.code === 'yaml.syntax' && d.file === 's.yml' && d.line !== undefined && d.line >= 9 && d.line <= 11)).toBe(true)
  })

  it('tabs as indentation are a syntax error, not an exception', () => {
    expect(codes('a:\n\tb: 1\n')).toContain('yaml.syntax')
  })
})

describe('PyYAML-compatible scalars (pySigma reads YAML 1.1)', () => {
  const value = (v: string): unknown => (parseYaml(`a: ${v}`, undefined).documents[0]?.value as Record<string, unknown>)['a']
  it.each([
    ['00000429', '00000429'], // YAML 1.2 would give 429 (corpus: registry_set_susp_keyboard_layout_load)
    ['429', 429],
    ['1e5', '1e5'],
    ['1.5', 1.5],
    ['0x1F', 31],
    ['0o17', '0o17'],
    ['017', 15],
    ['1_000', 1000],
    ['yes', true],
    ['Off', false],
    ['y', 'y'],
    ["'yes'", 'yes'],
    ['"00000429"', '00000429'],
    ['2024-01-05', '2024-01-05'],
    ['true', true],
    ['~', null],
  ])('%s → %j', (src, expected) => {
    expect(value(src)).toEqual(expected)
  })
})
