/**
 * Elasticsearch query_string (Lucene syntax, parsed by the `lucene` npm package) evaluated against **keyword**
 * fields (the assumption, as for KQL): a term or phrase matches the whole value, case-sensitively (`caseInsensitive`
 * relaxes it); unescaped `*`/`?` in a term are wildcards; `/re/` is a Lucene regular expression matching the whole
 * value; `field:>5` is a numeric range; `_exists_:f` tests a field; a term that is a CIDR network (`10.0.0.0\/8`)
 * matches addresses inside it (the field is taken as an `ip` field then); an unfielded term searches every field
 * (default_field `*`). Operators in one unparenthesised run must all be the same (the classic query parser has
 * no precedence; such a query is reported as unevaluable, not guessed).
 */
import type { LuceneNode } from 'lucene'
import type { EventView } from '../eval/event.js'
import { asNumber, cidrTest, patternMatch, regex, text, texts, Unevaluable, view, type Pattern, type QueryMatcher } from './common.js'

export interface LuceneSemantics {
  readonly caseInsensitive: boolean
}

export const ES_KEYWORD: LuceneSemantics = { caseInsensitive: false }

const IMPLICIT = '<implicit>'

/**
 * The npm grammar knows only `\␠` as an escaped space, while Lucene's classic parser escapes any character. Escaped
 * tab/CR/LF/FF/VT/U+3000 are swapped for escaped private-use characters before parsing and swapped back in terms.
 */
const WS_IN = '\t\n\r\f\v\u3000'
const WS_OUT = '\ue001\ue002\ue003\ue004\ue005\ue006'

export interface PreparedQuery {
  /** The query for the npm parser: escaped whitespace swapped, each `/regex/` replaced by a placeholder term. */
  readonly query: string
  readonly regexes: readonly string[]
}

const REGEX_TERM = /^__lucene_regex_(\d+)__$/

/**
 * The npm grammar also reads only simple regexes (no `\s`, `\@`, …), so regex terms are cut out first, as Lucene's
 * lexer finds them: a `/` that starts a term, up to the next unescaped `/`.
 */
export function prepareLuceneQuery(q: string): PreparedQuery {
  const regexes: string[] = []
  let out = ''
  let quoted = false
  for (let i = 0; i < q.length; i++) {
    const c = q[i] as string
    if (c === '\\') {
      const n = q[i + 1] ?? ''
      const k = WS_IN.indexOf(n)
      out += '\\' + (k >= 0 && n !== '' ? WS_OUT[k] : n)
      i++
      continue
    }
    if (c === '"') quoted = !quoted
    if (c === '/' && !quoted && (i === 0 || ' \t\n(:'.includes(q[i - 1] as string))) {
      let j = i + 1
      while (j < q.length && q[j] !== '/') j += q[j] === '\\' ? 2 : 1
      regexes.push(q.slice(i + 1, j))
      out += `__lucene_regex_${regexes.length - 1}__`
      i = j
      continue
    }
    out += c
  }
  return { query: out, regexes }
}

const restore = (s: string): string => s.replace(/[\ue001-\ue006]/g, (c) => WS_IN[WS_OUT.indexOf(c)] as string)
const unescape = (s: string): string => restore(s.replace(/\\([\s\S])/g, '$1'))

/** Unquoted term → literal parts and wildcards. */
function termPattern(term: string): Pattern {
  const out: (string | 'any' | 'one')[] = []
  let lit = ''
  for (let i = 0; i < term.length; i++) {
    const c = term[i] as string
    if (c === '\\' && i + 1 < term.length) lit += restore(term[++i] as string)
    else if (c === '*' || c === '?') {
      if (lit) out.push(lit)
      lit = ''
      out.push(c === '*' ? 'any' : 'one')
    } else lit += c
  }
  if (lit) out.push(lit)
  return out
}

const RE2_META = '\\.+*?()|[]{}^$'

/** Lucene RegExp (flags ALL) → an anchored RE2 pattern; the Lucene-only operators are not evaluated. */
export function luceneRegexToRe2(re: string): string {
  let out = ''
  let inClass = false
  for (let i = 0; i < re.length; i++) {
    const c = re[i] as string
    if (c === '\\') {
      const n = re[i + 1]
      if (n === undefined) throw new Unevaluable('a trailing backslash in a Lucene regex')
      i++
      out += 'dDsSwW'.includes(n) ? '\\' + n : RE2_META.includes(n) || n === '-' ? '\\' + n : n
      continue
    }
    if (inClass) {
      if (c === ']') inClass = false
      out += c
      continue
    }
    if (c === '[') {
      inClass = true
      out += c
      if (re[i + 1] === '^') out += re[++i]
      continue
    }
    if ('@&~<>#"'.includes(c)) throw new Unevaluable(`the Lucene regex operator ${c}`)
    if (c === '^' || c === '$') out += '\\' + c
    else out += c
  }
  return `^(?:${out})$`
}

interface Ctx {
  readonly ev: EventView
  readonly sem: LuceneSemantics
  readonly regexes: readonly string[]
}

function values(ctx: Ctx, field: string): string[] {
  if (field === IMPLICIT) return ctx.ev.scalars().map(text).filter((t): t is string => t !== undefined)
  return texts(ctx.ev, field)
}

function term(n: LuceneNode, field: string, ctx: Ctx): boolean {
  const f = n.field === undefined || n.field === IMPLICIT ? field : unescape(n.field)
  const t = n.term ?? ''
  if (f === '_exists_') return texts(ctx.ev, unescape(t)).length > 0
  const placeholder = REGEX_TERM.exec(t)
  if (placeholder || n.regex) {
    const body = placeholder ? (ctx.regexes[Number(placeholder[1])] as string) : t
    const re = regex(luceneRegexToRe2(body), ctx.sem.caseInsensitive ? ['i', 's'] : ['s'])
    return values(ctx, f).some((x) => re.test(x))
  }
  if (n.quoted) {
    const v = unescape(t)
    return values(ctx, f).some((x) => (ctx.sem.caseInsensitive ? x.toLowerCase() === v.toLowerCase() : x === v))
  }
  const range = /^([<>]=?)(.*)$/s.exec(t)
  if (range) {
    const y = asNumber(unescape(range[2] as string))
    if (y === undefined) throw new Unevaluable(`a range on a non-number (${t})`)
    const op = range[1]
    return values(ctx, f).some((s) => {
      const x = asNumber(s)
      return x !== undefined && (op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y)
    })
  }
  const p = termPattern(t)
  // An ip field holds only addresses, so a network term is a membership test and nothing else.
  const cidr = p.length === 1 && typeof p[0] === 'string' && p[0] !== 'any' && p[0] !== 'one' ? cidrTest(p[0]) : undefined
  return values(ctx, f).some((x) => (cidr ? cidr(x) : patternMatch(p, x, ctx.sem.caseInsensitive)))
}

const isTerm = (n: LuceneNode): boolean => n.left === undefined || n.left === null
const isGroupField = (n: LuceneNode): boolean => !isTerm(n) && n.field !== undefined && n.field !== null && n.field !== IMPLICIT

/** The head of a node: its left side (under its own field group and NOT). */
function head(n: LuceneNode, field: string, ctx: Ctx): boolean {
  const f = isGroupField(n) ? unescape(n.field as string) : field
  const v = evalNode(n.left as LuceneNode, f, ctx)
  return n.start === 'NOT' ? !v : v
}

/** A node and the run of operators through its unparenthesised right children (all the same operator, or unevaluable). */
function evalNode(n: LuceneNode, field: string, ctx: Ctx): boolean {
  if (isTerm(n)) return term(n, field, ctx)
  const f = isGroupField(n) ? unescape(n.field as string) : field
  const results = [head(n, field, ctx)]
  const ops: string[] = []
  let cur: LuceneNode = n
  while (cur.operator !== undefined && cur.operator !== null && cur.right !== undefined && cur.right !== null) {
    ops.push(cur.operator)
    const r: LuceneNode = cur.right
    const negate = cur.operator.endsWith(' NOT')
    if (isTerm(r) || r.parenthesized || isGroupField(r) || r.operator === undefined || r.operator === null) {
      const v = evalNode(r, f, ctx)
      results.push(negate ? !v : v)
      break
    }
    const v = head(r, f, ctx)
    results.push(negate ? !v : v)
    cur = r
  }
  if (ops.length === 0) return results[0] as boolean
  const kinds = new Set(ops.map((o) => o.replace(/ NOT$/, '')))
  if (kinds.size > 1 || kinds.has(IMPLICIT)) throw new Unevaluable(`operators ${[...new Set(ops)].join(', ')} in one run without parentheses`)
  return kinds.has('AND') ? results.every(Boolean) : results.some(Boolean)
}

export function luceneMatcher(ast: LuceneNode, regexes: readonly string[], sem: LuceneSemantics = ES_KEYWORD): QueryMatcher {
  return (event) => evalNode(ast, IMPLICIT, { ev: view(event), sem, regexes })
}
