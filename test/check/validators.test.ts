/** Each validator on rules that should and should not trigger it (semantics of pySigma's core validators). */
import { describe, expect, it } from 'vitest'
import { loadSigma } from '../../src/sigma/load.js'
import { resolveConfig } from '../../src/check/config.js'
import { runChecks } from '../../src/check/run.js'
import { VALIDATORS } from '../../src/check/registry.js'
import type { SigmaDocument } from '../../src/ir/rule.js'

const ID = '5013332f-8a70-4e04-bcc1-06a98a2cca2e'
/** A clean rule with overrides: `extra` top-level lines replace/add keys, `det` the detection body. */
function rule(opts: { head?: string; det?: string; cond?: string; file?: string } = {}): { file: string; text: string } {
  const head = opts.head ?? `title: Clean Rule\nid: ${ID}\nstatus: test\ndescription: d\ndate: 2024-01-01\nlevel: high\ntags:\n    - attack.execution\n    - attack.t1059.001\n`
  const det = opts.det ?? "    sel:\n        Image|endswith: '\\cmd.exe'\n"
  return { file: opts.file ?? 'rules/clean_rule_file.yml', text: `${head}logsource:\n    category: process_creation\n    product: windows\ndetection:\n${det}    condition: ${opts.cond ?? 'sel'}\n` }
}

function check(files: readonly { file: string; text: string }[], only?: string) {
  const docs: SigmaDocument[] = []
  for (const f of files) {
    const r = loadSigma(f.text, { file: f.file })
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    docs.push(...r.documents)
  }
  const cfg = resolveConfig(only === undefined ? [] : ['none', only])
  if (!cfg.ok) throw new Error('config')
  return runChecks({ documents: docs, texts: new Map(files.map((f) => [f.file, f.text])) }, cfg.config).findings
}

describe('a clean rule has no findings', () => {
  it('with every default validator', () => {
    expect(check([rule()])).toEqual([])
  })
})

describe.each([
  ['identifier_existence', [rule({ head: 'title: No Id\nstatus: test\ndescription: d\ndate: 2024-01-01\nlevel: high\n' })], 1, 1],
  ['identifier_uniqueness', [rule(), rule({ head: `title: Other\nid: ${ID}\n`, file: 'rules/other_rule_file.yml' })], 2, 2],
  ['duplicate_title', [rule(), rule({ head: 'title: Clean Rule\n', file: 'rules/other_rule_file.yml' })], 2, 1],
  ['duplicate_filename', [rule(), rule({ head: 'title: Other\n', file: 'other/clean_rule_file.yml' })], 2, undefined],
  ['filename_length', [rule({ file: 'r/a.yml' })], 1, undefined],
  ['duplicate_references', [rule({ head: 'title: T\nreferences:\n    - https://a\n    - https://a\n' })], 1, 4],
  ['custom_attributes', [rule({ head: 'title: T\nrealted:\n    - id: x\n' })], 1, 2],
  ['status_existence', [rule({ head: 'title: T\n' })], 1, 1],
  ['date_format', [rule({ head: 'title: T\ndate: 2024/01/05\n' })], 1, 2],
  ['date_order', [rule({ head: 'title: T\ndate: 2024-01-05\nmodified: 2023-01-01\n' })], 1, 3],
  ['tag_format', [rule({ head: 'title: T\ntags:\n    - attack.Execution\n' })], 1, 3],
  ['attacktag', [rule({ head: 'title: T\ntags:\n    - attack.t9999\n    - attack.t1059\n    - attack.g0016\n    - attack.stealth\n' })], 1, 3],
  ['tlptag', [rule({ head: 'title: T\ntags:\n    - tlp.purple\n    - tlp.amber-strict\n    - tlp.white\n' })], 1, 3],
  ['duplicate_tag', [rule({ head: 'title: T\ntags:\n    - cve.2024-1\n    - cve.2024-1\n' })], 1, 4],
  ['namespace_tag', [rule({ head: 'title: T\ntags:\n    - foo.bar\n' })], 1, 3],
  ['cartag', [rule({ head: 'title: T\ntags:\n    - car.2013-01\n' })], 1, 3],
  ['cvetag', [rule({ head: 'title: T\ntags:\n    - cve.2024\n' })], 1, 3],
  ['detection_tag', [rule({ head: 'title: T\ntags:\n    - detection.other\n' })], 1, 3],
  ['stptag', [rule({ head: 'title: T\ntags:\n    - stp.6\n    - stp.2a\n' })], 1, 3],
  ['dangling_detection', [rule({ det: "    sel:\n        a: b\n    unused:\n        c: d\n" })], 1, 16],
  ['them_condition_with_single_detection', [rule({ cond: '1 of them' })], 1, 16],
  ['all_of_them_condition', [rule({ det: "    sel:\n        a: b\n    sel2:\n        c: d\n", cond: 'all of them' })], 1, 18],
  ['double_wildcard', [rule({ det: "    sel:\n        a: 'x**y'\n" })], 1, 15],
  ['number_as_string', [rule({ det: "    sel:\n        EventID: '4688'\n" })], 1, 15],
  ['control_character', [rule({ det: '    sel:\n        a: "C:\\temp"\n' })], 1, 15],
  ['escaped_wildcard', [rule({ det: "    sel:\n        a: 'x\\*y'\n" })], 1, 15],
  ['wildcards_instead_of_modifiers', [rule({ det: "    sel:\n        a: '*foo*'\n        b: '*bar'\n        c: 'baz*'\n        d|contains: 'ok'\n        e: '*'\n" })], 3, 15],
  ['invalid_modifier_combinations', [rule({ det: "    sel:\n        a|all: [x, y]\n        b|base64offset: z\n        c|windash|contains|all: ['-a', '-b']\n        d|contains|contains: q\n" })], 4, 15],
  ['specific_instead_of_generic_logsource', [{ file: 'rules/sysmon_rule_name.yml', text: 'title: T\nlogsource:\n    product: windows\n    service: sysmon\ndetection:\n    sel:\n        EventID:\n            - 1\n            - 999\n    condition: sel\n' }], 1, 7],
  ['fieldname_logsource', [{ file: 'rules/logsource_rule.yml', text: 'title: T\nlogsource:\n    product: windows\n    produt: x\ndetection:\n    sel:\n        a: b\n    condition: sel\n' }], 1, 4],
  ['field_name_case', [rule(), rule({ head: 'title: B\n', file: 'rules/second_rule.yml' }), rule({ head: 'title: C\n', file: 'rules/third_rule.yml', det: "    sel:\n        image|endswith: x\n" })], 1, 7],
  ['correlation_reference', [rule(), { file: 'rules/corr_rule_x.yml', text: `title: C\ncorrelation:\n    type: event_count\n    rules:\n        - ${ID}\n        - missing_rule\n    group-by: [a]\n    timespan: 1h\n    condition:\n        gte: 2\n` }], 1, 6],
])('%s', (id, files, count, line) => {
  it(`reports ${count} finding(s) at the offending line`, () => {
    const findings = check(files, id)
    expect(findings.map((f) => f.validator)).toEqual(Array(count).fill(id))
    if (line !== undefined) expect(findings[0]?.line).toBe(line)
    expect(findings.every((f) => f.message.length > 10 && f.file !== undefined)).toBe(true)
  })
})

describe('the validator list', () => {
  it('has unique ids, and pySigma ids for pySigma validators', () => {
    const ids = VALIDATORS.map((v) => v.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toEqual(expect.arrayContaining(['identifier_uniqueness', 'attacktag', 'tlpv1_tag', 'wildcards_instead_of_modifiers', 'invalid_modifier_combinations', 'specific_instead_of_generic_logsource', 'dangling_detection']))
  })
})
