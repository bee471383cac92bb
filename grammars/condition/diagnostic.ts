/** Diagnostics of the condition parser: the shared Diagnostic plus the 0-based offset inside the condition string. */
import type { Diagnostic, Severity } from '../../src/diagnostics.js'
import type { Span } from '../../src/ir/condition.js'

export interface ConditionDiagnostic extends Diagnostic {
  readonly line: number
  readonly column: number
  /** 0-based offset inside the condition string (`input.length` for "unexpected end of condition"). */
  readonly offset: number
}

export const conditionDiagnostic = (severity: Severity, code: string, message: string, at: Span, key?: string): ConditionDiagnostic => ({
  severity,
  code,
  message,
  line: at.line,
  column: at.column,
  offset: at.offset,
  ...(key === undefined ? {} : { key }),
})
