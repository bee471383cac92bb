/**
 * Python `re` patterns and replacement templates on JavaScript RegExp. Pipelines are written for
 * pySigma, so their regexes use Python syntax: `(?P<name>…)`, `(?P=name)`, leading `(?i)`,
 * `\A`/`\Z`, and `re.sub` templates with `\1` and `\g<name>`.
 */

export class PyRegexError extends Error {}

/** Translate a Python pattern; throws PyRegexError for constructs JavaScript cannot express. */
export function pyToJs(pattern: string): { source: string; flags: string } {
  let flags = ''
  let i = 0
  let out = ''
  // Global inline flags at the start: (?aiLmsux)
  const lead = /^\(\?([aiLmsux]+)\)/.exec(pattern)
  if (lead) {
    for (const f of lead[1] ?? '') {
      if (f === 'i' || f === 'm' || f === 's') flags += flags.includes(f) ? '' : f
      else if (f === 'x' || f === 'L') throw new PyRegexError(`inline flag '${f}' is not supported`)
    }
    i = lead[0].length
  }
  let inClass = false
  while (i < pattern.length) {
    const c = pattern[i] as string
    if (c === '\\') {
      const n = pattern[i + 1]
      if (n === undefined) throw new PyRegexError('bad escape (end of pattern)')
      if (!inClass && n === 'A') out += '^'
      else if (!inClass && n === 'Z') out += '$(?![\\s\\S])'
      else out += c + n
      i += 2
      continue
    }
    if (inClass) {
      if (c === ']') inClass = false
      out += c
      i++
      continue
    }
    if (c === '[') {
      inClass = true
      out += c
      i++
      // a `]` right after `[` or `[^` is literal in Python
      if (pattern[i] === '^') out += pattern[i++]
      if (pattern[i] === ']') {
        out += '\\]'
        i++
      }
      continue
    }
    if (pattern.startsWith('(?P<', i)) {
      out += '(?<'
      i += 4
      continue
    }
    if (pattern.startsWith('(?P=', i)) {
      const end = pattern.indexOf(')', i)
      if (end < 0) throw new PyRegexError('missing ), unterminated name')
      out += `\\k<${pattern.slice(i + 4, end)}>`
      i = end + 1
      continue
    }
    if (pattern.startsWith('(?', i) && /^\(\?[aiLmsux-]+[:)]/.test(pattern.slice(i)))
      throw new PyRegexError('scoped inline flags are not supported')
    out += c
    i++
  }
  return { source: out, flags }
}

/** Compile a Python pattern (throws PyRegexError with the engine's message on invalid syntax). */
export function compilePy(pattern: string, extraFlags = ''): RegExp {
  const { source, flags } = pyToJs(pattern)
  try {
    return new RegExp(source, [...new Set(flags + extraFlags)].join(''))
  } catch (e) {
    throw new PyRegexError(e instanceof Error ? e.message : String(e))
  }
}

/** Derived sticky / global variants, built once per compiled pattern. */
const variants = new WeakMap<RegExp, { sticky?: RegExp; global?: RegExp }>()

function variant(re: RegExp, kind: 'sticky' | 'global'): RegExp {
  let v = variants.get(re)
  if (!v) variants.set(re, (v = {}))
  return (v[kind] ??= new RegExp(re.source, re.flags.replace(/[gy]/g, '') + (kind === 'sticky' ? 'y' : 'g')))
}

/** Python `re.match`: anchored at the start only. */
export function pyMatch(re: RegExp, s: string): RegExpExecArray | null {
  const sticky = variant(re, 'sticky')
  sticky.lastIndex = 0
  return sticky.exec(s)
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', b: '\b', '\\': '\\',
}

/** Validate a `re.sub` template up front (Python rejects unknown letter escapes). */
export function checkTemplate(template: string): void {
  expandTemplate(template, null)
}

function expandTemplate(template: string, m: RegExpExecArray | null): string {
  let out = ''
  for (let i = 0; i < template.length; i++) {
    const c = template[i] as string
    if (c !== '\\') {
      out += c
      continue
    }
    const n = template[i + 1]
    if (n === undefined) throw new PyRegexError('bad escape (end of pattern)')
    if (n === 'g') {
      const g = /^<([^>]*)>/.exec(template.slice(i + 2))
      if (!g) throw new PyRegexError('missing < in group reference')
      const ref = g[1] ?? ''
      out += m ? groupText(m, /^\d+$/.test(ref) ? Number(ref) : ref) : ''
      i += 2 + g[0].length - 1
    } else if (/\d/.test(n)) {
      const d = /^\d{1,2}/.exec(template.slice(i + 1))?.[0] ?? n
      if (n === '0' || /^[0-7]{3}/.test(template.slice(i + 1))) {
        const oct = /^[0-7]{1,3}/.exec(template.slice(i + 1))?.[0] ?? '0'
        out += String.fromCharCode(parseInt(oct, 8))
        i += oct.length
      } else {
        out += m ? groupText(m, Number(d)) : ''
        i += d.length
      }
    } else if (n in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[n]
      i++
    } else if (/[A-Za-z]/.test(n)) {
      throw new PyRegexError(`bad escape \\${n}`)
    } else {
      out += '\\' + n
      i++
    }
  }
  return out
}

function groupText(m: RegExpExecArray, ref: number | string): string {
  if (typeof ref === 'number') {
    if (ref >= m.length) throw new PyRegexError(`invalid group reference ${ref}`)
    return m[ref] ?? ''
  }
  if (!m.groups || !(ref in m.groups)) throw new PyRegexError(`unknown group name '${ref}'`)
  return m.groups[ref] ?? ''
}

/** Python `re.sub(pattern, template, s)`. */
export function pySub(re: RegExp, template: string, s: string): string {
  const g = variant(re, 'global')
  let out = ''
  let last = 0
  for (const m of s.matchAll(g)) {
    out += s.slice(last, m.index) + expandTemplate(template, m as RegExpExecArray)
    last = (m.index ?? 0) + m[0].length
  }
  return out + s.slice(last)
}

const PY_ESCAPED = new Set([...' #$&()*+-.?[\\]^{|}~\t\n\r\v\f'])

/** Python `re.escape`. */
export function pyEscape(s: string): string {
  let out = ''
  for (const c of s) out += PY_ESCAPED.has(c) ? '\\' + c : c
  return out
}

/** Named groups of a Python pattern in order of appearance. */
export function groupNames(pattern: string): string[] {
  return [...pattern.matchAll(/\(\?P<([^>]+)>/g)].map((m) => m[1] ?? '')
}
