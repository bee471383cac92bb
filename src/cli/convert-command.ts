/**
 * `sigmaport convert`: read every input, load all documents into one set (correlations and filters may
 * reference rules in other files), convert them, print the output and pick the exit code.
 * One bad file or rule never stops the batch; every problem is a `file:line:col: severity code: message` line.
 */
import { writeFileSync } from 'node:fs'
import type { Converter, RuleResult } from '../convert.js'
import { SigmaError, error, formatDiagnostic, warning } from '../diagnostics.js'
import type { Diagnostic } from '../diagnostics.js'
import type { SigmaDocument } from '../ir/rule.js'
import { loadSigma } from '../sigma/load.js'
import { setupConverter } from './convert-setup.js'
import type { ConvertFlags } from './convert-setup.js'
import { EXIT, exitCodeOf } from './exit-codes.js'
import type { ExitCode } from './exit-codes.js'
import { fsProblem, missingInputs, readInputs } from './inputs.js'
import type { SourceText } from './inputs.js'
import type { CliIo } from './io.js'
import { renderOutput } from './output.js'
import { fileErrorRecord, resultRecord } from './records.js'
import type { JsonRecord } from './records.js'

interface LoadedFile {
  readonly file: string
  readonly documents: readonly SigmaDocument[]
  readonly diagnostics: readonly Diagnostic[]
}

const isError = (d: Diagnostic): boolean => d.severity === 'error'

function loadFile(src: SourceText): LoadedFile {
  try {
    const r = loadSigma(src.text, { file: src.file })
    return { file: src.file, documents: r.documents, diagnostics: r.diagnostics.map((d) => ({ ...d, file: d.file ?? src.file })) }
  } catch (e) {
    const d = e instanceof SigmaError ? e.diagnostic : error('internal', `internal error while loading: ${e instanceof Error ? e.message : String(e)}`)
    return { file: src.file, documents: [], diagnostics: [{ ...d, file: d.file ?? src.file }] }
  }
}

/** Documents from `--filter` files: only filters count; anything else there is ignored with a warning. */
function filterDocuments(files: readonly LoadedFile[]): { documents: SigmaDocument[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = []
  const documents = files.flatMap((f) =>
    f.documents.filter((d) => {
      if (d.kind === 'filter') return true
      diagnostics.push(warning('input.not_a_filter', `--filter file holds a ${d.kind} ('${d.title}'), which is ignored`, { file: f.file }))
      return false
    }),
  )
  return { documents, diagnostics }
}

function convertAll(converter: Converter, docs: readonly SigmaDocument[]): { results: RuleResult[]; problem?: Diagnostic } {
  try {
    return { results: converter.convertDocuments(docs) }
  } catch (e) {
    const d = e instanceof SigmaError ? e.diagnostic : error('internal', `internal error while converting: ${e instanceof Error ? e.message : String(e)}`)
    return { results: [], problem: d }
  }
}

/** JSON lines in input order: a file's read/load errors first, then its documents' results. */
function jsonLines(target: string, readErrors: readonly Diagnostic[], files: readonly LoadedFile[], results: readonly RuleResult[]): string {
  const records: JsonRecord[] = readErrors.filter(isError).map((d) => fileErrorRecord(d.file ?? '', target, [d]))
  const byFile = new Map<string, RuleResult[]>()
  for (const r of results) {
    const key = r.document.source.file ?? ''
    byFile.set(key, [...(byFile.get(key) ?? []), r])
  }
  for (const f of files) {
    const errors = f.diagnostics.filter(isError)
    if (errors.length > 0) records.push(fileErrorRecord(f.file, target, errors))
    for (const r of byFile.get(f.file) ?? []) records.push(resultRecord(r, target))
    byFile.delete(f.file)
  }
  for (const rest of byFile.values()) for (const r of rest) records.push(resultRecord(r, target))
  return records.map((r) => JSON.stringify(r) + '\n').join('')
}

function textOutput(converter: Converter, results: readonly RuleResult[], indent: number | undefined): { text?: string; problem?: Diagnostic } {
  const queries = results.filter((r) => r.ok).flatMap((r) => r.queries)
  try {
    return { text: renderOutput(converter.finalize(queries), indent) }
  } catch (e) {
    const d = e instanceof SigmaError ? e.diagnostic : error('internal', `internal error while finishing the output: ${e instanceof Error ? e.message : String(e)}`)
    return { problem: d }
  }
}

function summary(target: string, results: readonly RuleResult[], inputProblems: number, skip: boolean): string {
  const failed = results.filter((r) => !r.ok).length
  const parts = [`converted ${results.length - failed} of ${results.length} documents to ${target}`]
  if (failed > 0) parts.push(`${failed} failed to convert${skip ? ' (skipped: -s)' : ''}`)
  if (inputProblems > 0) parts.push(`${inputProblems} input error${inputProblems === 1 ? '' : 's'}`)
  return `sigmaport: ${parts.join('; ')}\n`
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
  const files = read.sources.map(loadFile)
  const filterFiles = readFilters.sources.map(loadFile)
  const filters = filterDocuments(filterFiles)
  const readErrors = [...read.diagnostics, ...readFilters.diagnostics]
  const loadDiagnostics = [...files, ...filterFiles].flatMap((f) => f.diagnostics)

  const converted = convertAll(converter, [...files.flatMap((f) => f.documents), ...filters.documents])
  const { results } = converted

  for (const d of [...readErrors, ...loadDiagnostics, ...filters.diagnostics]) say(d)
  for (const r of results) r.diagnostics.forEach(say)
  const late: Diagnostic[] = converted.problem ? [converted.problem] : []

  let out: string
  if (flags.json) out = jsonLines(target, readErrors, files, results)
  else {
    const t = textOutput(converter, results, flags.jsonIndent)
    if (t.problem) late.push(t.problem)
    out = t.text ?? ''
  }
  late.forEach(say)

  let unwritable = false
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

  const inputErrors = [...readErrors.filter((d) => d.code === 'input.encoding'), ...loadDiagnostics].filter(isError).length
  const failed = results.some((r) => !r.ok) || late.length > 0
  if (flags.verbose || failed || inputErrors > 0) io.stderr(summary(target, results, inputErrors, flags.skipUnsupported))
  return exitCodeOf({
    usage: unwritable || readErrors.some((d) => isError(d) && d.code === 'input.unreadable'),
    input: inputErrors > 0,
    failed,
    skipUnsupported: flags.skipUnsupported && late.length === 0,
  })
}
