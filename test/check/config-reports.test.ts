/** Validation config (sigma-cli's format) and the four report formats. */
import { describe, expect, it } from 'vitest'
import { loadConfig, resolveConfig } from '../../src/check/config.js'
import { VALIDATORS } from '../../src/check/registry.js'
import { renderReport } from '../../src/check/report/index.js'
import { runChecks } from '../../src/check/run.js'
import type { CheckReport } from '../../src/check/run.js'
import { loadSigma } from '../../src/sigma/load.js'

const ids = (r: ReturnType<typeof resolveConfig>): string[] => (r.ok ? r.config.validators.map((v) => v.id) : [])

describe('config', () => {
  it('defaults to every validator that is not opt-in', () => {
    expect(ids(resolveConfig([]))).toEqual(VALIDATORS.filter((v) => !v.optIn).map((v) => v.id))
    expect(ids(resolveConfig([]))).not.toContain('tlpv1_tag')
  })

  it.each([
    [['-tlptag'], (x: string[]) => !x.includes('tlptag') && x.includes('attacktag')],
    [['none', 'attacktag'], (x: string[]) => x.length === 1 && x[0] === 'attacktag'],
    [['+tlpv2_tag'], (x: string[]) => x.includes('tlpv2_tag')],
    [['none', 'all'], (x: string[]) => x.length === VALIDATORS.filter((v) => !v.optIn).length],
  ])('%j', (specs, ok) => {
    expect(ok(ids(resolveConfig(specs)))).toBe(true)
  })

  it("reads SigmaHQ's sigma_cli_conf.yml format, with exclusions per rule id", () => {
    const r = loadConfig('validators:\n    - all\n    - -tlptag\n    - -tlpv1_tag\nexclusions:\n    5C84856B-55a5-45f1-826f-13f37250cf4e: number_as_string\n    aaaaaaaa-55a5-45f1-826f-13f37250cf4e: [escaped_wildcard, attacktag]\n', 'conf.yml', [], ['bbbbbbbb-55a5-45f1-826f-13f37250cf4e:duplicate_title'])
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.config.validators.some((v) => v.id === 'tlptag')).toBe(false)
    expect([...(r.config.exclusions.get('5c84856b-55a5-45f1-826f-13f37250cf4e') ?? [])]).toEqual(['number_as_string'])
    expect([...(r.config.exclusions.get('aaaaaaaa-55a5-45f1-826f-13f37250cf4e') ?? [])]).toEqual(['escaped_wildcard', 'attacktag'])
    expect([...(r.config.exclusions.get('bbbbbbbb-55a5-45f1-826f-13f37250cf4e') ?? [])]).toEqual(['duplicate_title'])
  })

  it.each([
    ['an unknown validator', loadConfig(undefined, undefined, ['-nope'], []), "unknown validator 'nope'"],
    ['an unknown key', loadConfig('validator: [all]\n', 'c.yml', [], []), 'validation config'],
    ['a bad --exclude', loadConfig(undefined, undefined, [], ['nocolon']), 'RULE_ID:VALIDATOR'],
    ['invalid YAML', loadConfig('validators: [\n', 'c.yml', [], []), 'not valid YAML'],
  ])('refuses %s', (_n, r, message) => {
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.diagnostics[0]?.message).toContain(message)
  })
})

const RULE = `title: Bad Rule
id: 11111111-1111-4111-8111-111111111111
tags:
    - attack.t9999
    - tlp.purple
logsource:
    category: process_creation
    product: windows
detection:
    sel:
        a: "x\\ty<&>"
    condition: sel
`

function report(): CheckReport {
  const loaded = loadSigma(RULE, { file: 'rules/bad_rule_file.yml' })
  const broken = loadSigma('title: x\ndetection: [\n', { file: 'rules/broken_rule_file.yml' })
  const cfg = resolveConfig([])
  if (!cfg.ok) throw new Error('config')
  return runChecks({ documents: loaded.documents, diagnostics: broken.diagnostics, texts: new Map([['rules/bad_rule_file.yml', RULE], ['rules/broken_rule_file.yml', 'title: x\ndetection: [\n']]) }, cfg.config)
}

describe('reports', () => {
  it('finds what is wrong, sorted by file and line, with load errors as severity error', () => {
    const r = report()
    expect(r.findings.map((f) => `${f.file}:${f.line}:${f.severity}:${f.validator}`)).toEqual([
      'rules/bad_rule_file.yml:1:medium:date_existence',
      'rules/bad_rule_file.yml:1:low:description_existence',
      'rules/bad_rule_file.yml:1:medium:level_existence',
      'rules/bad_rule_file.yml:1:medium:status_existence',
      'rules/bad_rule_file.yml:4:medium:attacktag',
      'rules/bad_rule_file.yml:5:medium:tlptag',
      'rules/bad_rule_file.yml:11:high:control_character',
      expect.stringMatching(/^rules\/broken_rule_file\.yml:\d+:error:yaml\./),
    ])
  })

  it('text: one line per finding and a summary', () => {
    const t = renderReport('text', report(), '1.0.0')
    expect(t).toContain('rules/bad_rule_file.yml:4:7: medium attacktag: tag \'attack.t9999\'')
    expect(t).toMatch(/sigmaport check: 1 documents in 2 files, 8 findings \(1 error, 1 high, 5 medium, 1 low\)/)
  })

  it('json: tool, summary and findings', () => {
    const j = JSON.parse(renderReport('json', report(), '1.0.0')) as { tool: { attackVersion: string }; summary: { findings: number; byValidator: Record<string, number> }; findings: unknown[] }
    expect(j.tool.attackVersion).toBe('18.0')
    expect(j.summary.findings).toBe(8)
    expect(j.summary.byValidator['attacktag']).toBe(1)
  })

  it('sarif: 2.1.0 with a rule per validator and a located result per finding', () => {
    const s = JSON.parse(renderReport('sarif', report(), '1.0.0')) as {
      version: string
      runs: { tool: { driver: { name: string; rules: { id: string; defaultConfiguration: { level: string } }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn?: number } } }[] }[] }[]
    }
    expect(s.version).toBe('2.1.0')
    const run = s.runs[0]
    if (run === undefined) throw new Error('no run')
    const rules = run.tool.driver.rules
    for (const res of run.results) {
      expect(rules[res.ruleIndex]?.id).toBe(res.ruleId)
      expect(res.locations[0]?.physicalLocation.region.startLine).toBeGreaterThan(0)
    }
    const attack = run.results.find((x) => x.ruleId === 'attacktag')
    expect(attack).toMatchObject({ level: 'warning', locations: [{ physicalLocation: { artifactLocation: { uri: 'rules/bad_rule_file.yml' }, region: { startLine: 4, startColumn: 7 } } }] })
    expect(run.results.find((x) => x.ruleId === 'control_character')?.level).toBe('error')
    expect(run.results.find((x) => x.ruleId === 'description_existence')?.level).toBe('note')
  })

  it('junit: a test case per file, failures escaped (no raw control characters or markup)', () => {
    const x = renderReport('junit', report(), '1.0.0')
    expect(x).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="sigmaport check" tests="2" failures="2"/)
    expect(x).toContain('<testcase classname="sigmaport.check" name="rules/bad_rule_file.yml" file="rules/bad_rule_file.yml">')
    expect(x).toContain('&lt;&amp;&gt;')
    expect(x).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/)
    expect(x.match(/<failure /g)?.length).toBe(2)
  })
})

describe('ATT&CK data from a STIX bundle (--attack-data)', () => {
  it('takes tactic short names and external ids, skipping revoked and deprecated objects', async () => {
    const { attackFromStix, attackTagValidator } = await import('../../src/check/validators/tags.js')
    const ref = (id: string) => [{ source_name: 'mitre-attack', external_id: id }]
    const t = attackFromStix({ type: 'bundle', objects: [
      { type: 'x-mitre-collection', x_mitre_version: '19.2' },
      { type: 'x-mitre-tactic', x_mitre_shortname: 'stealth', external_references: ref('TA0005') },
      { type: 'attack-pattern', external_references: ref('T1685') },
      { type: 'attack-pattern', revoked: true, external_references: ref('T1000') },
      { type: 'intrusion-set', x_mitre_deprecated: true, external_references: ref('G0001') },
      { type: 'malware', external_references: ref('S0001') },
    ] })
    expect(t?.version).toBe('19.2')
    expect([...(t?.names ?? [])].sort()).toEqual(['s0001', 'stealth', 't1685'])
    expect(attackFromStix({ nope: 1 })).toBeUndefined()
    const v = attackTagValidator(t?.names ?? new Set(), '19.2')
    const doc = loadSigma('title: T\ntags:\n    - attack.t1685\n    - attack.t1000\nlogsource:\n    product: x\ndetection:\n    s:\n        a: b\n    condition: s\n').documents[0]
    if (doc === undefined || doc.kind === 'filter') throw new Error('no rule')
    expect(v.rule?.(doc, undefined).map((i) => i.message)).toEqual(["tag 'attack.t1000' is not an ATT&CK 19.2 tactic, technique, group, software or mitigation"])
  })
})
