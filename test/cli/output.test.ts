import { describe, expect, it } from 'vitest'
import { fileMatcher } from '../../src/cli/glob.js'
import { pythonJson, renderOutput } from '../../src/cli/output.js'

describe('pythonJson: json.dumps byte for byte', () => {
  // Expected values printed by CPython 3 json.dumps.
  it.each([
    [{ a: [1, 'x'], b: {} }, undefined, '{"a": [1, "x"], "b": {}}'],
    [{ a: [1, '\x7f\u00e9\u{1F600}'], b: {} }, 2, '{\n  "a": [\n    1,\n    "\\u007f\\u00e9\\ud83d\\ude00"\n  ],\n  "b": {}\n}'],
    [['tab\t"q"\\', null, true, false, 1.5], undefined, '["tab\\t\\"q\\"\\\\", null, true, false, 1.5]'],
    [[], 4, '[]'],
    ['\u0001', undefined, '"\\u0001"'],
  ])('%j (indent %s)', (value, indent, expected) => {
    expect(pythonJson(value, indent)).toBe(expected)
  })
})

describe('renderOutput: what sigma-cli prints', () => {
  it.each([
    ['a string as is', 'conf text', 'conf text\n'],
    ['strings joined by a blank line', ['q1', 'q2'], 'q1\n\nq2\n'],
    ['no query: an empty line', [], '\n'],
    ['objects as JSON lines', [{ query: 'a' }, { query: 'b' }], '{"query": "a"}\n{"query": "b"}\n'],
  ])('%s', (_name, output, expected) => {
    expect(renderOutput(output)).toBe(expected)
  })
})

describe('fileMatcher: -P patterns like pathlib rglob', () => {
  it.each([
    ['*.yml', 'a.yml', true],
    ['*.yml', 'dir/sub/a.yml', true],
    ['*.yml', 'a.yaml', false],
    ['*.yml', 'a.yml.bak', false],
    ['proc_*.yml', 'x/proc_1.yml', true],
    ['proc_*.yml', 'x/net_1.yml', false],
    ['windows/*.yml', 'rules/windows/a.yml', true],
    ['windows/*.yml', 'rules/linux/a.yml', false],
    ['?.yml', 'a.yml', true],
    ['?.yml', 'ab.yml', false],
    ['[ab].yml', 'b.yml', true],
    ['[!ab].yml', 'b.yml', false],
    ['a.b', 'axb', false],
  ])('%s ~ %s → %s', (pattern, path, expected) => {
    expect(fileMatcher(pattern)(path)).toBe(expected)
  })
})
