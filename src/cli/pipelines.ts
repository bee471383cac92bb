/**
 * `-p/--pipeline` values → Pipelines, as sigma-cli resolves them: a known pipeline id first, else a YAML file,
 * else a directory of YAML files. With the pipeline check on, a pipeline meant for other targets is refused.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Backend } from '../backend.js'
import { error } from '../diagnostics.js'
import type { Diagnostic } from '../diagnostics.js'
import { SigmaError } from '../diagnostics.js'
import type { Pipeline } from '../pipeline/types.js'
import { loadPipeline } from '../pipeline/load.js'
import { allPipelines, findPipeline } from '../../backends/registry.js'
import { decodeUtf8 } from './inputs.js'

/** Resolved pipelines with the loader's warnings, or the errors that make this a usage error. */
export type Resolved =
  | { readonly ok: true; readonly pipelines: readonly Pipeline[]; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] }

const problem = (message: string, file?: string): Resolved => ({ ok: false, diagnostics: [error('config.pipeline', message, file === undefined ? {} : { file })] })

const describe = (e: unknown): Diagnostic | string => (e instanceof SigmaError ? e.diagnostic : e instanceof Error ? e.message : String(e))

function fromFile(file: string): Resolved {
  let text: string | undefined
  try {
    text = decodeUtf8(readFileSync(file))
  } catch (e) {
    return problem(`cannot read the pipeline file: ${e instanceof Error && 'code' in e ? String(e.code) : String(e)}`, file)
  }
  if (text === undefined) return problem('the pipeline file is not valid UTF-8 text', file)
  try {
    const r = loadPipeline(text, file)
    const diagnostics = r.diagnostics.map((d) => ({ ...d, file: d.file ?? file }))
    const errors = diagnostics.filter((d) => d.severity === 'error')
    if (r.pipeline && errors.length === 0) return { ok: true, pipelines: [r.pipeline], warnings: diagnostics }
    return errors.length > 0 ? { ok: false, diagnostics: errors } : problem('invalid pipeline', file)
  } catch (e) {
    const d = describe(e)
    return typeof d === 'string' ? problem(`invalid pipeline: ${d}`, file) : { ok: false, diagnostics: [{ ...d, file: d.file ?? file }] }
  }
}

function fromDirectory(dir: string): Resolved {
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map((e) => join(dir, e.name))
    .sort()
  if (files.length === 0) return problem('the pipeline directory holds no .yml/.yaml files', dir)
  return combine(files.map(fromFile))
}

/** All pipelines in order, or every error of every failed part. */
function combine(parts: readonly Resolved[]): Resolved {
  const failed = parts.flatMap((r) => (r.ok ? [] : r.diagnostics))
  if (failed.length > 0) return { ok: false, diagnostics: failed }
  return { ok: true, pipelines: parts.flatMap((r) => (r.ok ? r.pipelines : [])), warnings: parts.flatMap((r) => (r.ok ? r.warnings : [])) }
}

const allowedFor = (allowed: readonly string[], backend: Backend): boolean =>
  allowed.length === 0 || allowed.includes(backend.id) || (backend.aliases ?? []).some((a) => allowed.includes(a))

function one(spec: string, backend: Backend, check: boolean): Resolved {
  const provider = findPipeline(spec, backend)
  if (provider) {
    const own = backend.pipelines?.[spec] !== undefined
    const meant = own ? [] : (allPipelines()[spec]?.backends ?? [])
    if (check && !allowedFor(meant, backend)) {
      return problem(`the pipeline '${spec}' is meant for ${meant.join(', ')}, not for target '${backend.id}' (see 'sigmaport list pipelines ${backend.id}'; --disable-pipeline-check overrides)`)
    }
    try {
      return { ok: true, pipelines: [provider.build()], warnings: [] }
    } catch (e) {
      const d = describe(e)
      return typeof d === 'string' ? problem(`pipeline '${spec}' failed to build: ${d}`) : { ok: false, diagnostics: [d] }
    }
  }
  let isDir: boolean
  try {
    isDir = statSync(spec).isDirectory()
  } catch {
    return problem(`unknown pipeline '${spec}': not a pipeline id for target '${backend.id}' and no such file (see 'sigmaport list pipelines ${backend.id}')`)
  }
  const r = isDir ? fromDirectory(spec) : fromFile(spec)
  if (!r.ok || !check) return r
  const wrong = r.pipelines.find((p) => !allowedFor(p.allowedBackends, backend))
  return wrong
    ? problem(`the pipeline '${wrong.name}' allows only ${wrong.allowedBackends.join(', ')}, not target '${backend.id}' (--disable-pipeline-check overrides)`, spec)
    : r
}

/** Every `-p` value in order; any problem is a usage error (all of them are reported). */
export function resolvePipelines(specs: readonly string[], backend: Backend, check: boolean): Resolved {
  return combine(specs.map((spec) => one(spec, backend, check)))
}
