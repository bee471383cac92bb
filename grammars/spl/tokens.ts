/**
 * Tokens of the SPL subset. `OR`, `NOT`, `AND` and `IN` are operators only in upper case (Splunk: lower-case
 * `or` is a search term). Command and function names are plain words; the parser checks their text.
 */
import { createToken, Lexer, type TokenType } from 'chevrotain'

export const Space = createToken({ name: 'Space', pattern: /[ \t\r\n]+/, group: Lexer.SKIPPED, line_breaks: true })
export const Pipe = createToken({ name: 'Pipe', label: "'|'", pattern: /\|/ })
export const LParen = createToken({ name: 'LParen', label: "'('", pattern: /\(/ })
export const RParen = createToken({ name: 'RParen', label: "')'", pattern: /\)/ })
export const Comma = createToken({ name: 'Comma', label: "','", pattern: /,/ })
export const Neq = createToken({ name: 'Neq', label: "'!='", pattern: /!=/ })
export const Cmp = createToken({ name: 'Cmp', label: 'a comparison', pattern: /<=|>=|<|>/ })
export const Eq = createToken({ name: 'Eq', label: "'='", pattern: /=/ })
export const Quoted = createToken({ name: 'Quoted', label: 'a quoted string', pattern: /"(?:[^"\\]|\\[\s\S])*"/, line_breaks: true })
export const SingleQuoted = createToken({ name: 'SingleQuoted', label: 'a quoted field name', pattern: /'(?:[^'\\]|\\[\s\S])*'/, line_breaks: true })
export const Word = createToken({ name: 'Word', label: 'a word', pattern: /[^\s()=<>!,"'|]+/ })
const op = (name: string): TokenType => createToken({ name, label: `'${name}'`, pattern: new RegExp(`${name}(?![^\\s()=<>!,"'|])`), longer_alt: Word })
export const Or = op('OR')
export const And = op('AND')
export const Not = op('NOT')
export const In = op('IN')

export const allTokens: readonly TokenType[] = [Space, Pipe, LParen, RParen, Comma, Neq, Cmp, Eq, Quoted, SingleQuoted, Or, And, Not, In, Word]

export const splLexer = new Lexer([...allTokens], { positionTracking: 'onlyOffset', ensureOptimizations: false })
