/**
 * The fast YAML path (src/sigma/yaml-fast.ts: js-yaml + a position index) must give exactly what the full `yaml`
 * path gives: the same values, the same position for every key and value the index answers, and the same loaded
 * documents and diagnostics. Proven over the whole corpus and a table of tricky texts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadSigma } from '../../src/sigma/load.js'
import { DEFAULT_LIMITS, locate, parseYamlFully } from '../../src/sigma/yaml.js'
import type { YamlPath, YamlSource } from '../../src/sigma/yaml.js'
import { fastParseYaml, plainScalar } from '../../src/sigma/yaml-fast.js'

const ROOT = new URL('../../../shared/sigma/rules/', import.meta.url).pathname

function ymlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? ymlFiles(p) : p.endsWith('.yml') ? [p] : []
  })
}

/** Every key path in a value (map keys and list indices), depth first. */
function paths(v: unknown, base: YamlPath = []): YamlPath[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => [[...base, i], ...paths(x, [...base, i])])
  if (typeof v === 'object' && v !== null) return Object.entries(v).flatMap(([k, x]) => [[...base, k], ...paths(x, [...base, k])])
  return []
}

/** Compares the fast and full parse of one text; returns whether the fast path took it and how many positions it answered. */
function compare(text: string): { fast: boolean; answered: number } {
  const full = parseYamlFully(text, 'x.yml')
  const fast = fastParseYaml(text, DEFAULT_LIMITS, () => full)
  if (fast === undefined) return { fast: false, answered: 0 }
  expect(fast.diagnostics).toEqual([])
  expect(full.diagnostics).toEqual([])
  expect(fast.documents.map((d) => d.value)).toEqual(full.documents.filter((d) => d.value !== null).map((d) => d.value))
  let answered = 0
  const doc = fast.documents[0]
  const ref = full.documents[0]
  if (doc === undefined || ref === undefined) return { fast: true, answered }
  const slowOnly: YamlSource = { root: ref.source.root, lines: ref.source.lines }
  for (const p of [[], ...paths(doc.value)]) {
    for (const part of ['key', 'value'] as const) {
      const quick = doc.source.index?.locate(p, part)
      if (quick === undefined) continue
      answered++
      const slow = locate([slowOnly], p, part)
      expect({ path: p, part, ...quick }).toEqual({ path: p, part, line: slow?.line, column: slow?.column })
    }
  }
  return { fast: true, answered }
}

describe('fast YAML path = full yaml path', () => {
  it('over the whole corpus: same values, same positions, same loaded documents and diagnostics', () => {
    const files = ymlFiles(ROOT).sort()
    expect(files.length).toBeGreaterThan(3000)
    let fast = 0
    let answered = 0
    for (const f of files) {
      const text = readFileSync(f, 'utf8')
      const r = compare(text)
      if (r.fast) fast++
      answered += r.answered
      const file = relative(ROOT, f)
      const a = loadSigma(text, { file })
      const b = loadSigma(text, { file, fullYaml: true })
      expect(JSON.stringify(a)).toBe(JSON.stringify(b))
    }
    console.log(`fast path: ${fast} of ${files.length} files, ${answered} positions compared`)
    expect(fast / files.length).toBeGreaterThan(0.97)
  }, 300_000)

  it.each([
    ['plain scalars read as PyYAML does', 'a: 00000429\nb: yes\nc: 0x1F\nd: 1_000\ne: ~\nf: .inf\ng: 1e3\nh: 017\ni: True\nj: null\n'],
    ['quoted scalars stay strings', "a: '00000429'\nb: \"yes\"\nc: 'it''s'\nd: \"tab\\tnewline\\n\"\n"],
    ['block scalars', 'a: |\n  line 1\n    line 2\n\n  line 4\nb: >-\n  folded\n  text\nc: 1\n'],
    ['multi-line plain and quoted scalars', "a: one\n  two\n  three\nb: 'x\n  y'\nc:\n  - \"p\n    q\"\n"],
    ['sequences at the key indentation and compact maps', 'a:\n- 1\n- x: 2\n  y: 3\n- - nested\n  - list\nb: z\n'],
    ['comments everywhere', '# head\na: 1 # tail\n# between\nb:   # after key\n  # inside\n  - x\n  # between items\n  - y\n'],
    ['a leading document marker', '---\ntitle: x\nid: 1\n'],
    ['quoted keys', "'a b': 1\n\"c|d\": 2\nplain key: 3\n"],
    ['empty values', 'a:\nb: ~\nc:\n  -\n  - x\n'],
    ['a Sigma rule', 'title: T\nlogsource:\n    product: windows\ndetection:\n    sel:\n        Image|endswith:\n            - \'\\x.exe\'\n    condition: sel\n'],
  ])('%s', (_name, text) => {
    const r = compare(text)
    expect(r.fast).toBe(true)
  })

  it.each([
    ['flow collections', 'a: [1, 2]\n'],
    ['anchors and aliases', 'a: &x 1\nb: *x\n'],
    ['tags', 'a: !!str 1\n'],
    ['several documents', 'a: 1\n---\nb: 2\n'],
    ['duplicate keys', 'a: 1\na: 2\n'],
    ['keys a YAML 1.1 reading changes', 'yes: 1\n'],
    ['numeric keys', '1: a\n'],
    ['reserved keys', '__proto__: 1\n'],
    ['tabs', 'a:\t1\n'],
    ['invalid YAML', 'a: b: c\n'],
    ['too deep', 'a:\n' + Array.from({ length: 70 }, (_, i) => ' '.repeat(i + 1) + 'k:').join('\n') + ' 1\n'],
  ])('declines %s (the full path reports it)', (_name, text) => {
    expect(compare(text).fast).toBe(false)
  })

  it.each([
    ['~', null], ['', null], ['Null', null], ['true', true], ['FALSE', false], ['yes', true], ['Off', false], ['00000429', '00000429'],
    ['017', 15], ['0x1F', 31], ['0o17', '0o17'], ['1_000', 1000], ['1.5', 1.5], ['.inf', Infinity], ['1e3', '1e3'], ['text', 'text'],
  ])('plain scalar %j reads as %j', (src, value) => {
    expect(plainScalar(src)).toEqual(value)
  })
})
