/**
 * `convert --output-dir DIR`: one output file per rule file, named after it (`rules/win/x.yml` given as the
 * directory `rules` → `DIR/win/x.txt`), each finished with the format's whole-output step, plus
 * `DIR/manifest.json` listing every input file, its documents, their output file and diagnostics.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { basename, dirname, extname, isAbsolute, join, relative, sep } from 'node:path'
import type { Converter } from '../convert.js'
import type { Diagnostic } from '../diagnostics.js'
import { SigmaError, error } from '../diagnostics.js'
import type { FileResult } from '../batch/types.js'
import { fsProblem, STDIN_NAME } from './inputs.js'
import { renderOutput } from './output.js'

export interface ManifestDocument {
  readonly document: number
  readonly kind: string
  readonly id: string | null
  readonly title: string
  readonly ok: boolean
  readonly queries: number
  readonly diagnostics: readonly Diagnostic[]
}

export interface ManifestFile {
  readonly source: string
  /** Relative to the output directory; null when nothing converted. */
  readonly output: string | null
  readonly diagnostics: readonly Diagnostic[]
  readonly documents: readonly ManifestDocument[]
}

export interface Manifest {
  readonly sigmaport: string
  readonly target: string
  readonly format: string
  readonly pipelines: readonly string[]
  readonly summary: { readonly files: number; readonly documents: number; readonly converted: number; readonly failed: number; readonly outputs: number }
  readonly files: readonly ManifestFile[]
}

/** The output name of an input file: its path below the input directory it came from, with a new extension. */
export function outputName(file: string, inputs: readonly string[], extension: string): string {
  if (file === STDIN_NAME) return `stdin${extension}`
  const root = inputs.map((i) => i.replace(/[\\/]+$/, '')).find((i) => i !== '-' && file.startsWith(i + '/'))
  const rel = root === undefined ? basename(file) : relative(root, file)
  const safe = rel.split(sep).filter((s) => s !== '..' && s !== '').join('/')
  return safe.slice(0, safe.length - extname(safe).length) + extension
}

/** `.json` for formats that produce objects (API bodies), `.txt` for query text. */
export function defaultExtension(output: string | readonly (string | object)[]): string {
  return typeof output !== 'string' && output.some((x) => typeof x !== 'string') ? '.json' : '.txt'
}

export interface WrittenDir {
  readonly manifest: Manifest
  readonly problems: readonly Diagnostic[]
}

export function writeOutputDir(
  dir: string,
  files: readonly FileResult[],
  opts: { readonly converter: Converter; readonly inputs: readonly string[]; readonly extension?: string; readonly indent?: number; readonly encoding: BufferEncoding; readonly version: string },
): WrittenDir {
  const problems: Diagnostic[] = []
  const write = (path: string, data: string): boolean => {
    try {
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, Buffer.from(data, opts.encoding))
      return true
    } catch (e) {
      problems.push(error('output.unwritable', `cannot write the output: ${fsProblem(e)}`, { file: path }))
      return false
    }
  }
  const taken = new Set<string>()
  const entries = files.map((f): ManifestFile => {
    const queries = f.results.filter((r) => r.ok).flatMap((r) => r.queries)
    let output: string | null = null
    if (queries.length > 0) {
      try {
        const finished = opts.converter.finalize(queries)
        let name = outputName(f.file, opts.inputs, opts.extension ?? defaultExtension(finished))
        // Two inputs with the same name (from different directories given as files): keep both.
        for (let i = 2; taken.has(name); i++) name = name.replace(/(-\d+)?(\.[^./]*)?$/, (_m, _n, ext: string | undefined) => `-${i}${ext ?? ''}`)
        taken.add(name)
        if (write(join(dir, name), renderOutput(finished, opts.indent))) output = name
      } catch (e) {
        problems.push(e instanceof SigmaError ? { ...e.diagnostic, file: f.file } : error('internal', `internal error while finishing the output: ${e instanceof Error ? e.message : String(e)}`, { file: f.file }))
      }
    }
    return {
      source: f.file,
      output,
      diagnostics: f.diagnostics,
      documents: f.results.map((r) => ({ document: r.document, kind: r.kind, id: r.id ?? null, title: r.title, ok: r.ok, queries: r.queries.length, diagnostics: r.diagnostics })),
    }
  })
  const docs = entries.flatMap((e) => e.documents)
  const manifest: Manifest = {
    sigmaport: opts.version,
    target: opts.converter.backend.id,
    format: opts.converter.format,
    pipelines: opts.converter.pipelines.map((p) => p.name),
    summary: { files: entries.length, documents: docs.length, converted: docs.filter((d) => d.ok).length, failed: docs.filter((d) => !d.ok).length, outputs: entries.filter((e) => e.output !== null).length },
    files: entries,
  }
  write(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n')
  return { manifest, problems }
}

export const isInside = (dir: string, file: string): boolean => !isAbsolute(relative(dir, file)) && !relative(dir, file).startsWith('..')
