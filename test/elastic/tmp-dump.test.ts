import { it } from 'vitest'
import { writeFileSync } from 'node:fs'
import { runConformance } from '../conformance/harness.js'
import { lucene } from '../../backends/lucene/backend.js'
import { esql } from '../../backends/esql/backend.js'
import { eql } from '../../backends/eql/backend.js'
it('dump', () => {
  const out: Record<string, unknown> = {}
  for (const [name, target, p] of [['lucene', lucene, []], ['lucene_ecs_windows', lucene, ['ecs_windows']], ['esql', esql, []], ['esql_ecs_windows', esql, ['ecs_windows']], ['eql', eql, []], ['eql_ecs_windows', eql, ['ecs_windows']]] as const) {
    out[name] = runConformance(name, { target, pipelines: [...p], withoutPipeline: true }, []).mismatches
  }
  writeFileSync('/tmp/mismatches.json', JSON.stringify(out))
}, 300000)
