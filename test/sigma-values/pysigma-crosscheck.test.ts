/**
 * Every case in pysigma-cases.json was run through pySigma's SigmaDetectionItem.from_mapping
 * (regenerate with pysigma-cases.py). We must produce the same values, link and negation, or an error
 * where pySigma raises one — except for the documented, deliberate differences below.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildDetectionItem } from '../../src/sigma/modifiers.js'
import { flatten, norm } from './normalise.js'
import type { Norm } from './normalise.js'

interface Case {
  key: string
  value: unknown
  link?: 'and' | 'or'
  negated?: boolean
  values?: Norm[]
  error?: string
  message?: string
}

const cases = JSON.parse(readFileSync(new URL('./pysigma-cases.json', import.meta.url), 'utf8')) as Case[]

/** Deliberate differences from pySigma, each with its reason. */
const DIFFERENT: Record<string, string> = {
  'a|utf16le': 'the spec names utf16le; pySigma only knows wide — we accept both',
  'a|windash|base64offset|contains: "-x"':
    "pySigma slices base64offset fragments by character count, not byte count, so non-ASCII (here the en dash) keeps characters that depend on neighbouring bytes; we use the byte length as SIGMA-NOTES §3.4 says",
}

describe('pySigma cross-check', () => {
  it('has the generated cases', () => expect(cases.length).toBeGreaterThan(150))
  for (const c of cases) {
    const name = `${c.key}: ${JSON.stringify(c.value)}`
    if (DIFFERENT[c.key] ?? DIFFERENT[name]) continue
    it(name, () => {
      const r = buildDetectionItem(c.key, c.value, { line: 3, column: 5 })
      const errors = r.diagnostics.filter((d) => d.severity === 'error')
      if (c.error) {
        expect(r.item, `pySigma: ${c.error}: ${c.message}`).toBeUndefined()
        expect(errors.length).toBeGreaterThan(0)
        expect(errors[0]).toMatchObject({ line: 3, column: 5, key: c.key })
        return
      }
      expect(errors).toEqual([])
      expect(r.item).toBeDefined()
      expect(r.item!.link).toBe(c.link)
      expect(r.item!.negated).toBe(c.negated)
      expect(r.item!.values.map((v) => flatten(norm(v)))).toEqual(c.values!.map(flatten))
    })
  }
})
