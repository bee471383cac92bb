/** Structural checks of generated correlation queries (no SIEM here): balanced brackets and quotes, pipe shapes. */

/** Brackets balance outside string literals; quotes close. Returns the problems found. */
export function bracketProblems(q: string): string[] {
  const stack: string[] = []
  const pairs: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' }
  let quote: string | null = null
  for (let i = 0; i < q.length; i++) {
    const ch = q[i] as string
    if (quote !== null) {
      if (ch === '\\') i++
      else if (ch === quote) quote = null
      continue
    }
    if (ch === '"' || ch === "'") quote = ch
    else if ('([{'.includes(ch)) stack.push(ch)
    else if (ch in pairs) {
      if (stack.pop() !== pairs[ch]) return [`unbalanced '${ch}' at ${i}`]
    }
  }
  return [...(quote !== null ? ['unterminated string'] : []), ...(stack.length > 0 ? [`unclosed '${stack.join('')}'`] : [])]
}

/** Splunk: every non-empty line after the first search is a pipe command or a multisearch subsearch. */
export function splunkProblems(q: string): string[] {
  const out = bracketProblems(q)
  const lines = q.split('\n').filter((l) => l !== '')
  const multi = lines[0] === '| multisearch'
  const body = multi ? lines.slice(1) : lines.slice(1)
  for (const l of body) {
    if (l.startsWith('| ')) continue
    if (multi && /^\[ search .* \]$/.test(l)) continue
    out.push(`unexpected line: ${l}`)
  }
  if (multi && lines.filter((l) => l.startsWith('[ search ')).length < 2) out.push('multisearch needs two subsearches')
  return out
}

/** ES|QL: one FROM, then `| command …` segments with known commands. */
export function esqlProblems(q: string): string[] {
  const out = bracketProblems(q)
  if (!/^from \S+/.test(q)) out.push('does not start with FROM')
  const commands = q.replace(/"(?:[^"\\]|\\.)*"/g, '""').split(/\s\|\s|\n\|\s/).slice(1).map((s) => s.trim().split(/\s/)[0])
  for (const c of commands) if (!['where', 'eval', 'stats'].includes(c ?? '')) out.push(`unknown command ${c}`)
  return out
}

/** EQL sequence: header with maxspan, then two or more `[any where …]` steps. */
export function eqlProblems(q: string): string[] {
  const out = bracketProblems(q)
  const [head, ...steps] = q.split('\n')
  if (!/^sequence( by [^\n]+)? with maxspan=\d+(ms|s|m|h|d)$/.test(head ?? '')) out.push(`bad header: ${head}`)
  if (steps.length < 2) out.push('a sequence needs two steps')
  for (const s of steps) if (!/^ {2}\[any where .+\]( by .+)?$/.test(s)) out.push(`bad step: ${s}`)
  return out
}
