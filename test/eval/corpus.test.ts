/** Every SigmaHQ corpus rule evaluates: all its regexes run on RE2, and no rule throws on any event shape. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { formatDiagnostic } from '../../src/diagnostics.js'
import { ruleMatcher } from '../../src/eval/evaluate.js'
import { compileRegex } from '../../src/eval/regex.js'
import type { Expr } from '../../src/ir/expr.js'
import type { Value } from '../../src/ir/value.js'
import { loadSigma } from '../../src/sigma/load.js'
import { ruleExprs } from '../../src/sigma/resolve.js'

const RULES = fileURLToPath(new URL('../../../shared/sigma/rules/', import.meta.url))

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n)
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.yml') ? [p] : []
  })

const values = (v: Value): Value[] => (v.type === 'expansion' ? v.values.flatMap(values) : [v])
function leaves(e: Expr): Value[] {
  switch (e.kind) {
    case 'and':
    case 'or':
      return e.args.flatMap(leaves)
    case 'not':
      return leaves(e.arg)
    case 'field':
    case 'keyword':
      return values(e.value)
  }
}

const EVENTS: readonly unknown[] = [
  {},
  { Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: 'cmd /c whoami', EventID: 4688, DestinationIp: '10.0.0.1' },
  { Event: { System: { EventID: 1, Channel: 'Security' }, EventData: { Image: 'x', CommandLine: '' } } },
  'a bare string',
  null,
]

describe.skipIf(!existsSync(RULES))('SigmaHQ corpus', () => {
  it('every regex runs on the linear-time engine and every rule evaluates without problems', () => {
    let regexes = 0
    const problems: string[] = []
    for (const f of files(RULES)) {
      const rule = loadSigma(readFileSync(f, 'utf8'), { file: relative(RULES, f) }).documents[0]
      if (rule?.kind !== 'rule') continue
      for (const e of ruleExprs(rule))
        for (const v of e ? leaves(e) : [])
          if (v.type === 're') {
            regexes++
            const c = compileRegex(v.regex, v.flags)
            if (!c.ok) problems.push(`${f}: ${v.regex}: ${c.reason}`)
          }
      const match = ruleMatcher(rule)
      for (const ev of EVENTS) problems.push(...match(ev).diagnostics.map(formatDiagnostic))
    }
    console.log(`corpus: ${regexes} regular expressions compiled on RE2`)
    expect(regexes).toBeGreaterThan(100)
    expect(problems).toEqual([])
  })
})
