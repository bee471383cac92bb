/**
 * The `sigmaport` command line: `convert` (sigma-cli's flags), `list …`, `version`.
 * Commander's own errors (unknown flag, missing argument) become exit code 2, like click's usage errors.
 */
import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander'
import { error, formatDiagnostic } from '../diagnostics.js'
import { findBackend } from '../../backends/registry.js'
import { runCheck, validatorList } from './check-command.js'
import type { CheckFlags } from './check-command.js'
import { REPORT_FORMATS } from '../check/report/index.js'
import { runConvert } from './convert-command.js'
import type { ConvertFlags } from './convert-setup.js'
import { EXIT } from './exit-codes.js'
import type { ExitCode } from './exit-codes.js'
import type { CliIo } from './io.js'
import { LIST_KINDS, listTable, renderTable } from './list.js'
import type { ListKind } from './list.js'
import { VERSION } from './version.js'
import { registerTestCommand } from './test-command.js'

const collect = (value: string, previous: readonly string[]): string[] => [...previous, value]

const nonNegativeInt = (value: string): number => {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number of spaces')
  return n
}

interface RawConvertOptions {
  readonly target: string
  readonly pipeline: string[]
  readonly withoutPipeline?: boolean
  readonly pipelineCheck: boolean
  readonly format?: string
  readonly correlationMethod?: string
  readonly filter: string[]
  readonly filePattern: string
  readonly skipUnsupported: boolean
  readonly output?: string
  readonly encoding: string
  readonly jsonIndent?: number
  readonly backendOption: string[]
  readonly json?: boolean
  readonly verbose?: boolean
  readonly outputDir?: string
  readonly outputExtension?: string
  readonly workers: number | 'auto'
  readonly progress: boolean
}

const workersArg = (value: string): number | 'auto' => {
  if (value === 'auto') return 'auto'
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected 'auto' or a whole number of threads (0 = none)")
  return n
}

function convertFlags(o: RawConvertOptions): ConvertFlags {
  return {
    target: o.target,
    pipeline: o.pipeline,
    withoutPipeline: o.withoutPipeline === true,
    pipelineCheck: o.pipelineCheck,
    ...(o.format === undefined ? {} : { format: o.format }),
    ...(o.correlationMethod === undefined ? {} : { correlationMethod: o.correlationMethod }),
    filter: o.filter,
    filePattern: o.filePattern,
    skipUnsupported: o.skipUnsupported,
    ...(o.output === undefined ? {} : { output: o.output }),
    encoding: o.encoding,
    ...(o.jsonIndent === undefined ? {} : { jsonIndent: o.jsonIndent }),
    backendOption: o.backendOption,
    json: o.json === true,
    verbose: o.verbose === true,
    ...(o.outputDir === undefined ? {} : { outputDir: o.outputDir }),
    ...(o.outputExtension === undefined ? {} : { outputExtension: o.outputExtension }),
    workers: o.workers,
    progress: o.progress,
  }
}

function buildProgram(io: CliIo, setCode: (c: ExitCode) => void): Command {
  const program = new Command('sigmaport')
    .description('Translate Sigma detection rules into SIEM queries (Splunk, Elastic, Microsoft Kusto)')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })

  program
    .command('convert')
    .description('Convert Sigma rules into queries. Inputs are files, directories (searched recursively for --file-pattern) or - for stdin.')
    .argument('<input...>', 'rule files, directories or - (stdin)')
    .requiredOption('-t, --target <target>', "target query language (see 'sigmaport list targets')")
    .option('-p, --pipeline <id|file>', 'processing pipeline: a pipeline id, a YAML file or a directory of them (repeatable)', collect, [])
    .option('--without-pipeline', "do not apply the target's default pipelines")
    .option('--pipeline-check', 'refuse pipelines meant for another target (default)', true)
    .option('--disable-pipeline-check', 'allow pipelines meant for another target')
    .option('-f, --format <format>', "output format (see 'sigmaport list formats TARGET'; default: the target's default)")
    .option('-c, --correlation-method <method>', "correlation method (see 'sigmaport list correlation-methods TARGET')")
    .option('--filter <file>', 'Sigma filter documents to apply to the rules (repeatable)', collect, [])
    .option('-P, --file-pattern <glob>', 'file names to convert when recursing into directories', '*.yml')
    .option('-s, --skip-unsupported', 'skip rules the target cannot convert (exit code 0 instead of 1)', false)
    .option('--fail-unsupported', 'exit with code 1 when a rule cannot be converted (default)')
    .option('-o, --output <file>', 'write the output to a file (- = stdout)')
    .option('-e, --encoding <encoding>', 'output encoding', 'utf-8')
    .addOption(new Option('-j, --json-indent <n>', 'indent JSON objects in the output by n spaces').argParser(nonNegativeInt))
    .option('-O, --backend-option <key=value>', 'target-specific option (repeatable)', collect, [])
    .option('--json', 'one JSON object per rule per line: {path, id, target, ok, queries | error, diagnostics}')
    .option('--verbose', 'print a summary line even when everything converted')
    .option('-d, --output-dir <dir>', 'write one output file per rule file into this directory (named after the rule file), plus manifest.json')
    .option('--output-extension <ext>', 'extension of the files written by --output-dir (default .txt, or .json for formats that produce objects)')
    .addOption(new Option('--workers <n>', "worker threads: 'auto' (by input size and CPU cores) or a number, 0 = convert in one thread").argParser(workersArg).default('auto'))
    .option('--no-progress', 'never draw the progress bar (it is only drawn on an interactive terminal, never in CI or with --json)')
    .action(async (inputs: string[], raw: RawConvertOptions & { disablePipelineCheck?: boolean; failUnsupported?: boolean }) => {
      const flags = convertFlags({ ...raw, pipelineCheck: raw.disablePipelineCheck !== true, skipUnsupported: raw.skipUnsupported && raw.failUnsupported !== true })
      setCode(await runConvert(inputs, flags, io))
    })

  program
    .command('check')
    .description('Validate Sigma rules with the validators of pySigma and SigmaHQ (see --list). Exit code 0: no findings, 1: findings, 2: usage error, 3: rules that do not load.')
    .argument('[input...]', 'rule files, directories or - (stdin)')
    .option('--config <file>', "validation config: sigma-cli's format ('validators: [all, -tlptag]', 'exclusions: {RULE_ID: VALIDATOR}')")
    .option('--validation-config <file>', 'same as --config (sigma-cli spelling)')
    .option('--enable <validator>', 'run this validator too (repeatable)', collect, [])
    .option('--disable <validator>', 'do not run this validator (repeatable)', collect, [])
    .option('--exclude <ruleid:validator>', 'do not report this validator for this rule id (repeatable)', collect, [])
    .addOption(new Option('-F, --format <format>', 'report format').choices(REPORT_FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file (- = stdout)')
    .addOption(new Option('--fail-severity <severity>', "lowest severity that makes the exit code 1 ('none': never)").choices(['low', 'medium', 'high', 'error', 'none']).default('low'))
    .option('-P, --file-pattern <glob>', 'file names to check when recursing into directories', '*.yml')
    .option('--attack-data <file>', "MITRE ATT&CK STIX bundle (enterprise-attack.json) for attacktag instead of the bundled ATT&CK table")
    .option('--list', 'list the validators and exit')
    .action(async (inputs: string[], o: { config?: string; validationConfig?: string; enable: string[]; disable: string[]; exclude: string[]; format: CheckFlags['format']; output?: string; failSeverity: CheckFlags['failSeverity']; filePattern: string; attackData?: string; list?: boolean }) => {
      if (o.list) {
        io.stdout(validatorList())
        return
      }
      if (inputs.length === 0) {
        io.stderr("error: missing required argument 'input'\n")
        setCode(EXIT.usage)
        return
      }
      const config = o.config ?? o.validationConfig
      setCode(await runCheck(inputs, { ...(config === undefined ? {} : { config }), enable: o.enable, disable: o.disable, exclude: o.exclude, format: o.format, ...(o.output === undefined ? {} : { output: o.output }), failSeverity: o.failSeverity, filePattern: o.filePattern, ...(o.attackData === undefined ? {} : { attackData: o.attackData }) }, io))
    })

  program
    .command('list')
    .description('List targets, output formats, pipelines, modifiers or correlation methods')
    .addArgument(new Argument('<what>', 'what to list').choices(LIST_KINDS))
    .argument('[target]', 'only this target (formats, pipelines, correlation-methods)')
    .option('--json', 'print a JSON array of rows')
    .action((what: ListKind, targetId: string | undefined, o: { json?: boolean }) => {
      const target = targetId === undefined ? undefined : findBackend(targetId)
      if (targetId !== undefined && !target) {
        io.stderr(formatDiagnostic(error('config.target', `unknown target '${targetId}' (see 'sigmaport list targets')`)) + '\n')
        setCode(EXIT.usage)
        return
      }
      const table = listTable(what, target)
      io.stdout(o.json ? JSON.stringify(table.rows, null, 2) + '\n' : renderTable(table))
    })

  registerTestCommand(program, io, setCode)

  program
    .command('version')
    .description('print the version of sigmaport')
    .action(() => io.stdout(VERSION + '\n'))

  return program
}

/** Runs the command line and returns the exit code (never throws for user errors). */
export async function run(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok
  const program = buildProgram(io, (c) => {
    code = c
  })
  if (argv.length === 0) {
    io.stderr(program.helpInformation())
    return EXIT.usage
  }
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return code
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage
    io.stderr(`sigmaport: internal error: ${e instanceof Error ? e.message : String(e)}\n`)
    return EXIT.internal
  }
}
