import { describe, it, expect } from 'vitest'
import { createConverter } from '../../src/convert.js'
import { kusto } from '../../backends/kusto/backend.js'

const rule = `title: t
logsource: {category: process_creation, product: windows}
detection:
  sel:
    Image|endswith: '\\powershell.exe'
    CommandLine|contains: [' -enc ', ' -EncodedCommand ']
  filter:
    User: 'NT AUTHORITY\\SYSTEM'
  condition: sel and not filter
`
describe('smoke', () => {
  it('converts', () => {
    for (const p of [[], ['microsoft_xdr']]) {
      const c = createConverter({ target: kusto, pipelines: p })
      const { results, diagnostics } = c.convertText(rule, 'r.yml')
      console.log(JSON.stringify(results.map((r) => [r.ok, r.queries, r.diagnostics])), diagnostics)
    }
    expect(1).toBe(1)
  })
})
