/**
 * File-name patterns for directory recursion (`-P/--file-pattern`), as sigma-cli applies them:
 * pathlib's `rglob` of `**` + '/' + pattern — the pattern matches the last path segments of each file.
 */

/** One glob segment (`*`, `?`, `[abc]`, `[!abc]`) → an anchored RegExp. */
function segmentRegExp(segment: string): RegExp {
  let out = ''
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] as string
    if (c === '*') out += '[^/]*'
    else if (c === '?') out += '[^/]'
    else if (c === '[') {
      const end = segment.indexOf(']', i + 2)
      if (end < 0) {
        out += '\\['
        continue
      }
      const body = segment.slice(i + 1, end)
      const negated = body.startsWith('!')
      const chars = (negated ? body.slice(1) : body).replace(/[\\\]^]/g, '\\$&')
      out += `[${negated ? '^' : ''}${chars}]`
      i = end
    } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
  }
  return new RegExp(`^${out}$`, 'u')
}

export type PathMatcher = (relativePath: string) => boolean

/** A matcher for '/'-separated paths relative to the directory being searched. */
export function fileMatcher(pattern: string): PathMatcher {
  const segments = pattern.split('/').filter((s) => s !== '' && s !== '**').map(segmentRegExp)
  return (relativePath) => {
    const parts = relativePath.split('/')
    if (parts.length < segments.length) return false
    const tail = parts.slice(parts.length - segments.length)
    return segments.every((re, i) => re.test(tail[i] as string))
  }
}
