/**
 * Tokens of the Kusto `where` subset. Operator words are keywords only as whole words (longer_alt: Ident);
 * string literals: "…"/'…' with backslash escapes, @"…"/@'…' verbatim (a doubled quote is a quote).
 */
import { createToken, Lexer, type TokenType } from 'chevrotain'

export const Space = createToken({ name: 'Space', pattern: /[ \t\r\n]+/, group: Lexer.SKIPPED, line_breaks: true })
export const Ident = createToken({ name: 'Ident', label: 'a name', pattern: /[A-Za-z_$][\w$]*/ })
const word = (name: string, pattern: RegExp): TokenType => createToken({ name, label: name, pattern, longer_alt: Ident })
export const And = word('And', /and(?![\w$])/)
export const Or = word('Or', /or(?![\w$])/)
export const Where = word('Where', /where(?![\w$])/)
export const Matches = word('Matches', /matches(?![\w$])/)
export const Regex = word('Regex', /regex(?![\w$])/)
export const True = word('True', /true(?![\w$])/)
export const False = word('False', /false(?![\w$])/)
export const ListOp = createToken({ name: 'ListOp', label: 'a list operator', pattern: /!?in~?(?![\w$~])|has_all(?![\w$])|has_any(?![\w$])/, longer_alt: Ident })
export const StrOp = createToken({
  name: 'StrOp',
  label: 'a string operator',
  pattern: /!?(?:contains|startswith|endswith|hasprefix|hassuffix|has)(?:_cs)?(?![\w$])/,
  longer_alt: Ident,
})
export const CmpOp = createToken({ name: 'CmpOp', label: 'a comparison', pattern: /=~|!~|==|!=|<=|>=|<|>/ })
export const Pipe = createToken({ name: 'Pipe', label: "'|'", pattern: /\|/ })
export const LParen = createToken({ name: 'LParen', label: "'('", pattern: /\(/ })
export const RParen = createToken({ name: 'RParen', label: "')'", pattern: /\)/ })
export const LBracket = createToken({ name: 'LBracket', label: "'['", pattern: /\[/ })
export const RBracket = createToken({ name: 'RBracket', label: "']'", pattern: /\]/ })
export const Comma = createToken({ name: 'Comma', label: "','", pattern: /,/ })
export const Dot = createToken({ name: 'Dot', label: "'.'", pattern: /\./ })
export const Star = createToken({ name: 'Star', label: "'*'", pattern: /\*/ })
export const Str = createToken({
  name: 'Str',
  label: 'a string literal',
  pattern: /@"(?:[^"]|"")*"|@'(?:[^']|'')*'|"(?:[^"\\\n]|\\[\s\S])*"|'(?:[^'\\\n]|\\[\s\S])*'/,
  line_breaks: true,
})
export const Num = createToken({ name: 'Num', label: 'a number', pattern: /-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/ })

export const allTokens: readonly TokenType[] = [
  Space, Str, And, Or, Where, Matches, Regex, True, False, ListOp, StrOp, Ident, CmpOp, Pipe, LParen, RParen, LBracket, RBracket, Comma, Dot, Star, Num,
]

export const kustoLexer = new Lexer([...allTokens], { positionTracking: 'onlyOffset', ensureOptimizations: false })
