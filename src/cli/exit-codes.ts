/** Process exit codes of `sigmaport` (documented in src/cli/README-exit-codes.md). */
export const EXIT = {
  /** Everything converted (warnings allowed), or failures skipped with -s. */
  ok: 0,
  /** At least one loaded rule could not be converted (unsupported by the target/pipeline) and -s was not given. */
  conversionFailed: 1,
  /** Usage or configuration error: bad flag, unknown target/format/pipeline/option, missing or unreadable input. */
  usage: 2,
  /** Input errors: a rule file is not valid UTF-8, not valid YAML, or not a valid Sigma document. */
  inputError: 3,
  /** A bug in sigmaport outside any single rule (per-rule internal errors count as conversion failures). */
  internal: 4,
} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

export interface Outcome {
  readonly usage: boolean
  readonly input: boolean
  readonly failed: boolean
  readonly skipUnsupported: boolean
}

/** The most serious class wins: usage (2) over input (3) over conversion (1). */
export function exitCodeOf(o: Outcome): ExitCode {
  if (o.usage) return EXIT.usage
  if (o.input) return EXIT.inputError
  if (o.failed && !o.skipUnsupported) return EXIT.conversionFailed
  return EXIT.ok
}
