/** The generated lists (targets, formats, pipelines, modifiers…) must match the registry: run `npm run readme`. */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT, build } from './run-cli.js'

const script = join(ROOT, 'scripts', 'readme-lists.mjs')
const readme = join(ROOT, 'README.md')
const target = existsSync(readme) ? readme : join(ROOT, 'docs', 'lists.md')

const run = async (...args: string[]): Promise<{ code: number; stderr: string }> => {
  try {
    const r = await promisify(execFile)(process.execPath, [script, ...args], { cwd: ROOT })
    return { code: 0, stderr: r.stderr }
  } catch (e) {
    const err = e as { code?: number; stderr?: string }
    return { code: err.code ?? -1, stderr: err.stderr ?? '' }
  }
}

let tmp = ''
beforeAll(() => {
  build()
  tmp = mkdtempSync(join(tmpdir(), 'sigmaport-readme-'))
})
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe('generated README lists', () => {
  it(`${target.slice(ROOT.length)} is up to date with the registry (else: npm run readme)`, async () => {
    const r = await run('--check', '--file', target)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
  })

  it('--check notices a stale section, and a rewrite fixes it without touching the rest', async () => {
    const copy = join(tmp, 'README.md')
    const current = existsSync(readme) ? readFileSync(readme, 'utf8') : `# Title\n\nIntro.\n\n${readFileSync(target, 'utf8')}\n## After\n`
    writeFileSync(copy, current.replace(/(<!-- lists:start -->)[\s\S]*(<!-- lists:end -->)/, '$1\n| `old` | list |\n$2'))
    expect((await run('--check', '--file', copy)).code).toBe(1)
    expect((await run('--file', copy)).code).toBe(0)
    expect(readFileSync(copy, 'utf8')).toBe(current)
  })
})
