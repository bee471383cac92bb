/** `sigmaport check` end to end: formats, config, exit codes. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build, cli } from './run-cli.js'

let tmp = ''
beforeAll(() => {
  build()
  tmp = mkdtempSync(join(tmpdir(), 'sigmaport-check-'))
})
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe.concurrent('sigmaport check', () => {
  it('reports findings as text and exits 1', async () => {
    const r = await cli(['check', 'rules'])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^rules\/proc_whoami\.yml:1:1: medium date_existence: the rule has no 'date'$/m)
    expect(r.stdout).toMatch(/sigmaport check: 2 documents in 2 files, \d+ findings/)
  })

  it('exits 0 when only findings below --fail-severity remain', async () => {
    const r = await cli(['check', '--fail-severity', 'high', 'rules'])
    expect(r.code).toBe(0)
  })

  it('exits 0 with every finding disabled', async () => {
    const conf = join(tmp, 'conf.yml')
    writeFileSync(conf, 'validators:\n    - none\n    - attacktag\n')
    const r = await cli(['check', '--config', conf, 'rules'])
    expect([r.code, r.stdout.trim()]).toEqual([0, 'sigmaport check: 2 documents in 2 files, 0 findings'])
  })

  it('exclusions by rule id', async () => {
    const r = await cli(['check', '--enable', 'none', '--enable', 'date_existence', '--exclude', '11111111-1111-4111-8111-111111111111:date_existence', '--format', 'json', 'rules'])
    const j = JSON.parse(r.stdout) as { findings: { file: string; validator: string }[] }
    expect(j.findings.map((f) => `${f.file} ${f.validator}`)).toEqual(['rules/sub/proc_net.yml date_existence'])
  })

  it('SARIF to a file, with a summary on stderr', async () => {
    const out = join(tmp, 'report.sarif')
    const r = await cli(['check', '-F', 'sarif', '-o', out, 'rules'])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/findings? in 2 files, written to/)
    const s = JSON.parse(readFileSync(out, 'utf8')) as { version: string; runs: { results: unknown[] }[] }
    expect(s.version).toBe('2.1.0')
    expect(s.runs[0]?.results.length).toBeGreaterThan(0)
  })

  it('JUnit XML', async () => {
    const r = await cli(['check', '-F', 'junit', 'rules'])
    expect(r.stdout).toContain('<testsuites name="sigmaport check" tests="2"')
  })

  it('rules that do not load: exit 3, reported as findings of severity error', async () => {
    const r = await cli(['check', 'rules', 'broken_yaml.yml'])
    expect(r.code).toBe(3)
    expect(r.stdout).toMatch(/^broken_yaml\.yml:8:5: error yaml\./m)
  })

  it.each([
    ['an unknown validator', ['check', '--disable', 'nope', 'rules'], "unknown validator 'nope'"],
    ['a missing input', ['check', 'missing.yml'], 'input.not_found'],
    ['no input', ['check'], "missing required argument 'input'"],
    ['an unknown format', ['check', '-F', 'xml', 'rules'], 'Allowed choices are text, json, junit, sarif'],
  ])('usage error → 2: %s', async (_n, args, message) => {
    const r = await cli(args)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(message)
  })

  it('--list prints the validators', async () => {
    const r = await cli(['check', '--list'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^attacktag\s+medium\s+pySigma\s+Invalid MITRE ATT&CK tag/m)
  })
})
