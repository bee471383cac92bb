/**
 * Sigma `re` values on RE2 (re2js): linear time whatever the pattern or the event, so no rule can hang
 * the evaluator. Sigma regexes are written for PCRE/Python; the few spellings RE2 lacks but can express
 * are rewritten (`\Z`, `\uXXXX`, `{,n}`); what RE2 cannot run (backreferences, lookaround, atomic groups,
 * possessive quantifiers) is reported, never approximated.
 */
import { RE2JS } from 're2js'
import type { RegexFlag } from '../ir/value.js'

export type CompiledRegex = { readonly ok: true; readonly re: RE2JS } | { readonly ok: false; readonly reason: string }

const FLAG_BITS: Readonly<Record<RegexFlag, number>> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
}

/** Python/PCRE spellings → RE2 spellings with the same meaning. */
export function toRe2Syntax(pattern: string): string {
  let out = ''
  let inClass = false
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string
    if (c === '\\') {
      const n = pattern[i + 1] ?? ''
      const hex4 = /^[0-9a-fA-F]{4}$/.test(pattern.slice(i + 2, i + 6))
      if (n === 'Z' && !inClass) out += '\\z'
      else if (n === 'u' && hex4) {
        out += `\\x{${pattern.slice(i + 2, i + 6)}}`
        i += 4
      } else if (n === 'U' && /^[0-9a-fA-F]{8}$/.test(pattern.slice(i + 2, i + 10))) {
        out += `\\x{${pattern.slice(i + 2, i + 10)}}`
        i += 8
      } else out += c + n
      i++
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
      // `]` right after `[` or `[^` is a literal in Python and RE2 alike; copy it so it does not close the class.
      if (pattern[i + 1] === '^') out += pattern[++i]
      if (pattern[i + 1] === ']') out += pattern[++i]
      continue
    }
    if (c === '{' && /^\{,\d+\}/.test(pattern.slice(i))) {
      out += '{0,'
      i++
      continue
    }
    out += c
  }
  return out
}

const cache = new Map<string, CompiledRegex>()
const CACHE_MAX = 2048

/** Compile once per (pattern, flags); rules are evaluated against many events. */
export function compileRegex(pattern: string, flags: readonly RegexFlag[]): CompiledRegex {
  const key = `${flags.join('')}/${pattern}`
  const hit = cache.get(key)
  if (hit) return hit
  let result: CompiledRegex
  try {
    const bits = flags.reduce((acc, f) => acc | FLAG_BITS[f], 0)
    result = { ok: true, re: RE2JS.compile(toRe2Syntax(pattern), bits) }
  } catch (e) {
    const message = e instanceof Error ? e.message.replace(/^error parsing regexp: /, '') : String(e)
    result = { ok: false, reason: unsupportedReason(message) }
  }
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string)
  cache.set(key, result)
  return result
}

function unsupportedReason(message: string): string {
  if (/\(\?[=!]|\(\?<[=!]/.test(message)) return `lookaround is not supported by the linear-time regex engine (${message})`
  if (/invalid escape sequence: `\\[1-9]/.test(message) || /\(\?P=/.test(message)) return `backreferences are not supported by the linear-time regex engine (${message})`
  if (/\(\?>|`[*+?}]\+`/.test(message)) return `atomic groups and possessive quantifiers are not supported by the linear-time regex engine (${message})`
  return message
}
