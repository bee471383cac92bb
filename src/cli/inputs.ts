/**
 * Command-line inputs → rule texts: files, directories (recursive, filtered by the file pattern) and `-` (stdin).
 * Files are decoded as strict UTF-8; a file that cannot be read is a diagnostic, never an exception.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import type { Dirent } from 'node:fs'
import { join } from 'node:path'
import { error, warning } from '../diagnostics.js'
import type { Diagnostic } from '../diagnostics.js'
import { fileMatcher } from './glob.js'

export const STDIN_NAME = '<stdin>'

export interface SourceText {
  readonly file: string
  readonly text: string
}

export interface InputSet {
  readonly sources: readonly SourceText[]
  /** Problems reading files (codes `input.*`). */
  readonly diagnostics: readonly Diagnostic[]
}

const errorCode = (e: unknown): string => (typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '')

/** Why a path could not be read or written, in words (no stack, no internal detail). */
export function fsProblem(e: unknown): string {
  switch (errorCode(e)) {
    case 'ENOENT': return 'no such file or directory'
    case 'EACCES': case 'EPERM': return 'permission denied'
    case 'EISDIR': return 'is a directory'
    case 'ENOTDIR': return 'a part of the path is not a directory'
    case 'ENOSPC': return 'no space left on the device'
    case 'ELOOP': return 'too many levels of symbolic links'
    default: return e instanceof Error ? e.message : String(e)
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Strict UTF-8 (a leading byte order mark is dropped); `undefined` when the bytes are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes)
  } catch {
    return undefined
  }
}

function decoded(file: string, bytes: Uint8Array): SourceText | Diagnostic {
  const text = decodeUtf8(bytes)
  return text === undefined ? error('input.encoding', 'the file is not valid UTF-8 text', { file }) : { file, text }
}

function readOne(file: string): SourceText | Diagnostic {
  try {
    return decoded(file, readFileSync(file))
  } catch (e) {
    return error('input.unreadable', `cannot read the file: ${fsProblem(e)}`, { file })
  }
}

/** Files under `dir` whose path relative to it matches the pattern, in a stable (sorted) order. */
function walk(dir: string, matches: (rel: string) => boolean, rel: string, out: string[], problems: Diagnostic[]): void {
  let entries: Dirent[]
  try {
    entries = readdirSync(join(dir, rel), { withFileTypes: true })
  } catch (e) {
    problems.push(error('input.unreadable', `cannot read the directory: ${fsProblem(e)}`, { file: join(dir, rel) }))
    return
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    const path = rel === '' ? entry.name : `${rel}/${entry.name}`
    // Symbolic links to files count as files; links to directories are not followed (no cycles).
    const isFile = entry.isFile() || (entry.isSymbolicLink() && isFileTarget(join(dir, path)))
    if (entry.isDirectory()) walk(dir, matches, path, out, problems)
    else if (isFile && matches(path)) out.push(join(dir, path))
  }
}

function isFileTarget(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/** Inputs that do not exist at all (a typo on the command line: a usage error, checked before any work). */
export function missingInputs(inputs: readonly string[]): string[] {
  return inputs.filter((p) => {
    if (p === '-') return false
    try {
      statSync(p)
      return false
    } catch (e) {
      return errorCode(e) === 'ENOENT' || errorCode(e) === 'ENOTDIR'
    }
  })
}

/** Reads every input; `readStdin` is called at most once, for the first `-`. */
export async function readInputs(inputs: readonly string[], pattern: string, readStdin: () => Promise<Uint8Array>): Promise<InputSet> {
  const sources: SourceText[] = []
  const diagnostics: Diagnostic[] = []
  const matches = fileMatcher(pattern)
  let stdinRead = false
  const add = (r: SourceText | Diagnostic): void => {
    if ('text' in r) sources.push(r)
    else diagnostics.push(r)
  }
  for (const input of inputs) {
    if (input === '-') {
      if (!stdinRead) add(decoded(STDIN_NAME, await readStdin()))
      stdinRead = true
      continue
    }
    let isDir: boolean
    try {
      isDir = statSync(input).isDirectory()
    } catch (e) {
      diagnostics.push(error('input.unreadable', `cannot read: ${fsProblem(e)}`, { file: input }))
      continue
    }
    if (!isDir) {
      add(readOne(input))
      continue
    }
    const files: string[] = []
    walk(input, matches, '', files, diagnostics)
    if (files.length === 0) diagnostics.push(warning('input.no_files', `no files matching '${pattern}' in this directory`, { file: input }))
    for (const f of files) add(readOne(f))
  }
  return { sources, diagnostics }
}
