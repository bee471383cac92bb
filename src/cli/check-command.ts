/**
 * `sigmaport check`: load a rule set and run the validators (src/check) over it; findings as text, JSON, JUnit XML
 * or SARIF. Exit codes (docs/CHECK.md): 0 no finding at or above --fail-severity, 1 findings, 2 usage/config error,
 * 3 files or documents that could not be loaded.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { error, formatDiagnostic } from '../diagnostics.js'
import type { Diagnostic } from '../diagnostics.js'
import type { SigmaDocument } from '../ir/rule.js'
import { loadOne } from '../batch/core.js'
import { loadConfig } from '../check/config.js'
import { VALIDATORS } from '../check/registry.js'
import { attackFromStix, attackTagValidator } from '../check/validators/tags.js'
import { renderReport } from '../check/report/index.js'
import type { ReportFormat } from '../check/report/index.js'
import { runChecks } from '../check/run.js'
import { SEVERITY_ORDER } from '../check/types.js'
import type { CheckSeverity } from '../check/types.js'
import { EXIT } from './exit-codes.js'
import type { ExitCode } from './exit-codes.js'
import { decodeUtf8, fsProblem, missingInputs, readInputs } from './inputs.js'
import type { CliIo } from './io.js'
import { VERSION } from './version.js'

export interface CheckFlags {
  readonly config?: string
  readonly enable: readonly string[]
  readonly disable: readonly string[]
  readonly exclude: readonly string[]
  readonly format: ReportFormat
  readonly output?: string
  readonly failSeverity: CheckSeverity | 'none'
  readonly filePattern: string
  /** MITRE's enterprise-attack.json (STIX bundle) for a newer ATT&CK table than the bundled one. */
  readonly attackData?: string
}

export function validatorList(): string {
  const w = Math.max(...VALIDATORS.map((v) => v.id.length))
  return VALIDATORS.map((v) => `${v.id.padEnd(w)}  ${v.severity.padEnd(6)}  ${v.origin.padEnd(9)}  ${v.optIn ? '(off by default) ' : ''}${v.description}`).join('\n') + '\n'
}

function readConfig(file: string | undefined): { text?: string; problem?: Diagnostic } {
  if (file === undefined) return {}
  try {
    const text = decodeUtf8(readFileSync(file))
    return text === undefined ? { problem: error('input.encoding', 'the validation config is not valid UTF-8 text', { file }) } : { text }
  } catch (e) {
    return { problem: error('config.check', `cannot read the validation config: ${fsProblem(e)}`, { file }) }
  }
}

export async function runCheck(inputs: readonly string[], flags: CheckFlags, io: CliIo): Promise<ExitCode> {
  const say = (d: Diagnostic): void => io.stderr(formatDiagnostic(d) + '\n')
  const missing = missingInputs([...inputs, ...(flags.config === undefined ? [] : [flags.config])])
  if (missing.length > 0) {
    missing.forEach((m) => say(error('input.not_found', 'no such file or directory', { file: m })))
    return EXIT.usage
  }
  const cfgText = readConfig(flags.config)
  if (cfgText.problem) {
    say(cfgText.problem)
    return EXIT.usage
  }
  const cfg = loadConfig(cfgText.text, flags.config, [...flags.enable, ...flags.disable.map((d) => `-${d}`)], flags.exclude)
  if (!cfg.ok) {
    cfg.diagnostics.forEach(say)
    return EXIT.usage
  }

  let config = cfg.config
  if (flags.attackData !== undefined) {
    let table: ReturnType<typeof attackFromStix>
    try {
      table = attackFromStix(JSON.parse(readFileSync(flags.attackData, 'utf8')))
    } catch (e) {
      say(error('config.check', `cannot read the ATT&CK data: ${e instanceof SyntaxError ? 'not JSON' : fsProblem(e)}`, { file: flags.attackData }))
      return EXIT.usage
    }
    if (table === undefined) {
      say(error('config.check', 'the ATT&CK data is not a STIX bundle with ATT&CK objects (use enterprise-attack.json of mitre-attack/attack-stix-data)', { file: flags.attackData }))
      return EXIT.usage
    }
    const own = attackTagValidator(table.names, table.version)
    config = { ...config, validators: config.validators.map((v) => (v.id === 'attacktag' ? own : v)) }
  }

  const read = await readInputs(inputs, flags.filePattern, io.readStdin)
  const documents: SigmaDocument[] = []
  const diagnostics: Diagnostic[] = [...read.diagnostics]
  for (const src of read.sources) {
    const r = loadOne(src)
    documents.push(...r.docs)
    diagnostics.push(...r.diagnostics)
  }
  const texts = new Map(read.sources.map((s) => [s.file, s.text]))
  const report = runChecks({ documents, diagnostics: diagnostics.filter((d) => d.code !== 'input.unreadable'), texts }, config)
  const out = renderReport(flags.format, report, VERSION)

  let unwritable = false
  if (flags.output === undefined || flags.output === '-') io.stdout(out)
  else {
    try {
      writeFileSync(flags.output, out)
    } catch (e) {
      unwritable = true
      say(error('output.unwritable', `cannot write the report: ${fsProblem(e)}`, { file: flags.output }))
    }
    // The report went to a file: keep a one-line summary on the terminal.
    if (flags.format !== 'text' || !unwritable) io.stderr(`sigmaport check: ${report.findings.length} finding${report.findings.length === 1 ? '' : 's'} in ${report.files.length} files, written to ${flags.output}\n`)
  }
  read.diagnostics.filter((d) => d.code === 'input.unreadable' || d.severity === 'warning').forEach(say)

  if (unwritable || read.diagnostics.some((d) => d.code === 'input.unreadable')) return EXIT.usage
  if (report.findings.some((f) => f.severity === 'error')) return EXIT.inputError
  const threshold = flags.failSeverity === 'none' ? Infinity : SEVERITY_ORDER.indexOf(flags.failSeverity)
  return report.findings.some((f) => SEVERITY_ORDER.indexOf(f.severity) >= threshold) ? EXIT.conversionFailed : EXIT.ok
}
