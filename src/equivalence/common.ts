/**
 * What every query evaluator shares: events are read exactly as the Sigma evaluator reads them (src/eval/event.ts,
 * plain JSON, dotted names reach into objects), values are compared as text, wildcards are matched with the
 * evaluator's glob matcher, regexes run on RE2. What a target cannot be evaluated for here (a regex RE2 cannot
 * run, a construct outside the subset) throws `Unevaluable`, which the harness counts apart from agreements.
 */
import { plainEvent, type EventView } from '../eval/event.js'
import { compileGlob, globMatch, type Glob } from '../eval/glob.js'
import { compileRegex } from '../eval/regex.js'
import { parseIp } from '../eval/ip.js'
import { ANY, ONE, type RegexFlag, type StrPart } from '../ir/value.js'
import type { RE2JS } from 're2js'

/** A query that cannot be evaluated here; the reason names the construct. */
export class Unevaluable extends Error {}

/** A compiled query: does it select the event? */
export type QueryMatcher = (event: unknown) => boolean

export const view = (event: unknown): EventView => plainEvent(event)

/** Event scalar → text, as log stores index it; null/objects have no text. */
export const text = (x: unknown): string | undefined =>
  typeof x === 'string' ? x : typeof x === 'number' || typeof x === 'boolean' ? String(x) : undefined

/** The text values of a field (JSON null and objects dropped: they are not indexed/extracted as values). */
export function texts(ev: EventView, field: string): string[] {
  return ev.lookup(field).values.map(text).filter((t): t is string => t !== undefined)
}

export const NUMERIC = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/
export const asNumber = (t: string): number | undefined => (NUMERIC.test(t) ? Number(t) : undefined)

/** A literal/wildcard sequence; `one` = a single-character wildcard. */
export type Pattern = readonly (string | 'any' | 'one')[]

const globCache = new Map<string, Glob>()

/** Whole-value wildcard match (the target's literal parts, `any` = `*`, `one` = `?`). */
export function patternMatch(p: Pattern, value: string, caseInsensitive: boolean): boolean {
  const key = `${caseInsensitive ? 'i' : 'c'}${JSON.stringify(p)}`
  let g = globCache.get(key)
  if (g === undefined) {
    const parts: StrPart[] = p.map((x) => (x === 'any' ? ANY : x === 'one' ? ONE : x))
    g = compileGlob(parts, !caseInsensitive) as Glob
    if (globCache.size > 4096) globCache.clear()
    globCache.set(key, g)
  }
  return globMatch(g, value)
}

/** RE2 regex (Python/PCRE spellings rewritten as the Sigma evaluator does); unsupported → Unevaluable. */
export function regex(pattern: string, flags: readonly RegexFlag[] = []): RE2JS {
  const r = compileRegex(pattern, flags)
  if (!r.ok) throw new Unevaluable(`regex /${pattern}/: ${r.reason}`)
  return r.re
}

const CIDR = /^([0-9a-fA-F:.]+)\/(\d{1,3})$/

/** A CIDR network text (`10.0.0.0/8`, `fe80::/10`) → membership test, or undefined when the text is not one. */
export function cidrTest(t: string): ((ip: string) => boolean) | undefined {
  const m = CIDR.exec(t)
  if (!m) return undefined
  const net = parseIp(m[1] as string)
  const prefix = Number(m[2])
  if (!net || prefix > (net.version === 4 ? 32 : 128)) return undefined
  const shift = BigInt((net.version === 4 ? 32 : 128) - prefix)
  return (ipText) => {
    const ip = parseIp(ipText)
    return ip !== undefined && ip.version === net.version && ip.value >> shift === net.value >> shift
  }
}
