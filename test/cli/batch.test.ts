/** `convert` at scale: --output-dir with its manifest, worker threads, the refusal summary, the progress bar. */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { progressBar } from '../../src/cli/progress.js'
import { outputName } from '../../src/cli/output-dir.js'
import { workerCount } from '../../src/cli/workers.js'
import type { Manifest } from '../../src/cli/output-dir.js'
import { build, cli } from './run-cli.js'

const WHOAMI = String.raw`Image="*\\whoami.exe"`
const splunk = ['convert', '-t', 'splunk', '--without-pipeline']
let tmp = ''
beforeAll(() => {
  build()
  tmp = mkdtempSync(join(tmpdir(), 'sigmaport-batch-'))
})
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const listFiles = (dir: string, rel = ''): string[] =>
  readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(dir, `${rel}${e.name}/`) : [`${rel}${e.name}`])).sort()

describe.concurrent('--output-dir', () => {
  it('writes one file per rule file, named after it, and a manifest', async () => {
    const out = join(tmp, 'out1')
    const r = await cli([...splunk, '-p', 'pipeline_fail.yml', '-d', out, 'rules', 'broken_yaml.yml'])
    expect(r.code).toBe(3)
    expect(r.stdout).toBe('')
    expect(listFiles(out)).toEqual(['manifest.json', 'proc_whoami.txt'])
    expect(readFileSync(join(out, 'proc_whoami.txt'), 'utf8')).toBe(`${WHOAMI}\n`)
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest
    expect(m).toMatchObject({ target: 'splunk', summary: { files: 3, documents: 2, converted: 1, failed: 1, outputs: 1 } })
    expect(m.files.map((f) => [f.source, f.output, f.documents.map((d) => d.ok)])).toEqual([
      ['rules/proc_whoami.yml', 'proc_whoami.txt', [true]],
      ['rules/sub/proc_net.yml', null, [false]],
      ['broken_yaml.yml', null, []],
    ])
    expect(m.files[1]?.documents[0]?.diagnostics[0]).toMatchObject({ code: 'pipeline.rule_failure' })
    expect(m.files[2]?.diagnostics[0]?.code).toMatch(/^yaml\./)
  })

  it('keeps the directory structure below the input directory; whole-output formats finish each file', async () => {
    const out = join(tmp, 'out2')
    const r = await cli([...splunk, '-f', 'savedsearches', '--output-extension', 'conf', '-d', out, 'rules'])
    expect(r.code).toBe(0)
    expect(listFiles(out)).toEqual(['manifest.json', 'proc_whoami.conf', 'sub/proc_net.conf'])
    expect(readFileSync(join(out, 'sub/proc_net.conf'), 'utf8')).toContain('[Net User Add]')
  })
})

describe.concurrent('worker threads give the same output', () => {
  it.each([
    ['text', [...splunk, 'rules/proc_whoami.yml', 'correlation', 'rules']],
    ['json', [...splunk, '--json', 'rules', 'correlation', 'broken_yaml.yml']],
    ['filters', [...splunk, 'rules', '--filter', 'filter_whoami.yml']],
  ])('%s', async (_name, args) => {
    const [one, two] = await Promise.all([cli([...args, '--workers', '0']), cli([...args, '--workers', '2'])])
    expect(two).toEqual(one)
    expect(one.stdout.length).toBeGreaterThan(0)
  })
})

describe.concurrent('what was refused and why', () => {
  it('summarises failures by reason, with -s too', async () => {
    const r = await cli(['convert', '-t', 'splunk', '-s', '-p', 'pipeline_fail.yml', 'rules'])
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('sigmaport: 1 document not converted (skipped: -s), by reason:\n      1  pipeline.rule_failure: net rules are not supported here (rules/sub/proc_net.yml)\n')
  })

  it('--workers must be auto or a number', async () => {
    const r = await cli([...splunk, '--workers', 'many', 'rules'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("expected 'auto' or a whole number")
  })
})

describe('units', () => {
  it.each([
    ['rules/win/x.yml', ['rules'], '.txt', 'win/x.txt'],
    ['rules/win/x.yml', ['rules/'], '.txt', 'win/x.txt'],
    ['other/y.yaml', ['rules', 'other/y.yaml'], '.json', 'y.json'],
    ['<stdin>', ['-'], '.txt', 'stdin.txt'],
  ])('outputName(%s)', (file, inputs, ext, expected) => {
    expect(outputName(file, inputs, ext)).toBe(expected)
  })

  it.each([
    ['auto', 50, 2, 0], ['auto', 3141, 2, 2], ['auto', 3141, 16, 8], ['auto', 300, 16, 3], ['auto', 3141, 1, 0], [4, 2, 2, 2], [0, 3141, 8, 0],
  ] as const)('workerCount(%s, %i files, %i cpus) = %i', (req, files, cpus, n) => {
    expect(workerCount(req, files, cpus)).toBe(n)
  })

  it('progress bar: drawn only when enabled, throttled, erased at the end', () => {
    const out: string[] = []
    let t = 0
    const bar = progressBar((s) => out.push(s), true, () => t)
    bar.update({ phase: 'load', done: 10, total: 100 })
    t = 50
    bar.update({ phase: 'load', done: 20, total: 100 })
    t = 200
    bar.update({ phase: 'convert', done: 100, total: 100 })
    bar.done()
    expect(out).toEqual([
      `\r[${'#'.repeat(2)}${'-'.repeat(28)}] loading 10/100\x1b[K`,
      `\r[${'#'.repeat(30)}] converting 100/100\x1b[K`,
      '\r\x1b[K',
    ])
    const quiet: string[] = []
    const off = progressBar((s) => quiet.push(s), false)
    off.update({ phase: 'load', done: 1, total: 2 })
    off.done()
    expect(quiet).toEqual([])
  })
})
