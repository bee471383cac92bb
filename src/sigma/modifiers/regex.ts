/**
 * `re` values (SIGMA-NOTES §3.7): pySigma validates them with Python's `re`. We cannot run Python, so we
 * reject what Python rejects that is easy to see (unknown `\letter` escapes, misplaced global flags,
 * `(?<name>`), translate Python-only syntax to JavaScript and let `RegExp` judge the rest.
 */

// Escapes Python knows; any other `\` + ASCII letter is "bad escape".
const KNOWN_OUTSIDE = new Set('abBdDfnrsStvwWAZuUxN')
const KNOWN_INSIDE = new Set('abdDfnrsStvwWuUxN')

/** Returns undefined if the pattern is valid, otherwise the reason. */
export function checkRegex(pattern: string): string | undefined {
  let js = ''
  let inClass = false
  let i = 0
  while (i < pattern.length) {
    const c = pattern[i]!
    if (c === '\\') {
      const n = pattern[i + 1]
      if (n === undefined) return 'bad escape (end of pattern)'
      if (/[A-Za-z]/.test(n) && !(inClass ? KNOWN_INSIDE : KNOWN_OUTSIDE).has(n)) return `bad escape \\${n} at position ${i}`
      if (n === 'x' && !/^[0-9a-fA-F]{2}$/.test(pattern.slice(i + 2, i + 4))) return `incomplete escape \\x at position ${i}`
      if (n === 'u' && !/^[0-9a-fA-F]{4}$/.test(pattern.slice(i + 2, i + 6))) return `incomplete escape \\u at position ${i}`
      // Python-only escapes become something JavaScript accepts with the same width.
      js += n === 'A' ? '^' : n === 'Z' ? '$' : n === 'U' || n === 'N' ? 'x' : c + n
      i += 2
      continue
    }
    if (inClass) {
      if (c === ']') inClass = false
      js += c
      i++
      continue
    }
    if (c === '[') {
      inClass = true
      js += c
      // A `]` (after an optional `^`) right after `[` is literal in Python.
      let j = i + 1
      if (pattern[j] === '^') js += pattern[j++]!
      if (pattern[j] === ']') {
        js += '\\]'
        j++
      }
      i = j
      continue
    }
    if (c === '(' && pattern[i + 1] === '?') {
      const rest = pattern.slice(i + 2)
      const flags = /^([aiLmsux]+)\)/.exec(rest)
      if (flags) {
        if (i !== 0 && !/^(\(\?[aiLmsux]+\))+$/.test(pattern.slice(0, i))) return `global flags not at the start of the expression at position ${i}`
        i += 2 + flags[0].length
        continue
      }
      const scoped = /^[aiLmsux]*(-[imsx]+)?:/.exec(rest)
      if (scoped && scoped[0] !== ':') {
        js += '(?:'
        i += 2 + scoped[0].length
        continue
      }
      if (rest.startsWith('P<')) {
        js += '(?<'
        i += 4
        continue
      }
      const backref = /^P=(\w+)\)/.exec(rest)
      if (backref) {
        js += `\\k<${backref[1]!}>`
        i += 2 + backref[0].length
        continue
      }
      if (rest.startsWith('#')) {
        const end = pattern.indexOf(')', i)
        if (end < 0) return 'missing ), unterminated comment'
        i = end + 1
        continue
      }
      if (rest.startsWith('>')) {
        js += '(?:'
        i += 3
        continue
      }
      if (rest.startsWith('<') && !rest.startsWith('<=') && !rest.startsWith('<!')) return `unknown extension ?<${rest[1] ?? ''} at position ${i}`
    }
    // Possessive quantifiers (Python 3.11+): drop the `+`.
    if (c === '+' && /[*+?}]/.test(pattern[i - 1] ?? '') && pattern[i - 2] !== '\\' && js.length > 0) {
      const prev = js[js.length - 1]
      if (prev === '*' || prev === '+' || prev === '?' || prev === '}') {
        i++
        continue
      }
    }
    js += c
    i++
  }
  try {
    new RegExp(js)
    return undefined
  } catch (e) {
    return e instanceof Error ? e.message.replace(/^Invalid regular expression: /, '') : String(e)
  }
}

/** `contains`/`startswith`/`endswith` on a regex: add `.*` where pySigma adds it. */
export function wrapRegex(regex: string, start: boolean, end: boolean): string {
  let r = regex
  if (start && !regex.startsWith('.*') && !regex.startsWith('^')) r = '.*' + r
  if (end && !regex.endsWith('.*') && !regex.endsWith('$')) r = r + '.*'
  return r
}
