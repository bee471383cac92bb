import { createPool } from './src/server/pool.js'
const rule = 'title: t\nlogsource: {product: windows, category: process_creation}\ndetection:\n  sel:\n    Image|endswith: "\\\\whoami.exe"\n    CommandLine|contains: /priv\n  condition: sel\n'
const pool = createPool({ workerFile: '/tmp/sp-worker.mjs', maxQueue: 1000, deadlineMs: 10000, heapMb: 256 })
const task = { mode: 'translate' as const, rule, target: 'splunk', pipelines: [], maxOutputBytes: 1e6 }
await Promise.all(Array.from({ length: 4 }, () => pool.run(task)))
for (let k = 0; k < 3; k++) {
  const t = performance.now()
  let n = 0
  await Promise.all(Array.from({ length: 50 }, async () => { for (let i = 0; i < 10; i++) { const r = await pool.run(task); if (r.ok) n++ } }))
  console.log('500 tasks', (performance.now() - t).toFixed(0), 'ms', n)
}
await pool.close()
