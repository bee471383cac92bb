/**
 * Correlation output against pySigma (Splunk and ES|QL), from fixtures/pysigma-expected.json (regenerate with
 * fixtures/pysigma.py). Where pySigma converts, our output must be identical unless the case is a listed deviation;
 * where pySigma refuses, the case must be listed (we either convert it or refuse it ourselves).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { FIXTURES, convertYaml, fixturePipeline, readCase } from './helpers.js'

interface Expected { ok: boolean; queries?: string[]; error?: string }
const expected = JSON.parse(readFileSync(`${FIXTURES}pysigma-expected.json`, 'utf8')) as Record<string, Expected>

/** Cases where we deliberately differ from pySigma, with why. */
const DEVIATIONS: Readonly<Record<string, string>> = {
  'generate_true|esql': 'pySigma leaves a referenced rule that is also generated without its FROM clause (it skips finalizing correlation subqueries); we emit the complete query',
  'nested|esql': 'pySigma pastes the inner correlation after `where` (invalid ES|QL); we refuse nested correlations in ES|QL',
  'temporal_aliases|esql': 'both refuse: ES|QL combines all rules in one query, so per-rule field renaming is impossible',
  'temporal_extended|esql': 'pySigma refuses; we render the boolean condition over values(event_type) with mv functions',
  'temporal_ordered|splunk': 'pySigma refuses; we enforce the order with streamstats inside each time bucket',
  'temporal_ordered_two|splunk': 'pySigma refuses; we enforce the order with streamstats inside each time bucket',
  'temporal_ordered|esql': 'both refuse: ES|QL has no way to check the order of three or more rules',
  'temporal_ordered_two|esql': 'pySigma refuses; with two rules we compare the first time of one with the last of the other per bucket',
  'value_sum|splunk': 'pySigma refuses; sum() in stats', 'value_sum|esql': 'pySigma refuses; sum() in STATS',
  'value_avg|splunk': 'pySigma refuses; avg() in stats', 'value_avg|esql': 'pySigma refuses; avg() in STATS',
  'value_percentile|splunk': 'pySigma refuses; percN() in stats', 'value_percentile|esql': 'pySigma refuses; percentile() in STATS',
  'value_median|splunk': 'pySigma refuses; median() in stats', 'value_median|esql': 'pySigma refuses; median() in STATS',
}

describe('correlations: identical to pySigma where it converts', () => {
  for (const [key, exp] of Object.entries(expected)) {
    const [name, target, pipeline] = key.split('|') as [string, string, string]
    const deviation = DEVIATIONS[`${name}|${target}`]
    it(`${key}${deviation ? ' (deviation)' : ''}`, () => {
      const got = convertYaml(readCase(name), target, pipeline === 'none' ? {} : { pipelines: [fixturePipeline(pipeline)] })
      if (deviation !== undefined) {
        expect(exp.ok && got.ok && JSON.stringify(got.queries) === JSON.stringify(exp.queries), `listed deviation is identical now: ${key}`).toBe(false)
        return
      }
      expect(exp.ok, `pySigma refused (${exp.error ?? ''}); list it in DEVIATIONS`).toBe(true)
      expect(got.errors.map((e) => e.message)).toEqual([])
      expect(got.queries).toEqual(exp.queries)
    })
  }
})
