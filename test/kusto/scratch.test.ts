import { it } from 'vitest'
import { KustoRenderer } from '../../backends/kusto/render.js'
import { stringLiterals, syntaxErrors, literalValue } from './kql.js'
it('x', () => {
  const r = new KustoRenderer({ deferred: [], pipelineState: {}, options: {}, scratch: {} })
  for (const s of ['$$\u0000', '$\u0000', '\u0000']) {
  const q = `T\n| where ${r.finish(r.render({ kind: 'keyword', value: { type: 'str', parts: [s], cased: false } }))}`
  console.log(JSON.stringify(q), syntaxErrors(q), stringLiterals(q).map(literalValue).map((x) => JSON.stringify(x)))
  }
})
