/**
 * `sigmaport test RULE EVENTS`: which events a Sigma rule matches and, for each match, the detection items
 * that fired. Events are JSON, a JSON array, NDJSON or the SigmaHQ regression export (Windows events as
 * `Event.System` / `Event.EventData`, read as Windows log agents expose them). `-p` applies pipelines first.
 *
 * Exit codes (grep-like, so scripts can branch on them): 0 = at least one event matched, 1 = none matched,
 * 2 = usage error (bad flag, unreadable file, unknown pipeline), 3 = the rule or the events are invalid.
 */
import { readFileSync } from 'node:fs'
import { Command, Option } from 'commander'
import { allPipelines, BACKENDS, findBackend } from '../../backends/registry.js'
import type { Backend } from '../backend.js'
import { error, formatDiagnostic, type Diagnostic } from '../diagnostics.js'
import type { EventFormat } from '../eval/event.js'
import type { FiredItem } from '../eval/evaluate.js'
import { testRuleText, type RuleTestResult, type TestOutcome } from '../eval/test-rule.js'
import type { Pipeline } from '../pipeline/types.js'
import { EXIT, type ExitCode } from './exit-codes.js'
import { decodeUtf8, fsProblem, STDIN_NAME } from './inputs.js'
import type { CliIo } from './io.js'
import { resolvePipelines } from './pipelines.js'

export interface TestFlags {
  readonly json: boolean
  readonly pipeline: readonly string[]
  readonly target?: string
  readonly eventFormat: 'auto' | EventFormat
}

const collect = (value: string, previous: readonly string[]): string[] => [...previous, value]

async function readText(path: string, io: CliIo): Promise<{ file: string; text: string } | Diagnostic> {
  const file = path === '-' ? STDIN_NAME : path
  let bytes: Uint8Array
  try {
    bytes = path === '-' ? await io.readStdin() : readFileSync(path)
  } catch (e) {
    return error('input.unreadable', `cannot read the file: ${fsProblem(e)}`, { file })
  }
  const text = decodeUtf8(bytes)
  return text === undefined ? error('input.encoding', 'the file is not valid UTF-8 text', { file }) : { file, text }
}

/** Without `-t`, pipeline ids are looked up for the target that ships the first of them. */
function targetFor(flags: TestFlags): Backend | string {
  if (flags.target !== undefined) return findBackend(flags.target) ?? `unknown target '${flags.target}' (see 'sigmaport list targets')`
  const owner = flags.pipeline.map((p) => allPipelines()[p]?.backends[0]).find((b) => b !== undefined)
  return (owner === undefined ? undefined : findBackend(owner)) ?? (BACKENDS[0] as Backend)
}

function firedText(f: FiredItem): string {
  const key = [f.field ?? '', ...(f.modifiers ?? [])].join('|') || '(keyword)'
  const matched = f.matched === undefined ? '' : ` ← ${JSON.stringify(f.matched)}`
  return `    ${f.detection ?? '(pipeline)'}: ${key}: ${f.value}${matched}`
}

function textReport(outcome: TestOutcome): string {
  const lines: string[] = []
  for (const r of outcome.rules) {
    lines.push(`${r.file === undefined ? '' : r.file + ': '}${r.title}${r.id === undefined ? '' : ` [${r.id}]`}`)
    for (const e of r.events.filter((x) => x.match)) {
      lines.push(`  event ${e.event}: match`)
      lines.push(...e.fired.map(firedText))
    }
    lines.push(r.ok ? `  ${r.matched} of ${outcome.eventCount} event${outcome.eventCount === 1 ? '' : 's'} match` : '  not tested: a pipeline rejected the rule')
  }
  return lines.map((l) => l + '\n').join('')
}

function jsonReport(outcome: TestOutcome): string {
  const several = outcome.rules.length > 1
  const line = (r: RuleTestResult, e: RuleTestResult['events'][number]): string =>
    JSON.stringify({ ...(several ? { rule: r.id ?? r.title } : {}), event: e.event, match: e.match, fired: e.fired })
  return outcome.rules.flatMap((r) => r.events.map((e) => line(r, e) + '\n')).join('')
}

export async function runTest(rulePath: string, eventsPath: string, flags: TestFlags, io: CliIo): Promise<ExitCode> {
  const say = (d: Diagnostic): void => io.stderr(formatDiagnostic(d) + '\n')
  if (rulePath === '-' && eventsPath === '-') {
    say(error('config.stdin', 'the rule and the events cannot both come from stdin (-)'))
    return EXIT.usage
  }
  let pipelines: readonly Pipeline[] = []
  let backend: Backend | undefined
  if (flags.pipeline.length > 0 || flags.target !== undefined) {
    const target = targetFor(flags)
    if (typeof target === 'string') {
      say(error('config.target', target))
      return EXIT.usage
    }
    const resolved = resolvePipelines(flags.pipeline, target, flags.target !== undefined)
    if (!resolved.ok) {
      resolved.diagnostics.forEach(say)
      return EXIT.usage
    }
    resolved.warnings.forEach(say)
    pipelines = resolved.pipelines
    backend = target
  }
  const rule = await readText(rulePath, io)
  const events = await readText(eventsPath, io)
  if ('code' in rule || 'code' in events) {
    const problems = [rule, events].filter((x): x is Diagnostic => 'code' in x)
    problems.forEach(say)
    return problems.some((d) => d.code === 'input.encoding') ? EXIT.inputError : EXIT.usage
  }
  const outcome = testRuleText(rule.text, events.text, {
    file: rule.file,
    eventsFile: events.file,
    pipelines,
    ...(backend === undefined ? {} : { env: { backend: backend.id, format: 'default', options: {} } }),
    ...(flags.eventFormat === 'auto' ? {} : { format: flags.eventFormat }),
  })
  outcome.diagnostics.forEach(say)
  for (const r of outcome.rules) r.diagnostics.forEach(say)
  io.stdout(flags.json ? jsonReport(outcome) : textReport(outcome))
  const inputErrors = outcome.diagnostics.some((d) => d.severity === 'error')
  if (inputErrors || outcome.rules.length === 0) {
    if (outcome.rules.length === 0 && !inputErrors) say(error('input.no_rule', 'the rule file holds no detection rule', { file: rule.file }))
    return EXIT.inputError
  }
  return outcome.rules.some((r) => r.matched > 0) ? EXIT.ok : EXIT.conversionFailed
}

/** Adds `test` to the program; `setCode` receives the exit code. */
export function registerTestCommand(program: Command, io: CliIo, setCode: (c: ExitCode) => void): Command {
  return program
    .command('test')
    .description('Test a Sigma rule against events: which events match and which detection items fired (exit 0: some event matched, 1: none)')
    .argument('<rule>', 'Sigma rule file (- = stdin)')
    .argument('<events>', 'events: a JSON value, a JSON array, NDJSON, or a SigmaHQ regression export (- = stdin)')
    .option('--json', 'one JSON line per event: {"event": <0-based index>, "match": true|false, "fired": [...]}')
    .option('-p, --pipeline <id|file>', 'apply this processing pipeline to the rule first (repeatable)', collect, [])
    .option('-t, --target <target>', 'look pipeline ids up for this target and run them as for it')
    .addOption(new Option('--event-format <format>', 'how to read events; auto recognises Windows exports by their Event.System shape').choices(['auto', 'plain', 'windows']).default('auto'))
    .action(async (rulePath: string, eventsPath: string, o: { json?: boolean; pipeline: string[]; target?: string; eventFormat: TestFlags['eventFormat'] }) => {
      const flags: TestFlags = { json: o.json === true, pipeline: o.pipeline, ...(o.target === undefined ? {} : { target: o.target }), eventFormat: o.eventFormat }
      setCode(await runTest(rulePath, eventsPath, flags, io))
    })
}
