/**
 * A Sigma regex (an unanchored search) as a finite OR of KQL wildcard patterns `*lit*` / `lit*`, or a refusal
 * naming what stops it. Exact by construction:
 * - at an unanchored edge only the shortest repetition matters (a string containing x{k}y, k ≥ m, contains x{m}y),
 *   so `.*foo`, `\w{1,64}` at the end or an optional tail shrink first (`trimEdge`);
 * - alternation, optional parts, bounded repetition and finite classes are distributed into paths of character
 *   sets; `^` first anchors a path's start and `$` last its end (`$` = end of value, as the reference evaluator,
 *   RE2, reads it; PCRE/Python would also accept a final newline before it); an anchor with a character between it
 *   and its edge makes the path unmatchable (dropped);
 * - a path whose every match contains a match of another path is dropped (the union is unchanged), so
 *   `[0-9]|[1-9][0-9]` is one digit and `x\s*foo|foo` is `foo`;
 * - what is left must be finite and is multiplied out into literals, up to a limit.
 * Refused when a kept path still has one: an infinite set (`.`, `[^…]`, `\S`), unbounded repetition inside the
 * pattern; also the `i` flag on letters (KQL on keyword fields is case-sensitive), `^` or `$` under the `m` flag,
 * and more literals than the limit.
 */
import { parseRegex, RegexUnsupported, type ReNode } from './regex-parse.js'
import type { RegexFlag } from '../../src/ir/value.js'

/** One KQL wildcard pattern: `lit*` anchored at the start, `*lit` at the end, `lit` at both, `*lit*` at neither. */
export interface KqlPattern {
  readonly anchored: boolean
  readonly anchoredEnd: boolean
  readonly literal: string
}

export type RegexPatterns = { readonly ok: true; readonly patterns: readonly KqlPattern[] } | { readonly ok: false; readonly construct: string }

/** Paths kept while distributing, before the literal count is known (bounds work on patterns like (a|b){20}). */
const PATH_BUDGET = 20_000

const EMPTY: ReNode = { t: 'seq', items: [] }
const no = (construct: string): never => {
  throw new RegexUnsupported(construct)
}

/** Shrink the leading (`side` 0) or trailing (`side` 1) edge of an unanchored search. */
function trimEdge(n: ReNode, side: 0 | 1): ReNode {
  switch (n.t) {
    case 'rep':
      if (n.min === 0) return EMPTY
      return trimEdge({ t: 'seq', items: Array.from({ length: n.min }, () => n.node) }, side)
    case 'alt':
      return { t: 'alt', alts: n.alts.map((a) => trimEdge(a, side)) }
    case 'seq': {
      if (n.items.length === 0) return n
      const items = side === 0 ? n.items : [...n.items].reverse()
      const head = trimEdge(items[0] as ReNode, side)
      const tail = items.slice(1)
      const seqOf = (first: readonly ReNode[]): ReNode => {
        const out = [...first, ...tail]
        return { t: 'seq', items: side === 0 ? out : out.reverse() }
      }
      if (head.t === 'seq' && head.items.length === 0) return trimEdge(seqOf([]), side)
      // Alternatives at the edge each start the rest afresh: `(x|)\s*foo` = `x\s*foo` or `foo`.
      if (head.t === 'alt') return { t: 'alt', alts: head.alts.map((a) => trimEdge(seqOf([a]), side)) }
      const out = [head, ...tail]
      return { t: 'seq', items: side === 0 ? out : out.reverse() }
    }
    default:
      return n
  }
}

/** A character set, an anchor, or something without a finite form (kept: a shorter path may cover it). */
type Atom = readonly string[] | 'bol' | 'eol' | { readonly refuse: string }
type Path = readonly Atom[]

function budget(n: number): void {
  if (n > PATH_BUDGET) no(`more than ${PATH_BUDGET} alternative shapes`)
}

function concat(a: readonly Path[], b: readonly Path[]): Path[] {
  budget(a.length * b.length)
  return a.flatMap((x) => b.map((y) => [...x, ...y]))
}

/** Distribute a node into paths. */
function paths(n: ReNode): Path[] {
  switch (n.t) {
    case 'chars':
      return [[n.chars]]
    case 'open':
      return [[{ refuse: n.what }]]
    case 'bol':
    case 'eol':
      return [[n.t]]
    case 'seq':
      return n.items.reduce<Path[]>((acc, item) => concat(acc, paths(item)), [[]])
    case 'alt': {
      const all = n.alts.flatMap(paths)
      budget(all.length)
      return all
    }
    case 'rep': {
      if (n.max === Infinity) return [[{ refuse: 'unbounded repetition (`*`, `+` or `{n,}`) inside the pattern' }]]
      const one = paths(n.node)
      // Copies of something with no finite form stay without one: `.{2,128}` is one refusal, not 127 paths.
      const stuck = one.map((p) => p.find((a): a is { readonly refuse: string } => typeof a === 'object' && !Array.isArray(a)))
      if (stuck.every((a) => a !== undefined)) {
        const atom = stuck[0] as { readonly refuse: string }
        return n.min === 0 ? [[], [atom]] : [[atom]]
      }
      const out: Path[] = []
      let power: Path[] = [[]]
      for (let k = 0; k <= n.max; k++) {
        if (k >= n.min) out.push(...power)
        budget(out.length)
        if (k < n.max) power = concat(power, one)
      }
      return out
    }
    default:
      return n satisfies never
  }
}

type Item = readonly string[] | { readonly refuse: string }

/** Membership sets of the character sets, built once: `covers` runs for many pairs of paths. */
const SETS = new WeakMap<readonly string[], ReadonlySet<string>>()
function setOf(a: readonly string[]): ReadonlySet<string> {
  let s = SETS.get(a)
  if (s === undefined) {
    s = new Set(a)
    SETS.set(a, s)
  }
  return s
}

interface SetPath {
  readonly anchored: boolean
  readonly anchoredEnd: boolean
  readonly items: readonly Item[]
}

const isSet = (a: Item): a is readonly string[] => Array.isArray(a)
const isAnchor = (a: Atom): a is 'bol' | 'eol' => a === 'bol' || a === 'eol'
const MISPLACED: Readonly<Record<'bol' | 'eol', string>> = {
  bol: '`^` inside the pattern',
  eol: '`$` inside the pattern',
}

/**
 * Leading `^`s anchor the path's start, trailing `$`s its end (no `m` flag). An anchor elsewhere with a character
 * between it and its edge cannot match (`x^y`, `a$b`): the path is dropped; one separated from its edge only by
 * parts that may be empty (`^\s*^a`) stays unconverted.
 */
function anchorPaths(ps: readonly Path[], multiline: boolean): SetPath[] {
  const out: SetPath[] = []
  path: for (const p of ps) {
    if (multiline && p.includes('bol')) no('`^` with the m flag')
    const flat = multiline ? p.map((a) => (a === 'eol' ? { refuse: '`$` with the m flag' } : a)) : p
    let start = 0
    while (flat[start] === 'bol') start++
    let end = flat.length
    while (end > start && flat[end - 1] === 'eol') end--
    const items: Item[] = []
    for (let k = start; k < end; k++) {
      const a = flat[k] as Atom
      if (!isAnchor(a)) {
        items.push(a)
        continue
      }
      const between = a === 'bol' ? flat.slice(start, k) : flat.slice(k + 1, end)
      if (between.some((b) => Array.isArray(b))) continue path
      items.push({ refuse: MISPLACED[a] })
    }
    out.push({ anchored: start > 0, anchoredEnd: end < flat.length, items })
  }
  return out
}

const subset = (a: readonly string[], b: readonly string[]): boolean => {
  if (a === b) return true
  if (a.length > b.length) return false
  const s = setOf(b)
  return a.every((c) => s.has(c))
}

/** True when every match of `q` contains (at an allowed offset, within plain sets) a match of `p`. */
function covers(p: SetPath, q: SetPath): boolean {
  if (!p.items.every(isSet) || p.items.length > q.items.length || (p.anchored && !q.anchored) || (p.anchoredEnd && !q.anchoredEnd)) return false
  const free = q.items.length - p.items.length
  const last = p.anchored ? 0 : free
  for (let j = p.anchoredEnd ? free : 0; j <= last; j++) {
    if (p.items.every((s, i) => {
      const t = q.items[j + i] as Item
      return isSet(t) && subset(t, s as readonly string[])
    })) return true
  }
  return false
}

function minimal<T>(items: readonly T[], size: (t: T) => number, cov: (p: T, q: T) => boolean): T[] {
  const kept: T[] = []
  for (const q of [...items].sort((a, b) => size(a) - size(b))) if (!kept.some((p) => cov(p, q))) kept.push(q)
  return kept
}

function patternCovers(p: KqlPattern, q: KqlPattern): boolean {
  if ((p.anchored && !q.anchored) || (p.anchoredEnd && !q.anchoredEnd)) return false
  if (p.anchored && p.anchoredEnd) return q.literal === p.literal
  if (p.anchored) return q.literal.startsWith(p.literal)
  if (p.anchoredEnd) return q.literal.endsWith(p.literal)
  return q.literal.includes(p.literal)
}

function literals(sets: readonly (readonly string[])[]): string[] {
  return sets.reduce<string[]>((acc, s) => acc.flatMap((x) => s.map((c) => x + c)), [''])
}

const isCased = (c: string): boolean => c.toLowerCase() !== c || c.toUpperCase() !== c

/** The regex as KQL wildcard patterns (at most `limit` of them), or the construct that prevents it. */
export function regexPatterns(regex: string, flags: readonly RegexFlag[], limit: number): RegexPatterns {
  try {
    const parsed = parseRegex(regex)
    const all = new Set<RegexFlag>([...flags, ...parsed.inlineFlags])
    const trimmed = trimEdge(trimEdge(parsed.root, 0), 1)
    // Shorter paths first; at the same length those anchored at the end after the others (then at both ends last)
    // and those with a refusal last: a cover comes before what it covers.
    const anchors = (p: { anchored: boolean; anchoredEnd: boolean }): number => (p.anchoredEnd ? 1 + Number(p.anchored) : 0)
    const size = (p: SetPath): number => 4 * p.items.length + anchors(p) + (p.items.every(isSet) ? 0 : 3)
    const kept: SetPath[] = []
    let count = 0
    for (const q of [...anchorPaths(paths(trimmed), all.has('m'))].sort((a, b) => size(a) - size(b))) {
      if (kept.some((p) => covers(p, q))) continue
      kept.push(q)
      // Kept paths stay kept, so the count only grows: stop as soon as it passes the limit.
      count += q.items.reduce((m, a) => m * (isSet(a) ? a.length : 1), 1)
      if (count > limit) break
    }
    if (kept.length === 0) no('a pattern that can never match')
    const setPaths = kept.map((p) => ({ anchored: p.anchored, anchoredEnd: p.anchoredEnd, sets: p.items.map((a) => (isSet(a) ? a : no(a.refuse))) }))
    if (all.has('i') && setPaths.some((p) => p.sets.some((s) => s.some(isCased)))) {
      no('the i flag on letters (KQL matches keyword fields case-sensitively)')
    }
    if (count > limit) no(`${count > 1e9 ? 'more than a billion' : `at least ${count}`} alternatives (more than the regex_alternatives limit of ${limit})`)
    const patterns = setPaths.flatMap((p) => literals(p.sets).map((literal) => ({ anchored: p.anchored, anchoredEnd: p.anchoredEnd, literal })))
    return { ok: true, patterns: minimal(patterns, (p) => 3 * p.literal.length + anchors(p), patternCovers) }
  } catch (e) {
    if (e instanceof RegexUnsupported) return { ok: false, construct: e.construct }
    throw e
  }
}
