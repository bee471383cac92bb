/** Tokens of the Sigma condition language (SIGMA-NOTES §4.2). */
import { createToken, Lexer, type TokenType } from 'chevrotain'

// Labels are what users read in "expected …" messages, so they are plain words, never token names.

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n]+/, group: Lexer.SKIPPED, line_breaks: true })

/** A name containing `*`: only valid after `1 of` / `any of` / `all of`. Must come before Identifier and keywords. */
export const Pattern = createToken({ name: 'Pattern', pattern: /[A-Za-z0-9_-]*\*[A-Za-z0-9_*-]*/, label: 'a wildcard pattern' })

export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z0-9_-]+/, label: 'a detection name' })

// Keywords are whole words: `longer_alt` makes `notepad`, `andfilter`, `1abc` identifiers (pySigma lexes `notepad` as `not epad`).
// They match case-insensitively so that `AND` gets a clear warning instead of a confusing syntax error.
const keyword = (name: string, word: string, label: string): TokenType =>
  createToken({ name, pattern: new RegExp(word, 'i'), longer_alt: Identifier, label })

export const And = keyword('And', 'and', "'and'")
export const Or = keyword('Or', 'or', "'or'")
export const Not = keyword('Not', 'not', "'not'")
export const Of = keyword('Of', 'of', "'of'")
export const Them = keyword('Them', 'them', "'them'")
// Quantifiers are only ever expected at the start of a selector, so their labels name the whole construct.
export const One = keyword('One', '1', "'1 of'")
export const Any = keyword('Any', 'any', "'any of'")
export const All = keyword('All', 'all', "'all of'")

export const LParen = createToken({ name: 'LParen', pattern: /\(/, label: "'('" })
export const RParen = createToken({ name: 'RParen', pattern: /\)/, label: "')'" })

export const KEYWORDS: readonly TokenType[] = [And, Or, Not, Of, Them, One, Any, All]

// Order matters: Pattern first (it only matches words containing `*`), keywords before Identifier.
export const allTokens: readonly TokenType[] = [WhiteSpace, LParen, RParen, Pattern, ...KEYWORDS, Identifier]

export const conditionLexer = new Lexer([...allTokens], {
  ensureOptimizations: true,
  positionTracking: 'full',
  // We show our own message built from the offending characters.
  errorMessageProvider: {
    buildUnexpectedCharactersMessage: (text, offset, length) => `unexpected character${length > 1 ? 's' : ''} ${JSON.stringify(text.slice(offset, offset + length))}`,
    buildUnableToPopLexerModeMessage: () => 'internal lexer error',
  },
})
