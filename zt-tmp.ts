import { createConverter } from './src/convert.js'
import { loadSigma } from './src/sigma/load.js'
import { parseYaml } from './src/sigma/yaml.js'
const c = createConverter({ target: 'splunk' })
const keys = Array.from({ length: 6000 }, (_, i) => `k${i}: 1`).join('\n')
const rule = 'title: t\nlogsource: {product: windows}\ndetection:\n  sel:\n    a: b\n  condition: sel\n' + keys + '\n'
const rule2 = 'title: t\nlogsource: {product: windows}\ndetection:\n  sel:\n' + keys.replace(/^/gm, '    ') + '\n  condition: sel\n'
for (let i = 0; i < 3; i++) {
  for (const [n, r] of [['top', rule], ['sel', rule2]] as const) {
    let t = performance.now(); parseYaml(r, 'x'); const ty = performance.now() - t
    t = performance.now(); const l = loadSigma(r); const tl = performance.now() - t
    t = performance.now(); const x = c.convertText(r, 'x'); const tc = performance.now() - t
    console.log(n, r.length, 'yaml', ty.toFixed(0), 'load', tl.toFixed(0), 'convert', tc.toFixed(0), l.diagnostics.length, x.results[0]?.ok)
  }
}
