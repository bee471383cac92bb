/**
 * Character-level rules of Kibana's KQL grammar (grammar.peggy: QuotedCharacter, UnquotedCharacter, Keyword, Space).
 * PEG repetition never backtracks, so these are hand-written scanners rather than regular expressions: a regex
 * such as /"(\\"|[^"])*"/ would backtrack and accept `"\"`, which Kibana rejects. The lexer uses them to find
 * token ends and the visitor to decode token text, so both agree by construction.
 */

/** Kibana's `Space`: space, tab, CR, LF and no-break space. */
export const SPACE_CHARS = ' \t\r\n\u00a0'
/** Kibana's `SpecialCharacter`: must be escaped in unquoted literals. */
export const SPECIAL_CHARS = '\\():<>"*{}'

export const WILDCARD = Object.freeze({ wildcard: true as const })
export type Wildcard = typeof WILDCARD
/** One decoded character (or the wildcard) and the length of its source text. */
interface Step { readonly len: number; readonly out: string | Wildcard }

const isSpace = (c: string | undefined): boolean => c !== undefined && SPACE_CHARS.includes(c)
const HEX4 = /^[0-9a-fA-F]{4}$/

function spaceRun(text: string, i: number): number {
  let j = i
  while (isSpace(text[j])) j++
  return j - i
}

function wordAt(text: string, i: number, word: string): boolean {
  return text.slice(i, i + word.length).toLowerCase() === word
}

/** Kibana's `Keyword` = Or / And / Not at position i: `Space+ or Space+`, `Space+ and Space+`, `not Space+`. */
export function keywordAt(text: string, i: number): boolean {
  const lead = spaceRun(text, i)
  if (lead > 0) {
    for (const w of ['or', 'and']) {
      if (wordAt(text, i + lead, w) && spaceRun(text, i + lead + w.length) > 0) return true
    }
  }
  return wordAt(text, i, 'not') && spaceRun(text, i + 3) > 0
}

/** Length of an `Or` / `And` / `Not` keyword token at i (with its spaces), or 0. */
export function keywordToken(text: string, i: number, word: 'or' | 'and' | 'not'): number {
  const lead = word === 'not' ? 0 : spaceRun(text, i)
  if (word !== 'not' && lead === 0) return 0
  if (!wordAt(text, i + lead, word)) return 0
  const trail = spaceRun(text, i + lead + word.length)
  return trail > 0 ? lead + word.length + trail : 0
}

const ESCAPED_WHITESPACE: Readonly<Record<string, string>> = { t: '\t', r: '\r', n: '\n' }

function unicodeAt(text: string, i: number): string | undefined {
  // `UnicodeSequence = "u" HexDigit{4}`: the `u` is lower-case only, the digits are case-insensitive.
  if (text[i] !== 'u') return undefined
  const digits = text.slice(i + 1, i + 5)
  return HEX4.test(digits) ? String.fromCharCode(parseInt(digits, 16)) : undefined
}

/** One `UnquotedCharacter` at i, in the grammar's order of alternatives, or undefined where the literal ends. */
export function unquotedStep(text: string, i: number): Step | undefined {
  const c = text[i]
  if (c === undefined) return undefined
  if (c === '\\') {
    const n = text[i + 1]
    if (n === undefined) return undefined
    const ws = ESCAPED_WHITESPACE[n]
    if (ws !== undefined) return { len: 2, out: ws } // before EscapedKeyword: `\not` is `\n` + `ot`
    if (SPECIAL_CHARS.includes(n)) return { len: 2, out: n }
    const u = unicodeAt(text, i + 1)
    if (u !== undefined) return { len: 6, out: u }
    for (const w of ['or', 'and', 'not']) if (wordAt(text, i + 1, w)) return { len: 1 + w.length, out: text.slice(i + 1, i + 1 + w.length) }
    return undefined
  }
  if (c === '*') return { len: 1, out: WILDCARD }
  if (SPECIAL_CHARS.includes(c) || keywordAt(text, i)) return undefined
  return { len: 1, out: c }
}

/** One `QuotedCharacter` at i (inside the quotes), or undefined at the closing quote / end of text. */
export function quotedStep(text: string, i: number): Step | undefined {
  const c = text[i]
  if (c === undefined || c === '"') return undefined
  if (c === '\\') {
    const n = text[i + 1]
    const ws = n === undefined ? undefined : ESCAPED_WHITESPACE[n]
    if (ws !== undefined) return { len: 2, out: ws }
    const u = unicodeAt(text, i + 1)
    if (u !== undefined) return { len: 6, out: u }
    if (n === '\\' || n === '"') return { len: 2, out: n }
  }
  return { len: 1, out: c } // a backslash before anything else is a literal backslash
}

/** Length of an unquoted literal starting at i (0 = none). */
export function unquotedLength(text: string, i: number): number {
  let j = i
  for (let s = unquotedStep(text, j); s !== undefined; s = unquotedStep(text, j)) j += s.len
  return j - i
}

/** Length of a quoted string starting at i, quotes included (0 = none or unterminated). */
export function quotedLength(text: string, i: number): number {
  if (text[i] !== '"') return 0
  let j = i + 1
  for (let s = quotedStep(text, j); s !== undefined; s = quotedStep(text, j)) j += s.len
  return text[j] === '"' ? j + 1 - i : 0
}

export type DecodedPart = string | Wildcard

function pushChar(parts: DecodedPart[], out: string | Wildcard): void {
  const last = parts[parts.length - 1]
  if (typeof out === 'string' && typeof last === 'string') parts[parts.length - 1] = last + out
  else parts.push(out)
}

/** Decoded text of a quoted token (`"…"`): never contains wildcards. */
export function decodeQuoted(image: string): string {
  let out = ''
  let j = 1
  for (let s = quotedStep(image, j); s !== undefined; s = quotedStep(image, j)) {
    out += s.out as string
    j += s.len
  }
  return out
}

/**
 * Decoded parts of an unquoted token. Kibana joins the characters (wildcards as a marker that starts with `@`)
 * and calls String.prototype.trim, so whitespace at the ends is dropped even when it was written escaped.
 */
export function decodeUnquoted(image: string): DecodedPart[] {
  const parts: DecodedPart[] = []
  let j = 0
  for (let s = unquotedStep(image, j); s !== undefined; s = unquotedStep(image, j)) {
    pushChar(parts, s.out)
    j += s.len
  }
  const first = parts[0]
  if (typeof first === 'string') parts[0] = first.trimStart()
  const lastIdx = parts.length - 1
  const last = parts[lastIdx]
  if (typeof last === 'string') parts[lastIdx] = last.trimEnd()
  const kept = parts.filter((p) => p !== '')
  // Kibana marks wildcards with this text and later splits on it, so in a value that has a wildcard the same
  // text written literally becomes a wildcard too.
  if (!kept.some((p) => typeof p !== 'string')) return kept
  const out: DecodedPart[] = []
  for (const p of kept) {
    if (typeof p !== 'string') pushChar(out, p)
    else p.split(KQL_WILDCARD_SYMBOL).forEach((chunk, k) => {
      if (k > 0) pushChar(out, WILDCARD)
      if (chunk !== '') pushChar(out, chunk)
    })
  }
  return out
}

/** The marker Kibana's parser uses for `*` in a wildcard value (node_types/wildcard.ts). */
export const KQL_WILDCARD_SYMBOL = '@kuery-wildcard@'
