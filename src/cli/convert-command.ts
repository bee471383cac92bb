/**
 * `sigmaport convert`: read every input, load and convert the whole set (correlations and filters may reference
 * rules in other files; batch/run.ts spreads the work over worker threads with the same result), then print one
 * stream or write one file per rule file (--output-dir), and pick the exit code.
 * One bad file or rule never stops the batch; every problem is a `file:line:col: severity code: message` line.
 */
import { writeFileSync } from 'node:fs'
import { error, formatDiagnostic, warning } from '../diagnostics.js'
import type { Diagnostic } from '../diagnostics.js'
import type { Converter } from '../convert.js'
import type { SigmaFilter } from '../ir/rule.js'
import { loadOne, internalError } from '../batch/core.js'
import { runBatch } from '../batch/run.js'
import type { DocumentResult, FileResult } from '../batch/types.js'
import { setupConverter } from './convert-setup.js'
import type { ConvertFlags } from './convert-setup.js'
import { EXIT, exitCodeOf } from './exit-codes.js'
import type { ExitCode } from './exit-codes.js'
import { fsProblem, missingInputs, readInputs } from './inputs.js'
import type { SourceText } from './inputs.js'
import type { CliIo } from './io.js'
import { renderOutput } from './output.js'
import { writeOutputDir } from './output-dir.js'
import { progressBar } from './progress.js'
import { fileErrorRecord, documentRecord } from './records.js'
import type { JsonRecord } from './records.js'
import { formatRefusals, refusals } from './refusals.js'
import { VERSION } from './version.js'
import { hostsFor, workerCount } from './workers.js'

const isError = (d: Diagnostic): boolean => d.severity === 'error'

/** Documents from `--filter` files (loaded here, they are few): only filters count, anything else is ignored with a warning. */
function filterDocuments(sources: readonly SourceText[]): { filters: SigmaFilter[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = []
  const filters: SigmaFilter[] = []
  for (const src of sources) {
    const loaded = loadOne(src)
    diagnostics.push(...loaded.diagnostics)
    for (const d of loaded.docs) {
      if (d.kind === 'filter') filters.push(d)
      else diagnostics.push(warning('input.not_a_filter', `--filter file holds a ${d.kind} ('${d.title}'), which is ignored`, { file: src.file }))
    }
  }
  return { filters, diagnostics }
}

/** JSON lines in input order: unreadable files first, then per file its load errors and its documents' results. */
function jsonLines(target: string, readErrors: readonly Diagnostic[], files: readonly FileResult[]): string {
  const records: JsonRecord[] = readErrors.filter(isError).map((d) => fileErrorRecord(d.file ?? '', target, [d]))
  for (const f of files) {
    const errors = f.diagnostics.filter(isError)
    if (errors.length > 0) records.push(fileErrorRecord(f.file, target, errors))
    for (const r of f.results) records.push(documentRecord(r, target))
  }
  return records.map((r) => JSON.stringify(r) + '\n').join('')
}

function textOutput(converter: Converter, results: readonly DocumentResult[], indent: number | undefined): { text?: string; problem?: Diagnostic } {
  const queries = results.filter((r) => r.ok).flatMap((r) => r.queries)
  try {
    return { text: renderOutput(converter.finalize(queries), indent) }
  } catch (e) {
    return { problem: internalError(e, 'finishing the output') }
  }
}

function summary(target: string, results: readonly DocumentResult[], inputProblems: number, skip: boolean): string {
  const failed = results.filter((r) => !r.ok).length
  const parts = [`converted ${results.length - failed} of ${results.length} documents to ${target}`]
  if (failed > 0) parts.push(`${failed} failed to convert${skip ? ' (skipped: -s)' : ''}`)
  if (inputProblems > 0) parts.push(`${inputProblems} input error${inputProblems === 1 ? '' : 's'}`)
  return `sigmaport: ${parts.join('; ')}\n`
}

/** Loads and converts every source (worker threads for large inputs); a coordinator failure is one diagnostic. */
async function convertSources(sources: readonly SourceText[], filters: readonly SigmaFilter[], converter: Converter, flags: ConvertFlags, io: CliIo): Promise<{ files: FileResult[]; problem?: Diagnostic }> {
  const workers = workerCount(flags.workers ?? 'auto', sources.length)
  const hosts = hostsFor(converter, { kind: 'cli-convert', flags }, workers, io.workerScript)
  const bar = progressBar(io.stderr, io.interactive === true && flags.progress !== false && !flags.json && sources.length > 1)
  const files: FileResult[] = []
  try {
    for await (const f of runBatch(sources, { hosts, converter, extraFilters: filters, onProgress: bar.update })) files.push(f)
    return { files }
  } catch (e) {
    return { files, problem: internalError(e, 'converting') }
  } finally {
    bar.done()
    await Promise.all(hosts.map((h) => h.close()))
  }
}

export async function runConvert(inputs: readonly string[], flags: ConvertFlags, io: CliIo): Promise<ExitCode> {
  const say = (d: Diagnostic): void => io.stderr(formatDiagnostic(d) + '\n')
  const missing = missingInputs([...inputs, ...flags.filter])
  if (missing.length > 0) {
    for (const m of missing) say(error('input.not_found', 'no such file or directory', { file: m }))
    return EXIT.usage
  }
  const setup = setupConverter(flags)
  if (!setup.ok) {
    setup.diagnostics.forEach(say)
    return EXIT.usage
  }
  setup.warnings.forEach(say)
  const { converter } = setup
  const target = converter.backend.id

  const read = await readInputs(inputs, flags.filePattern, io.readStdin)
  const readFilters = await readInputs(flags.filter, flags.filePattern, io.readStdin)
  const filterSet = filterDocuments(readFilters.sources)
  const converted = await convertSources(read.sources, filterSet.filters, converter, flags, io)
  const { files } = converted
  const results = files.flatMap((f) => f.results)
  const readErrors = [...read.diagnostics, ...readFilters.diagnostics]
  const loadDiagnostics = [...files.flatMap((f) => f.diagnostics), ...filterSet.diagnostics.filter((d) => d.code !== 'input.not_a_filter')]

  for (const d of [...readErrors, ...loadDiagnostics, ...filterSet.diagnostics.filter((d) => d.code === 'input.not_a_filter')]) say(d)
  for (const r of results) r.diagnostics.forEach(say)
  const late: Diagnostic[] = converted.problem ? [converted.problem] : []

  let unwritable = false
  if (flags.outputDir !== undefined) {
    const written = writeOutputDir(flags.outputDir, files, {
      converter,
      inputs,
      ...(flags.outputExtension === undefined ? {} : { extension: flags.outputExtension.startsWith('.') ? flags.outputExtension : `.${flags.outputExtension}` }),
      ...(flags.jsonIndent === undefined ? {} : { indent: flags.jsonIndent }),
      encoding: flags.encoding as BufferEncoding,
      version: VERSION,
    })
    written.problems.forEach(say)
    unwritable = written.problems.some((d) => d.code === 'output.unwritable')
    late.push(...written.problems.filter((d) => d.code !== 'output.unwritable'))
    if (flags.json) io.stdout(jsonLines(target, readErrors, files))
  } else {
    let out: string
    if (flags.json) out = jsonLines(target, readErrors, files)
    else {
      const t = textOutput(converter, results, flags.jsonIndent)
      if (t.problem) late.push(t.problem)
      out = t.text ?? ''
    }
    const bytes = Buffer.from(out, flags.encoding as BufferEncoding)
    if (flags.output === undefined || flags.output === '-') io.stdout(bytes)
    else {
      try {
        writeFileSync(flags.output, bytes)
      } catch (e) {
        unwritable = true
        say(error('output.unwritable', `cannot write the output: ${fsProblem(e)}`, { file: flags.output }))
      }
    }
  }
  late.forEach(say)

  const inputErrors = [...readErrors.filter((d) => d.code === 'input.encoding'), ...loadDiagnostics].filter(isError).length
  const failed = results.some((r) => !r.ok) || late.length > 0
  if (flags.verbose || failed || inputErrors > 0) io.stderr(summary(target, results, inputErrors, flags.skipUnsupported))
  if (results.some((r) => !r.ok)) io.stderr(formatRefusals(refusals(results), flags.skipUnsupported))
  return exitCodeOf({
    usage: unwritable || readErrors.some((d) => isError(d) && d.code === 'input.unreadable'),
    input: inputErrors > 0,
    failed,
    skipUnsupported: flags.skipUnsupported && late.length === 0,
  })
}
