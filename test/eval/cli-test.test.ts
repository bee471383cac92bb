/** `sigmaport test`: run through commander in-process (no build), output and exit codes. */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { registerTestCommand } from '../../src/cli/test-command.js'

const FIX = fileURLToPath(new URL('./fixtures/', import.meta.url))
const REGRESSION = fileURLToPath(
  new URL('../../../shared/sigma/regression_data/rules/windows/process_creation/proc_creation_win_sc_stop_service/81bcb81b-5b1f-474b-b373-52c871aaa7b1.json', import.meta.url),
)

async function run(args: readonly string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  let code = -1
  const io = {
    stdout: (d: string | Uint8Array) => void (stdout += typeof d === 'string' ? d : Buffer.from(d).toString('utf8')),
    stderr: (t: string) => void (stderr += t),
    readStdin: () => Promise.resolve(Buffer.from(stdin)),
  }
  const program = new Command('sigmaport').exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
  registerTestCommand(program, io, (c) => (code = c))
  try {
    await program.parseAsync(['test', ...args], { from: 'user' })
  } catch {
    code = 2
  }
  return { code, stdout, stderr }
}

const lines = (s: string): unknown[] => s.split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown)

describe('sigmaport test', () => {
  it('--json: one line per event with the fired items', async () => {
    const r = await run(['--json', FIX + 'sc-stop.yml', FIX + 'events.ndjson'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(lines(r.stdout)).toEqual([
      {
        event: 0,
        match: true,
        fired: [
          { detection: 'selection_img', field: 'Image', modifiers: ['endswith'], value: '*\\sc.exe', matched: 'C:\\Windows\\System32\\sc.exe', line: 13, column: 11 },
          { detection: 'selection_cli', field: 'CommandLine', modifiers: ['contains'], value: '* stop *', matched: 'sc stop mpssvc', line: 15, column: 9 },
        ],
      },
      { event: 1, match: false, fired: [] },
      { event: 2, match: false, fired: [] },
    ])
  })

  it('text: the matching events, what fired, and the count', async () => {
    const r = await run([FIX + 'sc-stop.yml', FIX + 'events.ndjson'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('event 0: match\n')
    expect(r.stdout).toContain("    selection_img: Image|endswith: *\\sc.exe ← \"C:\\\\Windows\\\\System32\\\\sc.exe\"\n")
    expect(r.stdout).toContain('  1 of 3 events match\n')
    expect(r.stdout).not.toContain('event 1')
  })

  it.skipIf(!existsSync(REGRESSION))('reads the SigmaHQ regression export as it is', async () => {
    const r = await run(['--json', FIX + 'sc-stop.yml', REGRESSION])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const [first] = lines(r.stdout) as { match: boolean; fired: { detection: string }[] }[]
    expect(first?.match).toBe(true)
    expect(first?.fired.map((f) => f.detection)).toEqual(['selection_img', 'selection_img', 'selection_cli'])
  })

  it('events from stdin; exit 1 when nothing matched', async () => {
    const r = await run(['--json', FIX + 'sc-stop.yml', '-'], '[{"Image": "x"}, {"Image": "y"}]')
    expect(r.code).toBe(1)
    expect(lines(r.stdout)).toEqual([
      { event: 0, match: false, fired: [] },
      { event: 1, match: false, fired: [] },
    ])
  })

  it('--event-format plain reads a Windows export as a plain object', async () => {
    const r = await run(['--event-format', 'plain', FIX + 'sc-stop.yml', '-'], '{"Event": {"System": {"EventID": 1}, "EventData": {"Image": "C:\\\\sc.exe", "CommandLine": "sc stop x"}}}')
    expect(r.code).toBe(1)
    const w = await run(['--json', FIX + 'sc-stop.yml', '-'], '{"Event": {"System": {"EventID": 1}, "EventData": {"Image": "C:\\\\sc.exe", "CommandLine": "sc stop x"}}}')
    expect(w.code).toBe(0)
  })

  it.each([
    [['missing.yml', FIX + 'events.ndjson'], 2, 'input.unreadable'],
    [[FIX + 'sc-stop.yml', FIX + 'nope.json'], 2, 'input.unreadable'],
    [['-', '-'], 2, 'config.stdin'],
    [['-p', 'no-such-pipeline', FIX + 'sc-stop.yml', FIX + 'events.ndjson'], 2, 'config.pipeline'],
    [['-t', 'nope', FIX + 'sc-stop.yml', FIX + 'events.ndjson'], 2, 'config.target'],
  ])('%j → exit %i (%s)', async (args, code, diag) => {
    const r = await run(args)
    expect(r.code).toBe(code)
    expect(r.stderr).toContain(diag)
  })

  it('an invalid rule or invalid JSON events are input errors (3) with positions', async () => {
    const bad = await run([FIX + 'sc-stop.yml', '-'], '{"a": 1}\n{"a": }\n')
    expect(bad.code).toBe(3)
    expect(bad.stderr).toMatch(/<stdin>:2:\d+: error input\.json: invalid JSON event/)
    const rule = await run(['-', FIX + 'events.ndjson'], 'title: x\ndetection:\n  sel:\n    a: 1\n  condition: sel and\n')
    expect(rule.code).toBe(3)
    expect(rule.stderr).toContain('<stdin>')
  })
})

describe('sigmaport test -p', () => {
  const EVENT = '{"process": {"executable": "C:\\\\Windows\\\\sc.exe", "command_line": "sc stop mpssvc"}}'

  it('applies a pipeline file first, so mapped fields are tested', async () => {
    const without = await run(['--json', FIX + 'sc-stop.yml', '-'], EVENT)
    expect(without.code).toBe(1)
    const r = await run(['--json', '-p', FIX + 'ecs-like.yml', FIX + 'sc-stop.yml', '-'], EVENT)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const [first] = lines(r.stdout) as { match: boolean; fired: { field: string; detection: string }[] }[]
    expect(first?.fired.map((f) => [f.detection, f.field])).toEqual([
      ['selection_img', 'process.executable'],
      ['selection_cli', 'process.command_line'],
    ])
  })

  it('applies a built-in pipeline by id (sysmon: adds the EventID condition)', async () => {
    const ev = (id: number): string => `{"EventID": ${id}, "Image": "C:\\\\Windows\\\\sc.exe", "CommandLine": "sc stop x"}`
    expect((await run(['-p', 'sysmon', FIX + 'sc-stop.yml', '-'], ev(1))).code).toBe(0)
    const other = await run(['--json', '-p', 'sysmon', FIX + 'sc-stop.yml', '-'], ev(4688))
    expect(other.stderr).toBe('')
    expect(other.code).toBe(1)
  })
})
