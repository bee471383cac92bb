/**
 * pySigma-backend-elasticsearch's own test cases (shared/reference/pysigma-tests) as a table: rule file,
 * pipelines, format → pySigma's output. Where pySigma is wrong (deviations.json), the table holds our answer.
 */
import { describe, expect, it } from 'vitest'
import { readFileSync, existsSync } from 'node:fs'
import { createConverter } from '../../src/convert.js'
import { loadPipeline } from '../../src/pipeline/load.js'
import type { Backend } from '../../src/backend.js'
import type { Pipeline } from '../../src/pipeline/types.js'
import { SHARED } from '../conformance/harness.js'
import { lucene } from '../../backends/lucene/backend.js'
import { esql } from '../../backends/esql/backend.js'
import { eql } from '../../backends/eql/backend.js'

interface Case {
  case: string
  backend: 'lucene' | 'esql' | 'eql'
  pipelines: string[]
  format: string
  rule_file: string
  ok: boolean
  queries?: unknown[]
  error_message?: string
}

const BACKENDS: Record<Case['backend'], Backend> = { lucene, esql, eql }
const ROOT = SHARED + 'reference/pysigma-tests/'

/** Our output where pySigma's is wrong for the target (see backends/<id>/deviations.json, kind `regex`). */
const OURS: Readonly<Record<string, readonly unknown[]>> = {
  'test_backend_elasticsearch_lucene::test_lucene_regex_query': ['fieldA:/.*foo.*bar.*/ AND fieldB:foo'],
  'test_backend_elasticsearch_lucene::test_lucene_regex_query_escaped_input': ['fieldA:/.*127\\.0\\.0\\.1:[1-9]\\d{3}.*/ AND fieldB:foo AND fieldC:/.*foo\\/bar.*/'],
  'test_backend_elasticsearch_esql::test_elasticsearch_esql_regex_query': ['from * metadata _id, _index, _version | where fieldA rlike ".*foo.*bar.*" and fieldB=="foo"'],
  'test_backend_elasticsearch_eql::test_eql_regex_query': ['any where fieldA regex """.*foo.*bar.*""" and fieldB:"foo"'],
  'test_backend_elasticsearch_eql::test_eql_regex_query_escaped_input': ['any where fieldA regex """.*127\\.0\\.0\\.1:[1-9]\\d{3}.*""" and fieldB:"foo" and fieldC regex """.*foo/bar.*"""'],
  'test_backend_elasticsearch_lucene_connect::TestConnectElasticsearch::test_connect_lucene_regex_query': [
    { query: { bool: { must: [{ query_string: { query: 'fieldA:/.*foo.*bar.*/ AND fieldB:foo', analyze_wildcard: true } }] } } },
  ],
  'test_backend_elasticsearch_esql_connect::TestConnectElasticsearch::test_connect_esql_regex_query': ['from * metadata _id, _index, _version | where fieldA rlike ".*foo.*bar.*" and fieldB=="foo"'],
  'test_backend_elasticsearch_eql_connect::TestConnectElasticsearch::test_connect_eql_regex_query': [{ query: 'any where fieldA regex """.*foo.*bar.*""" and fieldB:"foo"' }],
}

function readCases(file: string): (Case & { dir: string })[] {
  const p = ROOT + file
  if (!existsSync(p)) return []
  const dir = p.slice(0, p.lastIndexOf('/') + 1)
  return readFileSync(p, 'utf8').trim().split('\n').map((l) => ({ ...(JSON.parse(l) as Case), dir }))
}

const cases = ['lucene.jsonl', 'esql.jsonl', 'eql.jsonl', 'supplement-es-connect/lucene.jsonl', 'supplement-es-connect/esql.jsonl', 'supplement-es-connect/eql.jsonl'].flatMap(readCases)

function pipelinesOf(c: Case & { dir: string }): (string | Pipeline)[] {
  return c.pipelines.map((p) => {
    if (!p.endsWith('.yml')) return p
    const { pipeline, diagnostics } = loadPipeline(readFileSync(c.dir + p, 'utf8'), p)
    if (!pipeline) throw new Error(diagnostics.map((d) => d.message).join('; '))
    return pipeline
  })
}

const norm = (q: unknown): unknown => (typeof q === 'string' ? q.trim() : q)

describe.skipIf(cases.length === 0)('pySigma Elastic backend test cases', () => {
  it.each(cases.map((c) => [c.case, c] as const))('%s', (_name, c) => {
    const conv = createConverter({ target: BACKENDS[c.backend], pipelines: pipelinesOf(c), withoutPipeline: true, format: c.format })
    const { results } = conv.convertText(readFileSync(c.dir + c.rule_file, 'utf8'), c.rule_file)
    const ok = results.length > 0 && results.every((r) => r.ok)
    if (!c.ok) {
      expect(ok).toBe(false)
      return
    }
    const diagnostics = results.flatMap((r) => r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message))
    expect(diagnostics).toEqual([])
    const expected = OURS[c.case] ?? c.queries ?? []
    expect(results.flatMap((r) => r.queries).map(norm)).toEqual(expected.map(norm))
  })
})
