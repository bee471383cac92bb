/** Structured diagnostics: every error a user can cause says what and where. */

export type Severity = 'error' | 'warning' | 'info'

export interface Position {
  /** 1-based line in the source text. */
  readonly line: number
  /** 1-based column in the source text. */
  readonly column: number
  /** 0-based character offset in the source text. */
  readonly offset?: number
}

export interface Diagnostic {
  readonly severity: Severity
  /** Stable machine-readable code, e.g. `yaml.duplicate_key`, `modifier.unknown`, `backend.unsupported`. */
  readonly code: string
  readonly message: string
  /** File the problem is in, when known. */
  readonly file?: string
  readonly line?: number
  readonly column?: number
  /** The key path or token at fault, e.g. `detection.selection.Image|endswith`. */
  readonly key?: string
}

export const error = (code: string, message: string, at: Partial<Omit<Diagnostic, 'severity' | 'code' | 'message'>> = {}): Diagnostic =>
  ({ severity: 'error', code, message, ...at })

export const warning = (code: string, message: string, at: Partial<Omit<Diagnostic, 'severity' | 'code' | 'message'>> = {}): Diagnostic =>
  ({ severity: 'warning', code, message, ...at })

/** Thrown inside the core where a value cannot be produced; caught at the API edges and turned into a Diagnostic. */
export class SigmaError extends Error {
  readonly diagnostic: Diagnostic
  constructor(d: Diagnostic) {
    super(d.message)
    this.name = 'SigmaError'
    this.diagnostic = d
  }
}

export const fail = (code: string, message: string, at: Partial<Omit<Diagnostic, 'severity' | 'code' | 'message'>> = {}): never => {
  throw new SigmaError(error(code, message, at))
}

/** `file:line:col: severity code: message` — the one-line text form used by the CLI. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.file, d.line, d.column].filter((x) => x !== undefined).join(':')
  const key = d.key ? ` [${d.key}]` : ''
  return `${where ? where + ': ' : ''}${d.severity} ${d.code}: ${d.message}${key}`
}
