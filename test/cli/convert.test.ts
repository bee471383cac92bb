import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIXTURES, build, cli, jsonLines } from './run-cli.js'

// Expected texts are pySigma 1.5 / pySigma-backend-splunk 2.1 output for the same fixtures (SplunkBackend().convert).
const WHOAMI = String.raw`Image="*\\whoami.exe"`
const NET = String.raw`Image IN ("*\\net.exe", "*\\net1.exe") CommandLine="* user *" CommandLine="* /add*"`
const splunk = ['convert', '-t', 'splunk', '--without-pipeline']

let tmp = ''
beforeAll(() => {
  build()
  tmp = mkdtempSync(join(tmpdir(), 'sigmaport-cli-'))
})
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe.concurrent('sigmaport convert: output like sigma-cli', () => {
  it.each([
    ['a directory, recursively (*.yml only)', [...splunk, 'rules'], `${WHOAMI}\n\n${NET}\n`],
    ['one file', [...splunk, 'rules/proc_whoami.yml'], `${WHOAMI}\n`],
    ['a YAML pipeline file (-p)', ['convert', '-t', 'splunk', '-p', 'pipeline_rename.yml', 'rules/proc_whoami.yml'], String.raw`process.executable="*\\whoami.exe"` + '\n'],
    ['a correlation referencing a rule in another file', [...splunk, 'rules/proc_whoami.yml', 'correlation'],
      `${WHOAMI}\n\n| bin _time span=1h\n| stats count as event_count by _time ComputerName\n\n| search event_count >= 10\n`],
    ['a --filter document', [...splunk, 'rules', '--filter', 'filter_whoami.yml'], `${WHOAMI} NOT User="admin"\n\n${NET}\n`],
    ['the savedsearches format (whole-output finish)', [...splunk, '-f', 'savedsearches', 'rules'],
      `\n[default]\ndispatch.earliest_time = -30d\ndispatch.latest_time = now\n\n[Whoami Execution]\ndescription = \nsearch = ${WHOAMI}\n\n[Net User Add]\ndescription = \nsearch = ${NET}\n`],
    ['a backend option (-O)', [...splunk, '-f', 'savedsearches', '-O', 'min_time=-7d', 'rules/proc_whoami.yml'],
      `\n[default]\ndispatch.earliest_time = -7d\ndispatch.latest_time = now\n\n[Whoami Execution]\ndescription = \nsearch = ${WHOAMI}\n`],
  ])('%s', async (_name, args, expected) => {
    const r = await cli(args)
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe(expected)
    expect(r.code).toBe(0)
  })

  it('reads rules from stdin with -', async () => {
    const r = await cli([...splunk, '-'], { input: readFileSync(join(FIXTURES, 'rules/proc_whoami.yml')) })
    expect([r.code, r.stdout]).toEqual([0, `${WHOAMI}\n`])
  })

  it('reports stdin problems as <stdin>', async () => {
    const r = await cli([...splunk, '-'], { input: 'title: x\nlogsource: {}\ndetection:\n  sel:\n    a: [1\n  condition: sel\n' })
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/^<stdin>:\d+:\d+: error yaml\./m)
  })

  it('-P selects other file names when recursing', async () => {
    const r = await cli([...splunk, '-P', '*.txt', 'rules'])
    expect(r.code).toBe(3) // notes.txt is not a Sigma document
    expect(r.stderr).toContain('rules/sub/notes.txt:1:1: error rule.invalid_document')
  })

  it('writes the output to a file with -o', async () => {
    const out = join(tmp, 'out.spl')
    const r = await cli([...splunk, '-o', out, 'rules/proc_whoami.yml'])
    expect([r.code, r.stdout]).toEqual([0, ''])
    expect(readFileSync(out, 'utf8')).toBe(`${WHOAMI}\n`)
  })

  it('warns when the target expects a pipeline and none is given', async () => {
    const r = await cli(['convert', '-t', 'splunk', 'rules/proc_whoami.yml'])
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('warning config.pipeline_required')
  })
})

describe.concurrent('sigmaport convert --json', () => {
  it('prints one object per rule per line', async () => {
    const r = await cli([...splunk, '--json', 'rules'])
    expect(r.code).toBe(0)
    expect(jsonLines(r.stdout)).toEqual([
      { path: 'rules/proc_whoami.yml', id: '11111111-1111-4111-8111-111111111111', target: 'splunk', ok: true, queries: [WHOAMI] },
      { path: 'rules/sub/proc_net.yml', id: '22222222-2222-4222-8222-222222222222', target: 'splunk', ok: true, queries: [NET] },
    ])
  })

  it('gives failed rules and unloadable files their own line', async () => {
    const r = await cli(['convert', '-t', 'splunk', '-p', 'pipeline_fail.yml', '--json', 'rules', 'broken_yaml.yml'])
    expect(r.code).toBe(3)
    const lines = jsonLines(r.stdout)
    expect(lines.map((l) => [l.path, l.ok])).toEqual([['rules/proc_whoami.yml', true], ['rules/sub/proc_net.yml', false], ['broken_yaml.yml', false]])
    expect(lines[1]).toMatchObject({ id: '22222222-2222-4222-8222-222222222222', error: 'net rules are not supported here' })
    expect(lines[1]?.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'pipeline.rule_failure', file: 'rules/sub/proc_net.yml' })])
    expect(lines[2]).toMatchObject({ id: null, target: 'splunk', ok: false })
    expect(lines[2]?.diagnostics).toEqual([expect.objectContaining({ code: expect.stringMatching(/^yaml\./), line: 8 })])
  })
})

describe.concurrent('exit codes: one bad rule never stops the batch', () => {
  it.each([
    ['all good', [...splunk, 'rules'], 0, ''],
    ['a rule the pipeline refuses → 1', ['convert', '-t', 'splunk', '-p', 'pipeline_fail.yml', 'rules'], 1, 'rules/sub/proc_net.yml: error pipeline.rule_failure: net rules are not supported here'],
    ['… skipped with -s → 0', ['convert', '-t', 'splunk', '-s', '-p', 'pipeline_fail.yml', 'rules'], 0, 'failed to convert (skipped: -s)'],
    ['… --fail-unsupported wins over -s', ['convert', '-t', 'splunk', '-s', '--fail-unsupported', '-p', 'pipeline_fail.yml', 'rules'], 1, 'pipeline.rule_failure'],
    ['a YAML error among good rules → 3', [...splunk, 'rules', 'broken_yaml.yml'], 3, 'broken_yaml.yml:8:5: error yaml.'],
    ['… -s does not hide it', [...splunk, '-s', 'rules', 'broken_yaml.yml'], 3, 'broken_yaml.yml:8:5: error yaml.'],
  ])('%s', async (_name, args, code, stderr) => {
    const r = await cli(args)
    expect(r.code).toBe(code)
    expect(r.stderr).toContain(stderr)
    expect(r.stdout.startsWith(WHOAMI)).toBe(true)
  })

  it.each([
    ['unknown target', ['convert', '-t', 'nope', 'rules'], "error config.target: unknown target 'nope'; targets: splunk"],
    ['unknown format', ['convert', '-t', 'splunk', '-f', 'nope', 'rules'], "error config.format: target 'splunk' has no output format 'nope'"],
    ['unknown backend option', ['convert', '-t', 'splunk', '-O', 'nope=1', 'rules'], "error config.option: target 'splunk' has no option 'nope'"],
    ['malformed backend option', ['convert', '-t', 'splunk', '-O', 'nope', 'rules'], "backend option 'nope' is not of the form key=value"],
    ['unknown correlation method', ['convert', '-t', 'splunk', '-c', 'nope', 'rules'], "error config.correlation_method: target 'splunk' has no correlation method 'nope'"],
    ['unknown pipeline', ['convert', '-t', 'splunk', '-p', 'nope', 'rules'], "error config.pipeline: unknown pipeline 'nope'"],
    ['invalid pipeline file', ['convert', '-t', 'splunk', '-p', 'broken_yaml.yml', 'rules'], 'broken_yaml.yml:8:5: error yaml.'],
    ['missing input', ['convert', '-t', 'splunk', 'rules', 'missing.yml'], 'missing.yml: error input.not_found'],
    ['missing --target', ['convert', 'rules'], "required option '-t, --target <target>' not specified"],
    ['unknown flag', ['convert', '-t', 'splunk', '--bogus', 'rules'], "unknown option '--bogus'"],
    ['unknown output encoding', ['convert', '-t', 'splunk', '-e', 'nope', 'rules'], "unknown output encoding 'nope'"],
  ])('usage error → 2, nothing converted: %s', async (_name, args, message) => {
    const r = await cli(args)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(message)
    expect(r.stdout).toBe('')
    expect(r.stderr).not.toMatch(/\n\s+at /) // no stack trace
  })

  it('a file that is not UTF-8 is an input error (3); the others still convert', async () => {
    const bad = join(tmp, 'latin1.yml')
    writeFileSync(bad, Buffer.from('title: caf\xe9\n', 'latin1'))
    const r = await cli([...splunk, 'rules/proc_whoami.yml', bad])
    expect([r.code, r.stdout]).toEqual([3, `${WHOAMI}\n`])
    expect(r.stderr).toContain(`${bad}: error input.encoding: the file is not valid UTF-8 text`)
  })

  it('an input that cannot be read (symlink loop) is a usage error (2); the others still convert', async () => {
    const loop = join(tmp, 'loop.yml')
    symlinkSync(loop, loop)
    const r = await cli([...splunk, 'rules/proc_whoami.yml', loop])
    expect([r.code, r.stdout]).toEqual([2, `${WHOAMI}\n`])
    expect(r.stderr).toContain(`${loop}: error input.unreadable: cannot read: too many levels of symbolic links`)
  })

  it.skipIf(process.getuid?.() === 0)('an unreadable file is a usage error (2); the others still convert', async () => {
    const locked = join(tmp, 'locked.yml')
    writeFileSync(locked, 'title: x\n', { mode: 0o000 })
    const r = await cli([...splunk, 'rules/proc_whoami.yml', locked])
    expect([r.code, r.stdout]).toEqual([2, `${WHOAMI}\n`])
    expect(r.stderr).toContain(`${locked}: error input.unreadable: cannot read the file: permission denied`)
  })
})
