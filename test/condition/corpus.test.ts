/** Every condition in the SigmaHQ corpus parses, to the same tree pySigma builds (fixtures/gen-pysigma-asts.py). */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { parseCondition } from '../../grammars/condition/index.js'
import { and, not, of, or, ref, stripSpans, type Shape } from './strip-spans.js'

interface Case { condition: string; ast: Shape }
const fixture = JSON.parse(readFileSync(new URL('./fixtures/corpus-conditions.json', import.meta.url), 'utf8')) as Case[]

describe('SigmaHQ corpus conditions (pySigma trees)', () => {
  it('has the expected number of distinct conditions', () => {
    expect(fixture.length).toBeGreaterThan(300)
  })

  it.each(fixture.map((c) => [c.condition, c.ast] as const))('%s', (condition, ast) => {
    const r = parseCondition(condition)
    expect(r.diagnostics).toEqual([])
    expect(r.condition && stripSpans(r.condition)).toEqual(ast)
  })

  it('exact trees for a few real conditions', () => {
    const shape = (s: string): Shape | undefined => {
      const c = parseCondition(s).condition
      return c && stripSpans(c)
    }
    expect(shape('selection and not 1 of filter_main_* and not 1 of filter_optional_*')).toEqual(
      and(ref('selection'), not(of('any', 'filter_main_*')), not(of('any', 'filter_optional_*'))))
    expect(shape('( selection_sysmon and not 1 of filter_main_* ) or selection_calltrace')).toEqual(
      or(and(ref('selection_sysmon'), not(of('any', 'filter_main_*'))), ref('selection_calltrace')))
    expect(shape('all of selection_*')).toEqual(of('all', 'selection_*'))
    expect(shape('1 of selection_* and not all of filter_*')).toEqual(and(of('any', 'selection_*'), not(of('all', 'filter_*'))))
  })
})

const RULES = '/work/shared/sigma/rules'
describe.skipIf(!existsSync(RULES))('live corpus (skipped when the shared corpus is not checked out)', () => {
  it('every distinct condition of every rule parses without diagnostics and is in the fixture', () => {
    const known = new Set(fixture.map((c) => c.condition))
    const found = new Set<string>()
    for (const f of readdirSync(RULES, { recursive: true, encoding: 'utf8' })) {
      if (!f.endsWith('.yml')) continue
      for (const doc of parseAllDocuments(readFileSync(join(RULES, f), 'utf8'))) {
        const cond: unknown = (doc.toJS() as { detection?: { condition?: unknown } } | null)?.detection?.condition
        for (const c of Array.isArray(cond) ? cond : cond === undefined ? [] : [cond]) {
          if (typeof c === 'string') found.add(c)
        }
      }
    }
    expect(found.size).toBeGreaterThan(300)
    const failing = [...found].filter((c) => parseCondition(c).diagnostics.length > 0)
    expect(failing).toEqual([])
    expect([...found].filter((c) => !known.has(c))).toEqual([])
  })
})
