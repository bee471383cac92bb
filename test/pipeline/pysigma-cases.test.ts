/**
 * Every transformation and condition type against pySigma itself: each case is a real rule and a
 * pipeline YAML; `expected` is what pySigma produced (fixtures/pysigma-cases.json, regenerate with
 * `python3 fixtures/gen.py` — see fixtures/cases.py for the inputs).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { SigmaRule } from '../../src/ir/rule.js'
import { SigmaError } from '../../src/diagnostics.js'
import { describeRun, run, rule } from './helpers.js'

interface Case {
  readonly name: string
  readonly rule: string
  readonly pipeline: string
  readonly expected: string
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/pysigma-cases.json', import.meta.url), 'utf8')) as {
  rules: Record<string, string>
  cases: Case[]
}

/** pySigma lists unmapped fields in Python set order (hash-seeded); we list them as they occur. */
const sortUnmapped = (s: string): string => s.replace(/(not mapped: )(.*)$/, (_m, p: string, l: string) => p + l.split(', ').sort().join(', '))

describe('pipelines give pySigma results', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const doc = rule(fixture.rules[c.rule] as string)
    let got: string
    try {
      const out = run(doc, c.pipeline)
      got = describeRun(out.doc as SigmaRule, out.state)
    } catch (e) {
      if (!(e instanceof SigmaError)) throw e
      got = `ERROR: ${e.message}`
    }
    if (c.expected.startsWith('ERROR: ') && c.name === 'convert_type: num fails')
      // pySigma puts the transformation's repr into this message; we name the transformation instead.
      expect(got).toBe("ERROR: Value 'adm*' can't be converted to number for ConvertTypeTransformation(target_type='num')")
    else expect(sortUnmapped(got)).toBe(sortUnmapped(c.expected))
  })
})
