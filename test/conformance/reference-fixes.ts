/**
 * Known pySigma bugs as rewrites of pySigma's query text. A deviations.json entry with `"fix": "<name>"` says: our
 * output is pySigma's output with exactly this bug fixed. The conformance harness applies the listed fixes to the
 * reference query and counts the rule as "identical once fixed" only when the texts then match, so a deviation
 * entry cannot hide any other difference (grouping, field names, values) in the rules it covers.
 */
import { luceneRegex } from '../../backends/elastic-common/lucene-regex.js'
import { backslashLiteral } from '../../src/render/strings.js'
import { regexTest } from '../../backends/eql/hooks.js'

type Part = { readonly lit: string } | 'any' | 'one'

/** pySigma's once-escaped string text (`\x` is a literal x, bare `*`/`?` are wildcards) → parts. */
function decodePattern(s: string): Part[] {
  const out: Part[] = []
  let lit = ''
  const flush = (): void => {
    if (lit) out.push({ lit })
    lit = ''
  }
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string
    if (c === '\\' && i + 1 < s.length) lit += s[++i] as string
    else if (c === '*' || c === '?') {
      flush()
      out.push(c === '*' ? 'any' : 'one')
    } else lit += c
  }
  flush()
  return out
}

const encodePattern = (parts: readonly Part[]): string =>
  parts.map((p) => (p === 'any' ? '*' : p === 'one' ? '?' : p.lit.replace(/[\\*?]/g, (c) => '\\' + c))).join('')

const literalText = (parts: readonly Part[]): string => parts.map((p) => (p === 'any' ? '*' : p === 'one' ? '?' : p.lit)).join('')

/** Rewrite every `"…"` literal of a query, told which operator precedes it. */
function mapStrings(q: string, f: (content: string, before: string) => string): string {
  return q.replace(/"((?:[^"\\]|\\.)*)"/g, (_m, content: string, offset: number) => `"${f(content, q.slice(Math.max(0, offset - 7), offset))}"`)
}

/** ES|QL: `like` patterns escaped twice (pattern, then literal), other literals once and without `\*`. */
function esqlStrings(q: string): string {
  return mapStrings(q, (content, before) => {
    if (/\brlike $/.test(before)) return content
    const parts = decodePattern(content)
    return /\blike $/.test(before) ? backslashLiteral(encodePattern(parts)) : backslashLiteral(literalText(parts))
  })
}

/** ES|QL: pySigma's `rlike` regex (its `\\` and `\"` undone) translated to a Lucene regex. */
function esqlRlike(q: string): string {
  return mapStrings(q, (content, before) => {
    if (!/\brlike $/.test(before)) return content
    const raw = content.replace(/\\([\\"])/g, '$1')
    return backslashLiteral(luceneRegex(raw, [], { escapeSlash: false }))
  })
}

/** Lucene: each `:/regex/` of pySigma (its `\/` undone) translated to a Lucene regex. */
function luceneRegexes(q: string): string {
  let out = ''
  let i = 0
  while (i < q.length) {
    const start = q.indexOf(':/', i)
    if (start < 0) break
    let j = start + 2
    while (j < q.length && q[j] !== '/') j += q[j] === '\\' ? 2 : 1
    const raw = q.slice(start + 2, j).replace(/\\\//g, '/')
    out += q.slice(i, start) + ':/' + luceneRegex(raw, [], { escapeSlash: true }) + '/'
    i = j + 1
  }
  return out + q.slice(i)
}

/** EQL: string literals (not regexes) with `\n \r \t` escapes instead of a backslash before the raw character. */
function eqlStrings(q: string): string {
  return mapStrings(q, (content, before) => (/\bregex~ $/.test(before) ? content : backslashLiteral(literalText(decodePattern(content)))))
}

/** EQL: pySigma's `regex~ "…"` (its `\/` undone, its `(?i)` prefix read as the flag) written as our backend writes a regex. */
function eqlRegexes(q: string): string {
  return q.replace(/ (\S+) regex~ "((?:[^"\\]|\\[\s\S])*)"/g, (_m, field: string, content: string) => ` ${regexTest(field, content.replace(/\\\//g, '/'), [])}`)
}

export const REFERENCE_FIXES: Readonly<Record<string, (query: string) => string>> = {
  'esql-strings': esqlStrings,
  'esql-rlike': esqlRlike,
  'lucene-regex': luceneRegexes,
  'eql-strings': eqlStrings,
  'eql-regex': eqlRegexes,
}

/**
 * Apply the named fixes in order to a query, or to every string inside a query body (JSON formats); a fix that
 * cannot run (a regex it cannot translate) leaves the result unmatched (undefined).
 */
export function applyFixes(names: readonly string[], query: unknown): unknown {
  if (Array.isArray(query)) return query.map((q) => applyFixes(names, q))
  if (query !== null && typeof query === 'object') return Object.fromEntries(Object.entries(query).map(([k, v]) => [k, applyFixes(names, v)]))
  if (typeof query !== 'string') return query
  let q = query
  for (const n of names) {
    const f = REFERENCE_FIXES[n]
    if (!f) throw new Error(`deviations: unknown fix '${n}'`)
    try {
      q = f(q)
    } catch {
      return undefined
    }
  }
  return q
}
