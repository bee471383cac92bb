/**
 * Tokens of the ES|QL `where` subset. Keywords are case-insensitive whole words; strings are `"…"` with
 * backslash escapes or `"""…"""` raw; a backquoted name doubles an inner backquote.
 */
import { createToken, Lexer, type TokenType } from 'chevrotain'

export const Space = createToken({ name: 'Space', pattern: /[ \t\r\n]+/, group: Lexer.SKIPPED, line_breaks: true })
export const Ident = createToken({ name: 'Ident', label: 'a name', pattern: /[A-Za-z_@\u00c0-\uffff][\w.@\u00c0-\uffff]*|`(?:[^`]|``)*`/ })
const word = (name: string, w: string): TokenType => createToken({ name, label: w, pattern: new RegExp(`${w}(?![\\w.@\\u00c0-\\uffff])`, 'i'), longer_alt: Ident })
export const And = word('And', 'and')
export const Or = word('Or', 'or')
export const Not = word('Not', 'not')
export const Like = word('Like', 'like')
export const Rlike = word('Rlike', 'rlike')
export const In = word('In', 'in')
export const Is = word('Is', 'is')
export const Null = word('Null', 'null')
export const True = word('True', 'true')
export const False = word('False', 'false')
export const CmpOp = createToken({ name: 'CmpOp', label: 'a comparison', pattern: /==|!=|<=|>=|<|>/ })
export const LParen = createToken({ name: 'LParen', label: "'('", pattern: /\(/ })
export const RParen = createToken({ name: 'RParen', label: "')'", pattern: /\)/ })
export const Comma = createToken({ name: 'Comma', label: "','", pattern: /,/ })
export const Str = createToken({ name: 'Str', label: 'a string literal', pattern: /"""[^\r\n]*?""""?"?|"(?:[^"\\]|\\[\s\S])*"/, line_breaks: true })
export const Num = createToken({ name: 'Num', label: 'a number', pattern: /-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/ })

export const allTokens: readonly TokenType[] = [Space, Str, And, Or, Not, Like, Rlike, In, Is, Null, True, False, Ident, CmpOp, LParen, RParen, Comma, Num]

export const esqlLexer = new Lexer([...allTokens], { positionTracking: 'onlyOffset', ensureOptimizations: false })
