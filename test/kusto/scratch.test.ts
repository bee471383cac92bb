import { it } from 'vitest'
import { readReference, ruleText } from './corpus.js'
import { loadSigma } from '../../src/sigma/load.js'
import { createConverter } from '../../src/convert.js'
import { kusto } from '../../backends/kusto/backend.js'
it('x', () => {
  const ref = readReference('microsoft_xdr')
  let t0 = Date.now()
  const docs = ref.map((r) => loadSigma(ruleText(r.path), { file: r.path }).documents)
  console.log('load', Date.now() - t0)
  t0 = Date.now()
  const docs2 = ref.map((r) => loadSigma(ruleText(r.path), { file: r.path }).documents)
  console.log('load2', Date.now() - t0, docs2.length)
  for (const p of [[], ['microsoft_xdr'], ['sentinel_asim'], ['azure_monitor']]) {
    const c = createConverter({ target: kusto, pipelines: p })
    t0 = Date.now()
    for (const d of docs) c.convertDocuments(d)
    console.log(p, Date.now() - t0)
  }
}, 120000)
