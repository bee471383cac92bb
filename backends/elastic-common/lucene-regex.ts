/**
 * Sigma regular expressions (Python `re`, unanchored search) → Lucene RegExp syntax, used by query_string
 * `/…/`, ES|QL `RLIKE` and EQL `regex`. Lucene patterns always match the whole value, have no anchors, no
 * inline flags, no lookaround or backreferences, and treat `" < > @ & ~ #` as operators (flags ALL).
 * So: each top-level alternative loses a leading `^` or gains `.*`, loses a trailing `$` or gains `.*`;
 * `(?:`/named groups become plain groups; lazy quantifiers lose their `?` (irrelevant for whole-value
 * matching); the `i` flag (modifier or a leading `(?i)`) becomes `[aA]` letter classes.
 */
import type { RegexFlag } from '../../src/ir/value.js'
import { fail } from '../../src/diagnostics.js'
import type { SourcePos } from '../../src/ir/rule.js'

export interface LuceneRegexOptions {
  /** Escape `/` (query_string delimits regexes with slashes). */
  readonly escapeSlash: boolean
  /** Case-insensitive flags (`i`, leading `(?i)`) become `[aA]` classes; false when the caller matches case-insensitively itself. */
  readonly foldCase?: boolean
}

const OPERATORS = new Set(['"', '<', '>', '@', '&', '~', '#'])
const SHORTHAND = new Set(['d', 'D', 'w', 'W', 's', 'S'])
const CONTROL: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07' }
const PUNCT_LITERAL = /[^A-Za-z0-9\s]/

const refuse = (what: string, pos?: SourcePos): never =>
  fail('backend.unsupported', `regular expression: ${what} cannot be expressed in Elasticsearch (Lucene) regular expressions`, pos ? { line: pos.line, column: pos.column } : {})

const isLetter = (c: string): boolean => c.toLowerCase() !== c.toUpperCase()

function literal(c: string, o: LuceneRegexOptions, ci: boolean, inClass: boolean): string {
  if (ci && isLetter(c)) {
    const lo = c.toLowerCase()
    const up = c.toUpperCase()
    return inClass ? lo + up : `[${lo}${up}]`
  }
  if (c === '/' && o.escapeSlash) return '\\/'
  if (c === '\\') return '\\\\'
  if (inClass) return c === ']' || c === '[' || c === '^' || c === '-' ? '\\' + c : c
  // `^`/`$` are literals in Lucene; escaping them keeps them apart from the anchors this translator removes.
  if ('.?+*|{}[]()^$'.includes(c) || OPERATORS.has(c)) return '\\' + c
  return c
}

/** Reads an escape at `i` (the backslash); returns the Lucene text and the next index. */
function escape(re: string, i: number, o: LuceneRegexOptions, ci: boolean, inClass: boolean, pos?: SourcePos): [string, number] {
  const c = re[i + 1]
  if (c === undefined) return refuse('a trailing backslash', pos)
  if (SHORTHAND.has(c)) return ['\\' + c, i + 2]
  if (/[1-9]/.test(c)) return refuse(`the backreference \\${c}`, pos)
  if ('bBAZzG'.includes(c)) return refuse(`the anchor \\${c}`, pos)
  if (c in CONTROL) return [literal(CONTROL[c] as string, o, ci, inClass), i + 2]
  if (c === 'x') {
    const hex = /^[0-9A-Fa-f]{2}/.exec(re.slice(i + 2))
    if (!hex) return refuse('a malformed \\x escape', pos)
    return [literal(String.fromCharCode(parseInt(hex[0], 16)), o, ci, inClass), i + 4]
  }
  if (c === 'u') {
    const hex = /^[0-9A-Fa-f]{4}/.exec(re.slice(i + 2))
    if (!hex) return refuse('a malformed \\u escape', pos)
    return [literal(String.fromCharCode(parseInt(hex[0], 16)), o, ci, inClass), i + 6]
  }
  if (PUNCT_LITERAL.test(c)) return [literal(c, o, ci, inClass), i + 2]
  return refuse(`the escape \\${c}`, pos)
}

function charClass(re: string, start: number, o: LuceneRegexOptions, ci: boolean, pos?: SourcePos): [string, number] {
  let i = start + 1
  let out = '['
  if (re[i] === '^') {
    out += '^'
    i++
  }
  let first = true
  while (i < re.length && (re[i] !== ']' || first)) {
    const c = re[i] as string
    first = false
    if (c === '\\') {
      const [t, n] = escape(re, i, o, false, true, pos)
      out += t
      i = n
      continue
    }
    if (c === '[' && re[i + 1] === ':') return refuse('POSIX character classes', pos)
    const next = re[i + 2]
    if (re[i + 1] === '-' && next !== undefined && next !== ']' && next !== '\\') {
      out += literal(c, o, false, true) + '-' + literal(next, o, false, true)
      if (ci && isLetter(c) && isLetter(next)) {
        const other = c === c.toLowerCase() ? [c.toUpperCase(), next.toUpperCase()] : [c.toLowerCase(), next.toLowerCase()]
        out += `${other[0]}-${other[1]}`
      }
      i += 3
      continue
    }
    out += c === '-' && (re[i + 1] === ']' || out === '[' || out === '[^') ? '\\-' : literal(c, o, ci, true)
    i++
  }
  if (i >= re.length) return refuse('an unterminated character class', pos)
  return [out + ']', i + 1]
}

/** A parsed pattern: alternatives of token sequences; groups nest (quantified groups keep their quantifier). */
type Tok = string | { readonly alts: Tok[][]; quant: string }

/** Translates one regex body (no leading flags) into alternatives of Lucene tokens, groups kept as nodes. */
function translate(re: string, o: LuceneRegexOptions, ci: boolean, pos?: SourcePos): Tok[][] {
  const stack: Tok[][][] = [[[]]]
  let i = 0
  const alts = (): Tok[][] => stack[stack.length - 1] as Tok[][]
  const cur = (): Tok[] => alts()[alts().length - 1] as Tok[]
  while (i < re.length) {
    const c = re[i] as string
    if (c === '\\') {
      const [t, n] = escape(re, i, o, ci, false, pos)
      cur().push(t)
      i = n
    } else if (c === '[') {
      const [t, n] = charClass(re, i, o, ci, pos)
      cur().push(t)
      i = n
    } else if (c === '(') {
      if (re[i + 1] === '?') {
        const rest = re.slice(i + 2)
        const named = /^P?<[A-Za-z_]\w*>/.exec(rest)
        if (rest.startsWith(':')) i += 3
        else if (named) i += 2 + named[0].length
        else if (/^(=|!|<=|<!)/.test(rest)) return refuse('lookaround assertions', pos)
        else if (rest.startsWith('#')) {
          const end = re.indexOf(')', i)
          i = end < 0 ? re.length : end + 1
          continue
        } else return refuse('inline flags inside the pattern', pos)
      } else i++
      stack.push([[]])
    } else if (c === ')') {
      if (stack.length === 1) return refuse('an unbalanced parenthesis', pos)
      const group = stack.pop() as Tok[][]
      cur().push({ alts: group, quant: '' })
      i++
    } else if (c === '|') {
      alts().push([])
      i++
    } else if (c === '^' || c === '$') {
      cur().push(c)
      i++
    } else if ('*+?'.includes(c) || c === '{') {
      let q = c
      let n = i + 1
      if (c === '{') {
        const m = /^\{(\d*)(,?)(\d*)\}/.exec(re.slice(i))
        if (!m) {
          cur().push(literal(c, o, ci, false))
          i++
          continue
        }
        q = `{${m[1] === '' ? '0' : m[1]}${m[2]}${m[3]}}`
        n = i + m[0].length
      }
      if (re[n] === '?') n++ // lazy: irrelevant when the whole value must match
      else if (re[n] === '+') return refuse('possessive quantifiers', pos)
      const last = cur()[cur().length - 1]
      if (last !== undefined && typeof last !== 'string') last.quant += q
      else cur().push(q)
      i = n
    } else {
      cur().push(c === '.' ? '.' : literal(c, o, ci, false))
      i++
    }
  }
  if (stack.length !== 1) return refuse('an unbalanced parenthesis', pos)
  return stack[0] as Tok[][]
}

const isGroup = (t: Tok | undefined): t is { alts: Tok[][]; quant: string } => t !== undefined && typeof t !== 'string'

/** Whether some alternative of an unquantified group anchors itself at that edge (so the group takes the decision). */
function anchored(g: { alts: Tok[][]; quant: string }, edge: 'start' | 'end'): boolean {
  return g.alts.some((a) => {
    const x = edge === 'start' ? a[0] : a[a.length - 1]
    return x === (edge === 'start' ? '^' : '$') || (isGroup(x) && x.quant === '' && anchored(x, edge))
  })
}

/**
 * Renders alternatives whose start/end must be anchored (`start`/`end` true: the surrounding text cannot add
 * anything there) or open (a `.*` is needed unless the pattern anchors itself). An unquantified group at the
 * edge of an alternative passes the decision into its own alternatives, so `(^|/)x` works.
 */
function render(alts: readonly Tok[][], open: { start: boolean; end: boolean }, pos?: SourcePos): string {
  return alts
    .map((toks) => {
      const t = [...toks]
      let prefix = open.start ? '.*' : ''
      let suffix = open.end ? '.*' : ''
      if (t[0] === '^' && open.start) {
        t.shift()
        prefix = ''
      }
      if (t[t.length - 1] === '$' && open.end) {
        t.pop()
        suffix = ''
      }
      const first = t[0]
      const last = t[t.length - 1]
      const edgeStart = open.start && prefix !== '' && isGroup(first) && first.quant === '' && anchored(first, 'start') ? 0 : -1
      const edgeEnd = open.end && suffix !== '' && isGroup(last) && last.quant === '' && anchored(last, 'end') ? t.length - 1 : -1
      if (edgeStart === 0) prefix = ''
      if (edgeEnd >= 0) suffix = ''
      const body = t.map((x, k) => {
        if (typeof x === 'string') {
          if (x === '^' || x === '$') return refuse('anchors (^ or $) in the middle of the pattern', pos)
          return x
        }
        const inner = render(x.alts, { start: k === edgeStart, end: k === edgeEnd }, pos)
        return `(${inner})${x.quant}`
      })
      return prefix + body.join('') + suffix
    })
    .join('|')
}

/** Sigma regex + flags → Lucene regex text (without delimiters). */
export function luceneRegex(regex: string, flags: readonly RegexFlag[], o: LuceneRegexOptions, pos?: SourcePos): string {
  let body = regex
  let ci = flags.includes('i')
  const inline = /^\(\?([imsx]+)\)/.exec(body)
  if (inline) {
    if ((inline[1] as string).includes('x')) return refuse('verbose mode (?x)', pos)
    ci ||= (inline[1] as string).includes('i')
    body = body.slice(inline[0].length)
  }
  if (o.foldCase === false) ci = false
  return render(translate(body, o, ci, pos), { start: true, end: true }, pos)
}
