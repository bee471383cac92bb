/**
 * The library examples of the README (docs/examples/*.ts) run as tests: each is imported with `sigmaport` and
 * `sigmaport/node` pointing at the sources, and its result checked.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const ROOT = new URL('../../', import.meta.url).pathname
const EXAMPLES = join(ROOT, 'docs/examples')
const FIX = join(ROOT, 'test/cli/fixtures')
const tmp = mkdtempSync(join(tmpdir(), 'sigmaport-examples-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

async function example<T>(name: string): Promise<T> {
  const text = readFileSync(join(EXAMPLES, name), 'utf8')
    .replace(/from 'sigmaport\/node'/g, `from '${join(ROOT, 'src/batch/index.ts')}'`)
    .replace(/from 'sigmaport'/g, `from '${join(ROOT, 'src/index.ts')}'`)
  const file = join(tmp, name)
  writeFileSync(file, text)
  return (await import(file)) as T
}

const WHOAMI = readFileSync(join(FIX, 'rules/proc_whoami.yml'), 'utf8')

describe('README examples', () => {
  it('every example has a test here', () => {
    expect(readdirSync(EXAMPLES).filter((f) => f.endsWith('.ts')).sort()).toEqual(['batch-convert.ts', 'check-rules.ts', 'convert-text.ts', 'reuse-converter.ts'])
  })

  it('batch-convert.ts', async () => {
    const { convertRules } = await example<{ convertRules: (dir: string) => Promise<{ queries: string[]; refused: string[] }> }>('batch-convert.ts')
    const r = await convertRules(join(FIX, 'rules'))
    expect(r.queries).toHaveLength(2)
    expect(r.queries[0]).toContain('whoami.exe')
    expect(r.refused).toEqual([])
  })

  it('reuse-converter.ts', async () => {
    const { convertTwice } = await example<{ convertTwice: (t: { file: string; text: string }[]) => Promise<{ ok: boolean; queries: readonly unknown[] }[][]> }>('reuse-converter.ts')
    const [a, b] = await convertTwice([{ file: 'whoami.yml', text: WHOAMI }])
    expect(a).toEqual(b)
    expect(a?.[0]?.ok).toBe(true)
    expect(String(a?.[0]?.queries[0])).toContain('DeviceProcessEvents')
  })

  it('convert-text.ts', async () => {
    const { toSplunk } = await example<{ toSplunk: (t: string, f: string) => { queries: string[]; errors: string[] } }>('convert-text.ts')
    const ok = toSplunk(WHOAMI, 'whoami.yml')
    expect(ok.errors).toEqual([])
    expect(ok.queries[0]).toContain('whoami.exe')
    const bad = toSplunk('title: x\nlogsource: {product: windows}\ndetection:\n  s: {a|nope: 1}\n  condition: s\n', 'bad.yml')
    expect(bad.errors[0]).toMatch(/^bad\.yml:4:\d+: error modifier\.unknown/)
  })

  it('the README shows every example verbatim', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
    for (const f of readdirSync(EXAMPLES).filter((x) => x.endsWith('.ts'))) {
      expect(readme, `README.md must include docs/examples/${f}`).toContain('```ts\n' + readFileSync(join(EXAMPLES, f), 'utf8'))
    }
  })

  it('check-rules.ts', async () => {
    const { sarifFor } = await example<{ sarifFor: (f: { file: string; text: string }[]) => string }>('check-rules.ts')
    const sarif = JSON.parse(sarifFor([{ file: 'rules/proc_whoami.yml', text: WHOAMI }])) as { runs: { results: { ruleId: string }[] }[] }
    expect(sarif.runs[0]?.results.map((r) => r.ruleId)).toContain('date_existence')
  })
})
