/** Postprocessing items, finalizers and the template languages. */
import { describe, expect, it } from 'vitest'
import { SigmaError } from '../../src/diagnostics.js'
import { finalizeOutput, postprocessQuery } from '../../src/pipeline/apply.js'
import { compileFormat, compileJinja } from '../../src/pipeline/jinja.js'
import { pyJsonDumps } from '../../src/pipeline/pyjson.js'
import { pipeline, ruleWith } from './helpers.js'

const RULE = ruleWith('  sel:\n    Image: a\n  condition: sel', 'product: windows\n  service: security', 'tags:\n  - attack.t1059\n')
const post = (yaml: string, q: string | object = 'Image="a"', state: Record<string, unknown> = { index: 'win' }) =>
  postprocessQuery(q, RULE, [pipeline(yaml)], state)

describe('postprocessing', () => {
  const CASES: readonly [string, string, string | object][] = [
    ['embed', 'postprocessing:\n  - type: embed\n    prefix: "index=x ("\n    suffix: ")"\n', 'index=x (Image="a")'],
    ['simple_template', 'postprocessing:\n  - type: simple_template\n    template: "{rule.title}|{rule.level}|{pipeline.state[index]}|{{{query}}}"\n', 'Test|medium|win|{Image="a"}'],
    ['template', 'postprocessing:\n  - type: template\n    template: "index={{ pipeline.state.index }} {{ query }} | tags {{ rule.tags | join(\',\') | upper }}"\n', 'index=win Image="a" | tags ATTACK.T1059'],
    ['json', 'postprocessing:\n  - type: json\n    json_template: \'{"query": "%QUERY%", "n": [1, "%QUERY%"], "k": "é"}\'\n', '{"query": "Image=\\"a\\"", "n": [1, "Image=\\"a\\""], "k": "\\u00e9"}'],
    ['replace', 'postprocessing:\n  - type: replace\n    pattern: \'(?P<f>\\w+)=\'\n    replacement: \'\\g<f> = \'\n', 'Image = "a"'],
    ['nest', 'postprocessing:\n  - type: nest\n    items:\n      - type: embed\n        prefix: "["\n      - type: embed\n        suffix: "]"\n', '[Image="a"]'],
    ['rule conditions', 'postprocessing:\n  - type: embed\n    prefix: "linux "\n    rule_conditions: [{type: logsource, product: linux}]\n  - type: embed\n    prefix: "sec "\n    rule_conditions: [{type: logsource, service: security}, {type: processing_state, key: index, val: win}]\n', 'sec Image="a"'],
  ]
  it.each(CASES)('%s', (_n, yaml, want) => expect(post(yaml)).toEqual(want))
  it('embed refuses non-string queries', () => {
    expect(() => post('postprocessing:\n  - type: embed\n    prefix: x\n', { q: 1 })).toThrow(SigmaError)
  })
  it('runs in priority order across pipelines', () => {
    const a = pipeline('priority: 2\npostprocessing:\n  - type: embed\n    prefix: "2:"\n')
    const b = pipeline('priority: 1\npostprocessing:\n  - type: embed\n    prefix: "1:"\n')
    expect(postprocessQuery('q', RULE, [a, b], {})).toBe('2:1:q')
  })
})

describe('finalizers', () => {
  const fin = (yaml: string, qs: readonly (string | object)[] = ['a', 'b']) => finalizeOutput(qs, [pipeline(yaml)])
  it('without finalizers the queries come back as a list', () => expect(finalizeOutput(['a'], [])).toEqual(['a']))
  it('concat', () => expect(fin('finalizers:\n  - type: concat\n    separator: " OR "\n    prefix: "("\n    suffix: ")"\n')).toBe('(a OR b)'))
  it('concat default separator', () => expect(fin('finalizers:\n  - type: concat\n')).toBe('a\nb'))
  it('json', () => expect(fin('finalizers:\n  - type: json\n')).toBe('["a", "b"]'))
  it('json with indent', () => expect(fin('finalizers:\n  - type: json\n    indent: 2\n', [{ q: 'a' }])).toBe('[\n  {\n    "q": "a"\n  }\n]'))
  it('yaml', () => expect(fin('finalizers:\n  - type: yaml\n')).toBe('- a\n- b\n'))
  it('template', () =>
    expect(fin('finalizers:\n  - type: template\n    template: "{% for q in queries %}{{ loop.index }}:{{ q }}{% if not loop.last %};{% endif %}{% endfor %}"\n')).toBe('1:a;2:b'))
  it('nested', () => expect(fin('finalizers:\n  - type: nested\n    finalizers:\n      - type: concat\n        separator: ","\n      - type: json\n')).toBe('"a,b"'))
})

describe('Jinja subset', () => {
  const T: readonly [string, Record<string, unknown>, string][] = [
    ['{{ a }}', { a: 'x' }, 'x'],
    ['{{ a.b[0] }}', { a: { b: ['y'] } }, 'y'],
    ['{{ missing }}|{{ missing | default("d") }}', {}, '|d'],
    ['{{ n }} {{ t }} {{ l }} {{ none }}', { n: 1.5, t: true, l: ['a', 1], none: null }, "1.5 True ['a', 1] None"],
    ['{% if a == 1 %}one{% elif a == 2 %}two{% else %}other{% endif %}', { a: 2 }, 'two'],
    ['{% for x in xs %}{{ x }}{% else %}empty{% endfor %}', { xs: [] }, 'empty'],
    ['{%- if true -%}\n  x\n{%- endif %}', {}, 'x'],
    ['{{ "a" ~ b | lower }}', { b: 'B' }, 'ab'],
    ['{{ x is defined }} {{ "a" in xs }} {{ "c" not in xs }}', { xs: ['a'] }, 'False True True'],
    ['{{ q | replace("a", "b") | length }}', { q: 'aaa' }, '3'],
    ['{# comment #}{{ s | e if false else s }}', { s: 1 }, ''],
  ]
  it.each(T.slice(0, -1))('%s', (src, scope, want) => expect(compileJinja(src)(scope)).toBe(want))
  it('autoescape', () => expect(compileJinja('{{ s }}', true)({ s: '<a href="x">' })).toBe('&lt;a href=&#34;x&#34;&gt;'))
  it('drops one trailing newline of the source like Jinja', () => expect(compileJinja('{{ a }}\n')({ a: 1 })).toBe('1'))
})

describe('Python str.format subset', () => {
  it('fields, attributes, keys and escaped braces', () =>
    expect(compileFormat('{{{a.b}}} {c[k]} {c[0]!r}')({ a: { b: 'x' }, c: { k: 'v', 0: 'z' } })).toBe("{x} v 'z'"))
  it('unknown field', () => expect(() => compileFormat('{nope}')({})).toThrow(/unknown field/))
})

describe('Python json.dumps', () => {
  it('matches separators, escapes and numbers', () =>
    expect(pyJsonDumps({ a: [1, 2.5, 1e20, 'ü\n"'], b: null, c: true, d: {} })).toBe('{"a": [1, 2.5, 100000000000000000000, "\\u00fc\\n\\""], "b": null, "c": true, "d": {}}'))
})
