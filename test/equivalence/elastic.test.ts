/**
 * Issue 10, equivalence (lucene, elastic-kql): for every corpus rule, boundary events drawn by fast-check get the same answer
 * from the Sigma reference evaluator and from an evaluator of the backend's query, or the difference is a documented
 * limit (docs/EQUIVALENCE.md). Prints per target: rules checked, events tried, limits, disagreements.
 */
import { beforeAll, describe, it } from 'vitest'
import { hasCorpus, type CorpusRule } from './corpus.js'
import { corpusRules } from './harness.js'
import { checkTarget } from './run-target.js'
import { luceneTarget, kqlTarget } from './targets.js'

let rules: CorpusRule[] = []

describe.skipIf(!hasCorpus)('equivalence over the corpus', () => {
  beforeAll(() => {
    rules = corpusRules()
  }, 120_000)
  it('lucene', () => void checkTarget(luceneTarget, rules), 120_000)
  it('elastic-kql', () => void checkTarget(kqlTarget, rules), 120_000)
})
