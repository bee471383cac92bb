/**
 * Size and nesting limits, checked on the raw text BEFORE chevrotain runs: chevrotain has no depth limit and
 * overflows the stack at ~350 nested parentheses (SECURITY-NOTES §3b). SigmaHQ's largest condition is 542 chars,
 * 59 tokens, depth 2, so the defaults leave plenty of room.
 */
import type { ConditionDiagnostic } from './diagnostic.js'
import { conditionDiagnostic } from './diagnostic.js'
import { positionAt } from './position.js'

export interface ConditionLimits {
  readonly maxLength: number
  readonly maxTokens: number
  readonly maxDepth: number
}

export const DEFAULT_CONDITION_LIMITS: ConditionLimits = Object.freeze({ maxLength: 4096, maxTokens: 512, maxDepth: 32 })

// A coarse token: a paren or a run of anything else that is not whitespace. The real lexer may split runs further
// (`a&b`), so the count is a lower bound — good enough for a resource limit.
const COARSE_TOKEN = /[()]|[^\s()]+/g

/** All limits the text exceeds (several may apply at once), each pointing at where the limit was crossed. */
export function checkLimits(text: string, limits: ConditionLimits): ConditionDiagnostic[] {
  const out: ConditionDiagnostic[] = []
  if (text.length > limits.maxLength) {
    out.push(conditionDiagnostic('error', 'condition.too_long',
      `condition is ${text.length} characters long; the limit is ${limits.maxLength}`, positionAt(text, limits.maxLength)))
  }
  // Depth = open parentheses + pending `not`s (at every level), i.e. the nesting the AST and the parser would need.
  const pendingNots: number[] = []
  let outer = 0 // sum over enclosing levels of (their pending nots + 1 for the paren)
  let nots = 0
  let tokens = 0
  let tooDeepAt = -1
  let tooManyAt = -1
  for (const m of text.matchAll(COARSE_TOKEN)) {
    tokens++
    const tok = m[0]
    if (tokens > limits.maxTokens && tooManyAt < 0) tooManyAt = m.index
    if (tok === '(') {
      pendingNots.push(nots)
      outer += nots + 1
      nots = 0
    } else if (tok === ')') {
      const popped = pendingNots.pop()
      if (popped !== undefined) outer -= popped + 1
      nots = 0
    } else if (tok.toLowerCase() === 'not') {
      nots++
    } else {
      nots = 0
    }
    if (tooDeepAt < 0 && outer + nots > limits.maxDepth) tooDeepAt = m.index
    if (tooDeepAt >= 0 && tooManyAt >= 0) break
  }
  if (tooManyAt >= 0) {
    out.push(conditionDiagnostic('error', 'condition.too_many_tokens',
      `condition has more than ${limits.maxTokens} tokens; split it or simplify it`, positionAt(text, tooManyAt)))
  }
  if (tooDeepAt >= 0) {
    out.push(conditionDiagnostic('error', 'condition.too_deep',
      `condition nests parentheses and 'not' more than ${limits.maxDepth} levels deep; simplify it`, positionAt(text, tooDeepAt)))
  }
  return out
}
