/** Every corpus rule that converts, as the native `_search` body (`dsl`), is valid against the query DSL schema. */
import { describe, expect, it } from 'vitest'
import { hasShared, validateFormat } from './corpus.js'

describe.skipIf(!hasShared)('native query DSL over the corpus', () => {
  it.each(['lucene', 'elastic-kql'] as const)('%s dsl', (target) => {
    const r = validateFormat(target, 'dsl', 'ecs_windows')
    console.log(`${target} dsl: ${r.converted}/${r.rules} rules convert, ${r.bodies} bodies, ${r.invalid.length} invalid`)
    expect(r.invalid.slice(0, 5)).toEqual([])
    expect(r.converted).toBeGreaterThan(3000)
  }, 120_000)
})
