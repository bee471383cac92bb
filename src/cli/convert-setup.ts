/**
 * Flags of `sigmaport convert` → a Converter, or the usage error that stops the command before any rule is read.
 * Mirrors sigma-cli's checks: target, pipelines (ids, files, directories, pipeline check), format, backend
 * options (`key=value`), correlation method, output encoding.
 */
import type { Backend } from '../backend.js'
import { ConfigError, createConverter } from '../convert.js'
import type { Converter } from '../convert.js'
import { SigmaError, error, warning } from '../diagnostics.js'
import type { Diagnostic } from '../diagnostics.js'
import { BACKENDS, findBackend } from '../../backends/registry.js'
import { resolvePipelines } from './pipelines.js'

export interface ConvertFlags {
  readonly target: string
  readonly pipeline: readonly string[]
  readonly withoutPipeline: boolean
  readonly pipelineCheck: boolean
  readonly format?: string
  readonly correlationMethod?: string
  readonly filter: readonly string[]
  readonly filePattern: string
  readonly skipUnsupported: boolean
  readonly output?: string
  readonly encoding: string
  readonly jsonIndent?: number
  readonly backendOption: readonly string[]
  readonly json: boolean
  readonly verbose: boolean
  /** One output file per rule file in this directory, plus manifest.json. */
  readonly outputDir?: string
  /** Extension of the files in outputDir (default `.txt`, or `.json` for formats that produce objects). */
  readonly outputExtension?: string
  /** Worker threads: 'auto' (by input size and cores) or a number (0 = this thread only). */
  readonly workers?: number | 'auto'
  /** Draw a progress bar on an interactive terminal (default true). */
  readonly progress?: boolean
}

export type Setup =
  | { readonly ok: true; readonly converter: Converter; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] }

const usage = (code: string, message: string): Setup => ({ ok: false, diagnostics: [error(code, message)] })

/** `-O key=value` (repeatable; a repeated key keeps its last value). */
export function parseBackendOptions(list: readonly string[]): Record<string, string> | string {
  const out: Record<string, string> = {}
  for (const item of list) {
    const eq = item.indexOf('=')
    if (eq <= 0) return `backend option '${item}' is not of the form key=value`
    out[item.slice(0, eq)] = item.slice(eq + 1)
  }
  return out
}

/** sigma-cli's `-f` defaults to `default`; a target whose default format has another name still works. */
function formatFor(backend: Backend, format: string | undefined): string | undefined {
  if (format === undefined || (format === 'default' && !('default' in backend.formats))) return undefined
  return format
}

export function setupConverter(flags: ConvertFlags): Setup {
  const backend = findBackend(flags.target)
  if (!backend) return usage('config.target', `unknown target '${flags.target}'; targets: ${BACKENDS.map((b) => b.id).join(', ')} (see 'sigmaport list targets')`)
  if (!Buffer.isEncoding(flags.encoding)) return usage('config.encoding', `unknown output encoding '${flags.encoding}'; use utf-8, utf-16le or latin1`)
  const backendOptions = parseBackendOptions(flags.backendOption)
  if (typeof backendOptions === 'string') return usage('config.option', backendOptions)
  const resolved = resolvePipelines(flags.pipeline, backend, flags.pipelineCheck)
  if (!resolved.ok) return resolved

  const warnings: Diagnostic[] = [...resolved.warnings]
  if (backend.requiresPipeline && flags.pipeline.length === 0 && !flags.withoutPipeline && (backend.defaultPipelines ?? []).length === 0) {
    warnings.push(warning('config.pipeline_required', `target '${backend.id}' expects a processing pipeline (see 'sigmaport list pipelines ${backend.id}'); converting without one, field names stay as in the rules (--without-pipeline silences this)`))
  }
  const format = formatFor(backend, flags.format)
  try {
    const converter = createConverter({
      target: backend,
      pipelines: resolved.pipelines,
      withoutPipeline: flags.withoutPipeline,
      ...(format === undefined ? {} : { format }),
      backendOptions,
      ...(flags.correlationMethod === undefined ? {} : { correlationMethod: flags.correlationMethod }),
    })
    return { ok: true, converter, warnings }
  } catch (e) {
    if (e instanceof ConfigError || e instanceof SigmaError) return { ok: false, diagnostics: [e.diagnostic] }
    return usage('config.pipeline', `cannot prepare the conversion: ${e instanceof Error ? e.message : String(e)}`)
  }
}
