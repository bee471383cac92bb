/**
 * A parser for the part of Sigma's regular expressions that can become KQL wildcard patterns. Sigma regexes are
 * written for PCRE/Python; this project evaluates them on RE2 (src/eval/regex.ts), so the shorthand classes have
 * RE2's ASCII meaning: `\d` = [0-9], `\w` = [0-9A-Za-z_], `\s` = [\t\n\f\r ] (PCRE adds \v, Python adds Unicode
 * spaces). Anything outside the subset is refused with the construct named (`RegexUnsupported`), never guessed:
 * an infinite character set (`.`, `[^…]`, `\S`) is kept as an `open` node because it may still vanish at an
 * unanchored edge (`.*foo` = `foo`); regex-expand.ts decides.
 */

export type ReNode =
  /** A finite set of characters (code points, sorted, unique). */
  | { readonly t: 'chars'; readonly chars: readonly string[] }
  /** An infinite set of characters; `what` names it for the refusal. */
  | { readonly t: 'open'; readonly what: string }
  | { readonly t: 'bol' }
  /** `$` = end of value, as the reference evaluator (RE2) reads it; PCRE/Python would also accept a final newline before it. */
  | { readonly t: 'eol' }
  | { readonly t: 'seq'; readonly items: readonly ReNode[] }
  | { readonly t: 'alt'; readonly alts: readonly ReNode[] }
  /** `max` is Infinity for `*`, `+` and `{n,}`. */
  | { readonly t: 'rep'; readonly node: ReNode; readonly min: number; readonly max: number }

export interface ParsedRegex {
  readonly root: ReNode
  /** Flags written inline at the start (`(?i)`), merged by the caller with the modifier flags. */
  readonly inlineFlags: readonly ('i' | 'm' | 's')[]
}

/** The regex uses something KQL cannot express or this parser does not read; `construct` names it. */
export class RegexUnsupported extends Error {
  constructor(readonly construct: string) {
    super(construct)
  }
}

const no = (construct: string): never => {
  throw new RegexUnsupported(construct)
}

/** Largest repetition count read (RE2's limit too); also bounds the work of a class range. */
const MAX_REPEAT = 1000
const MAX_CLASS = 4096

const range = (lo: number, hi: number): string[] => Array.from({ length: hi - lo + 1 }, (_, k) => String.fromCodePoint(lo + k))
const DIGIT = range(0x30, 0x39)
const WORD = [...DIGIT, ...range(0x41, 0x5a), '_', ...range(0x61, 0x7a)]
const SPACE = ['\t', '\n', '\f', '\r', ' ']
const SHORTHAND: Readonly<Record<string, readonly string[]>> = { d: DIGIT, w: WORD, s: SPACE }
const CONTROL: Readonly<Record<string, string>> = { t: '\t', n: '\n', r: '\r', f: '\f', v: '\v', a: '\x07' }
const NAMED_ESCAPES: Readonly<Record<string, string>> = {
  b: 'a word boundary (\\b)', B: 'a non-word-boundary (\\B)', Z: 'an end-of-text anchor (\\Z)', z: 'an end-of-text anchor (\\z)',
  p: 'a Unicode property class (\\p)', P: 'a Unicode property class (\\P)', Q: 'a \\Q…\\E quotation', k: 'a named backreference (\\k)',
  G: 'the \\G anchor', K: 'a match reset (\\K)', h: 'a horizontal-space class (\\h)', R: 'a line-break class (\\R)', X: 'an extended grapheme (\\X)',
  e: 'the escape \\e', c: 'a control-character escape (\\c)', o: 'an octal escape (\\o)',
}

const chars = (cs: Iterable<string>): ReNode => ({ t: 'chars', chars: [...new Set(cs)].sort((a, b) => (a.codePointAt(0) as number) - (b.codePointAt(0) as number)) })

class Parser {
  private i = 0
  constructor(private readonly s: readonly string[]) {}

  private peek(o = 0): string | undefined {
    return this.s[this.i + o]
  }

  private rest(n: number): string {
    return this.s.slice(this.i, this.i + n).join('')
  }

  atStart(): boolean {
    return this.i === 0
  }

  parse(): ParsedRegex {
    const inlineFlags = this.inlineFlags()
    const root = this.alt()
    if (this.i < this.s.length) no('an unbalanced `)`')
    return { root, inlineFlags }
  }

  /** `(?i)`, `(?ms)`… at the very start; anywhere else inline flags are refused (Python rejects them too). */
  private inlineFlags(): ('i' | 'm' | 's')[] {
    const m = /^\(\?([a-zA-Z]+)\)/.exec(this.rest(12))
    if (!m) return []
    const letters = [...(m[1] as string)]
    const bad = letters.find((f) => !'ims'.includes(f))
    if (bad !== undefined) no(`the inline flag (?${bad})`)
    this.i += m[0].length
    return letters as ('i' | 'm' | 's')[]
  }

  private alt(): ReNode {
    const alts = [this.seq()]
    while (this.peek() === '|') {
      this.i++
      alts.push(this.seq())
    }
    return alts.length === 1 ? (alts[0] as ReNode) : { t: 'alt', alts }
  }

  private seq(): ReNode {
    const items: ReNode[] = []
    for (let c = this.peek(); c !== undefined && c !== '|' && c !== ')'; c = this.peek()) {
      const atom = this.atom()
      items.push(this.quantified(atom))
    }
    return items.length === 1 ? (items[0] as ReNode) : { t: 'seq', items }
  }

  /** A bound `{n}`, `{n,}`, `{n,m}` or `{,m}` (Python's {0,m}, as the evaluator reads it) at the cursor. */
  private bound(): { min: number; max: number; len: number } | undefined {
    const m = /^\{(\d*)(,(\d*))?\}/.exec(this.rest(24))
    if (!m || (m[1] === '' && (m[2] === undefined || m[3] === ''))) return undefined
    const min = m[1] === '' ? 0 : Number(m[1])
    const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3])
    if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) no(`a repetition count above ${MAX_REPEAT}`)
    if (max < min) no('a repetition {n,m} with m < n')
    return { min, max, len: m[0].length }
  }

  private quantified(atom: ReNode): ReNode {
    const c = this.peek()
    let q: { min: number; max: number } | undefined
    if (c === '*') q = { min: 0, max: Infinity }
    else if (c === '+') q = { min: 1, max: Infinity }
    else if (c === '?') q = { min: 0, max: 1 }
    let len = 1
    if (c === '{') {
      const b = this.bound()
      if (b) {
        q = b
        len = b.len
      }
    }
    if (q === undefined) return atom
    if (atom.t === 'bol' || atom.t === 'eol') no('a quantified anchor')
    this.i += len
    // A lazy quantifier matches the same strings as a greedy one; a possessive one does not.
    if (this.peek() === '?') this.i++
    else if (this.peek() === '+') no('a possessive quantifier')
    const n = this.peek()
    if (n === '*' || n === '+' || n === '?' || (n === '{' && this.bound())) no('a repeated quantifier')
    return { t: 'rep', node: atom, min: q.min, max: q.max }
  }

  private atom(): ReNode {
    const c = this.peek() as string
    this.i++
    switch (c) {
      case '(':
        return this.group()
      case '[':
        return this.charClass()
      case '.':
        return { t: 'open', what: '`.` (any character)' }
      case '^':
        return { t: 'bol' }
      case '$':
        return { t: 'eol' }
      case '\\':
        return this.escape()
      case '*':
      case '+':
      case '?':
        return no('a quantifier with nothing to repeat')
      case '{':
        return no('an unescaped `{`')
      default:
        return chars([c])
    }
  }

  private group(): ReNode {
    if (this.peek() === '?') {
      const head = this.rest(4)
      if (/^\?:/.test(head)) this.i += 2
      else if (/^\?P?<[A-Za-z_]/.test(head)) {
        const end = this.s.indexOf('>', this.i)
        if (end < 0) no('an unterminated group name')
        this.i = end + 1
      } else if (/^\?(=|!|<=|<!)/.test(head)) no('a lookaround assertion')
      else if (head.startsWith('?>')) no('an atomic group')
      else if (head.startsWith('?P=')) no('a named backreference')
      else if (head.startsWith('?#')) no('a comment group')
      else if (head.startsWith('?(')) no('a conditional group')
      else if (/^\?[a-zA-Z-]+[:)]/.test(head) || /^\?[a-zA-Z-]/.test(head)) no('inline flags inside the pattern')
      else no(`the group syntax (${head}`)
    }
    const inner = this.alt()
    if (this.peek() !== ')') no('an unbalanced `(`')
    this.i++
    return inner
  }

  private hex(n: number): string | undefined {
    const h = this.rest(n)
    if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(h)) return undefined
    this.i += n
    const cp = parseInt(h, 16)
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : undefined
  }

  /** One escape after `\`: a set of characters, or undefined for what the caller treats specially. */
  private escapedChars(inClass: boolean): readonly string[] {
    const c = this.peek()
    if (c === undefined) return no('a trailing backslash')
    this.i++
    const short = SHORTHAND[c]
    if (short) return short
    if (c === 'D' || c === 'W' || c === 'S') return no(`the negated class \\${c} (an infinite set of characters)`)
    const control = CONTROL[c]
    if (control !== undefined) return [control]
    if (c === 'x') return [this.hex(2) ?? no('a \\x escape other than \\xHH')]
    if (c === 'u') return [this.hex(4) ?? no('a \\u escape other than \\uHHHH')]
    if (c === 'U') return [this.hex(8) ?? no('a \\U escape other than \\UHHHHHHHH')]
    if (/[1-9]/.test(c)) return no(inClass ? `the escape \\${c}` : 'a backreference')
    if (c === '0') return no('an octal escape')
    if (c === 'b' && inClass) return no('\\b (backspace) in a class')
    const named = NAMED_ESCAPES[c]
    if (named) return no(named)
    if (/[A-Za-z0-9]/.test(c)) return no(`the escape \\${c}`)
    return [c]
  }

  private escape(): ReNode {
    if (this.peek() === 'A') {
      this.i++
      return { t: 'bol' }
    }
    return chars(this.escapedChars(false))
  }

  private charClass(): ReNode {
    const negated = this.peek() === '^'
    if (negated) this.i++
    const set = new Set<string>()
    let first = true
    for (;;) {
      const c = this.peek()
      if (c === undefined) no('an unterminated character class')
      if (c === ']' && !first) break
      first = false
      const lo = this.classItem()
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.i++
        const hi = this.classItem()
        if (lo.length !== 1 || hi.length !== 1) no('a class range with a shorthand class at one end')
        const a = (lo[0] as string).codePointAt(0) as number
        const b = (hi[0] as string).codePointAt(0) as number
        if (b < a) no('a reversed class range')
        if (b - a + 1 + set.size > MAX_CLASS) no(`a character class with more than ${MAX_CLASS} characters`)
        for (const x of range(a, b)) set.add(x)
      } else for (const x of lo) set.add(x)
      if (set.size > MAX_CLASS) no(`a character class with more than ${MAX_CLASS} characters`)
    }
    this.i++
    if (negated) return { t: 'open', what: 'a negated character class [^…] (an infinite set of characters)' }
    return chars(set)
  }

  private classItem(): readonly string[] {
    const c = this.peek() as string
    this.i++
    if (c === '\\') return this.escapedChars(true)
    if (c === '[' && /^[:.=]/.test(this.peek() ?? '')) no('a POSIX class or collating element in a character class')
    return [c]
  }
}

/** Parse a Sigma regex (code points, so astral characters stay whole). Throws RegexUnsupported. */
export function parseRegex(regex: string): ParsedRegex {
  return new Parser(Array.from(regex)).parse()
}
