/**
 * Tokens of Kibana's KQL. The grammar is scannerless and whitespace matters (`or`/`and` need spaces on both
 * sides, `not` after it, and `not␠` ends an unquoted word even in the middle of `cannot be`), so the keyword
 * tokens carry their spaces and the literal tokens use the PEG scanners of chars.ts.
 */
import { createToken, Lexer, type CustomPatternMatcherReturn, type TokenType } from 'chevrotain'
import { keywordToken, quotedLength, unquotedLength, SPACE_CHARS } from './chars.js'

const matched = (text: string, offset: number, len: number): CustomPatternMatcherReturn | null =>
  len > 0 ? ([text.slice(offset, offset + len)] as unknown as CustomPatternMatcherReturn) : null

const keyword = (name: 'Or' | 'And' | 'Not', word: 'or' | 'and' | 'not'): TokenType =>
  createToken({
    name,
    label: `'${word}'`,
    pattern: { exec: (text, offset) => matched(text, offset, keywordToken(text, offset, word)) },
    line_breaks: true,
    start_chars_hint: word === 'not' ? ['n', 'N'] : [...SPACE_CHARS],
  })

// Or/And start with spaces, so they must be tried before Space.
export const Or = keyword('Or', 'or')
export const And = keyword('And', 'and')
export const Not = keyword('Not', 'not')
export const Space = createToken({ name: 'Space', label: 'whitespace', pattern: /[ \t\r\n\u00a0]+/, line_breaks: true })
export const LParen = createToken({ name: 'LParen', label: "'('", pattern: /\(/ })
export const RParen = createToken({ name: 'RParen', label: "')'", pattern: /\)/ })
export const LBrace = createToken({ name: 'LBrace', label: "'{'", pattern: /\{/ })
export const RBrace = createToken({ name: 'RBrace', label: "'}'", pattern: /\}/ })
export const Colon = createToken({ name: 'Colon', label: "':'", pattern: /:/ })
export const RangeOp = createToken({ name: 'RangeOp', label: 'a range operator', pattern: /<=|>=|<|>/ })
export const Quoted = createToken({
  name: 'Quoted',
  label: 'a quoted string',
  pattern: { exec: (text, offset) => matched(text, offset, quotedLength(text, offset)) },
  line_breaks: true,
  start_chars_hint: ['"'],
})
export const Unquoted = createToken({
  name: 'Unquoted',
  label: 'a value',
  pattern: { exec: (text, offset) => matched(text, offset, unquotedLength(text, offset)) },
  line_breaks: true,
})

export const allTokens: readonly TokenType[] = [Or, And, Not, Space, LParen, RParen, LBrace, RBrace, Colon, RangeOp, Quoted, Unquoted]

export const kqlLexer = new Lexer([...allTokens], {
  positionTracking: 'full',
  ensureOptimizations: false,
  errorMessageProvider: {
    buildUnexpectedCharactersMessage: (text, offset, length) => `unexpected character${length > 1 ? 's' : ''} ${JSON.stringify(text.slice(offset, offset + length))}`,
    buildUnableToPopLexerModeMessage: () => 'internal lexer error',
  },
})
