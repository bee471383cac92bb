import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { BACKENDS, allPipelines } from '../../backends/registry.js'
import { MODIFIERS } from '../../src/sigma/modifiers.js'
import { ROOT, build, cli } from './run-cli.js'

beforeAll(build)

const json = async (args: readonly string[]): Promise<Record<string, unknown>[]> => {
  const r = await cli(args)
  expect([r.code, r.stderr]).toEqual([0, ''])
  return JSON.parse(r.stdout) as Record<string, unknown>[]
}

describe.concurrent('sigmaport list', () => {
  it('targets: every registry backend, with its formats and pipelines', async () => {
    const rows = await json(['list', 'targets', '--json'])
    expect(rows.map((r) => r.id)).toEqual(BACKENDS.map((b) => b.id))
    const splunk = rows.find((r) => r.id === 'splunk')
    expect(splunk).toMatchObject({ label: 'Splunk SPL', defaultFormat: 'default', requiresPipeline: true })
    expect(splunk?.formats).toEqual(expect.arrayContaining(['default', 'savedsearches', 'data_model']))
    expect(splunk?.pipelines).toContain('splunk_windows')
  })

  it('formats TARGET marks the default', async () => {
    const rows = await json(['list', 'formats', 'splunk', '--json'])
    expect(rows.filter((r) => r.default).map((r) => r.format)).toEqual(['default'])
    expect(rows.every((r) => r.target === 'splunk' && typeof r.description === 'string' && r.description !== '')).toBe(true)
  })

  it('pipelines TARGET: its own and the generic ones, not those of other targets', async () => {
    const rows = await json(['list', 'pipelines', 'splunk', '--json'])
    const ids = rows.map((r) => r.id)
    expect(ids).toContain('splunk_windows')
    const foreign = Object.entries(allPipelines()).filter(([, p]) => p.backends.length > 0 && !p.backends.includes('splunk')).map(([id]) => id)
    for (const id of foreign) expect(ids).not.toContain(id)
    expect((await json(['list', 'pipelines', '--json'])).length).toBe(Object.keys(allPipelines()).length)
  })

  it('modifiers: every modifier the loader accepts', async () => {
    const rows = await json(['list', 'modifiers', '--json'])
    expect(rows.map((r) => r.modifier)).toEqual(Object.keys(MODIFIERS))
  })

  it('correlation-methods TARGET', async () => {
    const rows = await json(['list', 'correlation-methods', 'splunk', '--json'])
    expect(rows.map((r) => r.method)).toEqual(Object.keys(BACKENDS.find((b) => b.id === 'splunk')?.correlation?.methods ?? {}))
  })

  it('prints an aligned text table without --json', async () => {
    const r = await cli(['list', 'formats', 'splunk'])
    const [head, rule, ...rows] = r.stdout.trimEnd().split('\n')
    expect(head).toMatch(/^Target\s+Format\s+Default\s+Description$/)
    expect(rule).toMatch(/^-+( +-+)+$/)
    expect(rows.some((l) => /^splunk\s+savedsearches\s+no\s+\S/.test(l))).toBe(true)
  })

  it.each([
    [['list', 'nope'], "argument 'what'"],
    [['list', 'formats', 'nope'], "error config.target: unknown target 'nope'"],
  ])('usage errors exit 2: %j', async (args, message) => {
    const r = await cli(args)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(message)
  })

  it('version and --version print the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
    expect((await cli(['version'])).stdout).toBe(version + '\n')
    expect((await cli(['--version'])).stdout).toBe(version + '\n')
  })

  it('no command prints the help and exits 2; --help exits 0', async () => {
    const none = await cli([])
    expect([none.code, none.stderr.startsWith('Usage: sigmaport')]).toEqual([2, true])
    const help = await cli(['convert', '--help'])
    expect(help.code).toBe(0)
    for (const flag of ['-t, --target', '-p, --pipeline', '--without-pipeline', '-f, --format', '-s, --skip-unsupported', '-o, --output', '-O, --backend-option', '-P, --file-pattern', '-c, --correlation-method', '--filter', '--json']) {
      expect(help.stdout).toContain(flag)
    }
  })
})
