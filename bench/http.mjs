#!/usr/bin/env node
/**
 * npm run bench:http — load benchmark of POST /api/v1/translate with wrk (Debian package `wrk`) on 127.0.0.1.
 * Bundles the current sources (server + worker, as dist/ does), starts the service with auth off, rate limits
 * out of the way and the security log off, then runs `wrk -t2 -c50 --latency` with a typical rule.
 * Prints requests/s and p50/p99 and exits 1 on any non-2xx response or socket error.
 * Options: --duration 10s --connections 50 --threads 2 --keep (leave the bundle in node_modules/.cache).
 */
import { execFile, spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i >= 0 ? process.argv[i + 1] : dflt }
const duration = arg('duration', '10s')
const connections = arg('connections', '50')
const threads = arg('threads', '2')

// A typical SigmaHQ-style rule: ~1 KB, two selections, modifiers, a filter (the corpus median is 1.1 KB).
const RULE = `title: Suspicious Process Discovery With Whoami
id: 502b42de-4306-40b4-9596-6f590c81f073
status: test
description: Detects the execution of whoami with privilege or group enumeration flags, often run by attackers after gaining access.
references:
    - https://example.org/whoami
author: sigmaport bench
date: 2026-11-28
tags:
    - attack.discovery
    - attack.t1033
logsource:
    category: process_creation
    product: windows
detection:
    selection_img:
        - Image|endswith: '\\whoami.exe'
        - OriginalFileName: 'whoami.exe'
    selection_cli:
        CommandLine|contains:
            - '/priv'
            - '-priv'
            - '/groups'
            - '-groups'
            - '/all'
    filter_admin:
        ParentImage|startswith: 'C:\\Program Files\\Monitoring\\'
    condition: all of selection_* and not filter_admin
falsepositives:
    - Administrative scripts
level: high
`

const sh = (cmd, args) => new Promise((resolve) => execFile(cmd, args, { maxBuffer: 1 << 20 }, (err, stdout, stderr) => resolve({ err, stdout, stderr })))
const freePort = () => new Promise((resolve) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)) }) })

async function main() {
  if ((await sh('wrk', ['--version'])).err?.code === 'ENOENT') {
    console.error('bench:http: wrk is not installed (apt-get install -y wrk)')
    process.exit(2)
  }
  const out = join(root, 'node_modules', '.cache', 'sigmaport-bench')
  mkdirSync(out, { recursive: true })
  await build({
    entryPoints: { server: join(root, 'src/server/main.ts'), worker: join(root, 'src/server/worker.ts') },
    bundle: true, platform: 'node', format: 'esm', target: 'node20', outdir: out, logLevel: 'warning',
    external: ['piscina'], // piscina loads its own worker bootstrap from its package directory
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  })
  const config = join(out, 'bench-config.json')
  writeFileSync(config, JSON.stringify({ rateLimit: { requests: { limit: 1e9, windowMs: 60000 } }, log: { security: 'off' }, limits: { maxQueue: 1024 } }))
  const port = await freePort()
  const server = spawn(process.execPath, [join(out, 'server.js'), '--config', config], { env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] })
  const url = `http://127.0.0.1:${port}`
  try {
    for (let i = 0; ; i++) {
      try { if ((await fetch(`${url}/healthz`)).ok) break } catch { /* not up yet */ }
      if (i > 100) throw new Error('server did not start')
      await new Promise((r) => setTimeout(r, 100))
    }
    const body = JSON.stringify({ rule: RULE, target: 'splunk' })
    // The first conversions wait for the workers' warm-up; retry briefly.
    for (let i = 0; ; i++) {
      const check = await fetch(`${url}/api/v1/translate`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })
      if (check.ok) break
      if (i > 20) throw new Error(`translate failed: ${check.status} ${await check.text()}`)
      await new Promise((r) => setTimeout(r, 500))
    }
    const script = join(out, 'post.lua')
    writeFileSync(script, `wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = ${JSON.stringify(body)}\n`)
    // Warm-up (JIT, worker threads), then the measured run.
    await sh('wrk', ['-t2', '-c10', '-d2s', '-s', script, `${url}/api/v1/translate`])
    const r = await sh('wrk', [`-t${threads}`, `-c${connections}`, `-d${duration}`, '--timeout', '5s', '--latency', '-s', script, `${url}/api/v1/translate`])
    if (r.err) throw new Error(`wrk failed: ${r.stderr}`)
    const text = r.stdout
    const ms = (label) => {
      const m = new RegExp(`^\\s*${label}%\\s+([\\d.]+)(us|ms|s)`, 'm').exec(text)
      if (!m) return NaN
      return Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1)
    }
    const summary = {
      endpoint: 'POST /api/v1/translate (splunk)',
      ruleBytes: Buffer.byteLength(RULE),
      connections: Number(connections),
      duration,
      cores: (await import('node:os')).availableParallelism(),
      requestsPerSec: Number(/Requests\/sec:\s+([\d.]+)/.exec(text)?.[1]),
      p50ms: ms('50'),
      p99ms: ms('99'),
      non2xx: Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(text)?.[1] ?? 0),
      socketErrors: /Socket errors: (.*)/.exec(text)?.[1] ?? 'none',
      load: (await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' '),
    }
    console.log(text)
    console.log(JSON.stringify(summary, null, 2))
    const target = summary.requestsPerSec >= 1000 && summary.p99ms < 100
    console.log(`target (>= 1000 translations/s, p99 < 100 ms on 2 cores): ${target ? 'met' : 'NOT met'}`)
    if (summary.non2xx > 0 || summary.socketErrors !== 'none') process.exitCode = 1
  } finally {
    server.kill('SIGTERM')
  }
}

main().catch((e) => { console.error(`bench:http: ${e.message}`); process.exit(1) })
