/**
 * Tokens of the EQL `where` subset. Keywords are whole words (`like~`, `regex~`, `in~` carry the case-insensitive
 * `~`); names may hold `-` and `.` (EQL reads `c-uri` as one name); strings are `"…"` with backslash escapes or
 * `"""…"""` raw; a backquoted name doubles an inner backquote.
 */
import { createToken, Lexer, type TokenType } from 'chevrotain'

export const Space = createToken({ name: 'Space', pattern: /[ \t\r\n]+/, group: Lexer.SKIPPED, line_breaks: true })
export const Ident = createToken({ name: 'Ident', label: 'a name', pattern: /[A-Za-z_@\u00c0-\uffff][\w.@-\u00c0-\uffff]*|`(?:[^`]|``)*`/ })
const word = (name: string, w: string): TokenType => createToken({ name, label: w, pattern: new RegExp(`${w}(?![\\w.@-\\u00c0-\\uffff])`), longer_alt: Ident })
export const And = word('And', 'and')
export const Or = word('Or', 'or')
export const Not = word('Not', 'not')
export const MatchOp = createToken({ name: 'MatchOp', label: 'like/regex/in', pattern: /(?:like|regex|in)(?:~|(?![\w.@\u00c0-\uffff-]))/, longer_alt: Ident })
export const True = word('True', 'true')
export const False = word('False', 'false')
export const Null = word('Null', 'null')
export const CmpOp = createToken({ name: 'CmpOp', label: 'a comparison', pattern: /==|!=|<=|>=|<|>|:/ })
export const Question = createToken({ name: 'Question', label: "'?'", pattern: /\?/ })
export const LParen = createToken({ name: 'LParen', label: "'('", pattern: /\(/ })
export const RParen = createToken({ name: 'RParen', label: "')'", pattern: /\)/ })
export const Comma = createToken({ name: 'Comma', label: "','", pattern: /,/ })
export const Str = createToken({ name: 'Str', label: 'a string literal', pattern: /"""[\s\S]*?"""|"(?:[^"\\]|\\[\s\S])*"/, line_breaks: true })
export const Num = createToken({ name: 'Num', label: 'a number', pattern: /-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/ })

export const allTokens: readonly TokenType[] = [Space, Str, And, Or, Not, MatchOp, True, False, Null, Ident, CmpOp, Question, LParen, RParen, Comma, Num]

export const eqlLexer = new Lexer([...allTokens], { positionTracking: 'onlyOffset', ensureOptimizations: false })
