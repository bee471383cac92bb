/**
 * Sigma condition parser: text → condition AST + diagnostics. Never throws on user input.
 * Order: empty / pipe / size limits on the raw text, then chevrotain lexer, parser (with recovery, so every
 * syntax error is reported) and the CST visitor.
 */
import type { CstNode, IRecognitionException, IToken } from 'chevrotain'
import type { Condition } from '../../src/ir/condition.js'
import { conditionDiagnostic, type ConditionDiagnostic } from './diagnostic.js'
import { checkLimits, DEFAULT_CONDITION_LIMITS, type ConditionLimits } from './limits.js'
import { conditionParser, shorten } from './parser.js'
import { checkPipe } from './pipe.js'
import { positionAt } from './position.js'
import { conditionLexer, Identifier, KEYWORDS, Of, Pattern } from './tokens.js'
import { buildCondition } from './visitor.js'

export type { ConditionDiagnostic } from './diagnostic.js'
export { DEFAULT_CONDITION_LIMITS, type ConditionLimits } from './limits.js'
export { expandSelector } from './selector.js'

export interface ConditionParseResult {
  readonly condition?: Condition
  readonly diagnostics: ConditionDiagnostic[]
}

const tooDeep = (text: string): ConditionDiagnostic =>
  conditionDiagnostic('error', 'condition.too_deep', 'condition nests too deeply for the parser; simplify it', positionAt(text, 0))

export function parseCondition(text: string, limits: Partial<ConditionLimits> = {}): ConditionParseResult {
  const lim: ConditionLimits = { ...DEFAULT_CONDITION_LIMITS, ...limits }
  if (text.trim() === '') {
    return { diagnostics: [conditionDiagnostic('error', 'condition.empty', 'condition is empty', positionAt(text, 0))] }
  }
  const pipe = checkPipe(text)
  if (pipe) return { diagnostics: [pipe] }
  const limitErrors = checkLimits(text, lim)
  if (limitErrors.length > 0) return { diagnostics: limitErrors }

  const lexed = conditionLexer.tokenize(text)
  const lexErrors = lexed.errors.map((e) => {
    const at = e.line !== undefined && e.column !== undefined ? { offset: e.offset, line: e.line, column: e.column } : positionAt(text, e.offset)
    return conditionDiagnostic('error', 'condition.lexer', e.message, at, shorten(text.slice(e.offset, e.offset + e.length)))
  })
  const tokens = lexed.tokens

  let cst: CstNode
  conditionParser.input = tokens
  try {
    cst = conditionParser.orExpr()
  } catch (e) {
    // The pre-check keeps us far from this, but a smaller stack (e.g. a worker) could still overflow.
    if (e instanceof RangeError) return { diagnostics: [...lexErrors, tooDeep(text)] }
    return { diagnostics: [...lexErrors, conditionDiagnostic('error', 'condition.internal', 'internal error while parsing the condition', positionAt(text, 0))] }
  }
  const syntaxErrors = dedupe(conditionParser.errors.map((e) => syntaxDiagnostic(text, tokens, e)))
    .filter((d) => !followsLexerError(d.offset, tokens, lexErrors))

  const warnings = tokens
    .filter((t) => KEYWORDS.includes(t.tokenType) && t.image !== t.image.toLowerCase())
    .map((t) => conditionDiagnostic('warning', 'condition.keyword_case',
      `keyword '${t.image}' should be written in lowercase ('${t.image.toLowerCase()}'); pySigma rejects other spellings`,
      { offset: t.startOffset, line: t.startLine ?? 1, column: t.startColumn ?? 1 }, t.image))

  const errors = [...lexErrors, ...syntaxErrors].sort((a, b) => a.offset - b.offset)
  if (errors.length > 0) return { diagnostics: [...errors, ...warnings] }
  try {
    return { condition: buildCondition(cst), diagnostics: warnings }
  } catch (e) {
    if (e instanceof RangeError) return { diagnostics: [tooDeep(text)] }
    return { diagnostics: [conditionDiagnostic('error', 'condition.internal', 'internal error while building the condition', positionAt(text, 0))] }
  }
}

function syntaxDiagnostic(text: string, tokens: readonly IToken[], e: IRecognitionException): ConditionDiagnostic {
  const tok = e.token
  // chevrotain 11 reports EOF positions as NaN: point just past the end of the text.
  const atEof = tok.tokenType.name === 'EOF' || Number.isNaN(tok.startOffset)
  const at = atEof
    ? positionAt(text, text.length)
    : { offset: tok.startOffset, line: tok.startLine ?? 1, column: tok.startColumn ?? 1 }
  const image = atEof ? undefined : shorten(tok.image)
  return conditionDiagnostic('error', 'condition.syntax', e.message + hint(tokens, tok), at, image)
}

/** A word of advice for the mistakes rule authors actually make. */
function hint(tokens: readonly IToken[], tok: IToken): string {
  if (tok.tokenType === Pattern) return " (a wildcard pattern is only allowed after '1 of', 'any of' or 'all of')"
  if (tok.tokenType === Of) {
    const prev = tokens[tokens.indexOf(tok) - 1]
    if (prev?.tokenType === Identifier) return ` (a selector is written '1 of …', 'any of …' or 'all of …', not '${shorten(prev.image)} of …')`
  }
  return ''
}

function dedupe(ds: readonly ConditionDiagnostic[]): ConditionDiagnostic[] {
  const seen = new Set<string>()
  return ds.filter((d) => {
    const k = `${d.offset}\u0000${d.message}`
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

/** A parser error right after an unlexable character is only its echo (`a & b`: "expected and/or, found b"): drop it. */
function followsLexerError(offset: number, tokens: readonly IToken[], lexErrors: readonly ConditionDiagnostic[]): boolean {
  let prevEnd = -1
  for (const t of tokens) {
    if (t.startOffset >= offset) break
    prevEnd = t.endOffset ?? t.startOffset
  }
  return lexErrors.some((l) => l.offset > prevEnd && l.offset <= offset)
}

