#!/usr/bin/env node
/**
 * Corpus benchmark: converts the whole Sigma corpus to every target in the registry, one process per target
 * (the built CLI with --json, stdout to /dev/null; worker threads as the CLI picks them), and parses the same files
 * with plain `yaml` in another process as the baseline (ratio = convert / parse); a js-yaml parse is measured too,
 * for reference. Measures wall time, CPU time (user + system, all threads) and peak RSS (`/usr/bin/time -v` when
 * present, else `process.resourceUsage()` inside the child). Prints a table, writes bench/results.json.
 * CPU time is the figure to compare between runs on a busy machine; wall time needs an idle one.
 *
 *   npm run bench                      (= build + node bench/corpus.mjs)
 *   node bench/corpus.mjs [--corpus DIR] [--targets splunk,kusto] [--runs N]
 */
import { spawn, execFileSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const cli = join(root, 'dist', 'cli.js')
const TIME = '/usr/bin/time'

function option(argv, name, fallback) {
  const i = argv.indexOf(name)
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback
}

/** Every *.yml under dir, sorted like the CLI's directory walk. */
function ymlFiles(dir, rel = '', out = []) {
  const entries = readdirSync(join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const e of entries) {
    const path = rel === '' ? e.name : `${rel}/${e.name}`
    if (e.isDirectory()) ymlFiles(dir, path, out)
    else if (e.isFile() && e.name.endsWith('.yml')) out.push(join(dir, path))
  }
  return out
}

/** Child mode: js-yaml over every file (what a loader without positions pays at least). */
async function parseOnlyJs(dir) {
  const { loadAll } = await import('js-yaml')
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let docs = 0
  const files = ymlFiles(dir)
  for (const f of files) for (const d of loadAll(decoder.decode(readFileSync(f)))) if (d !== null) docs++
  process.stderr.write(`parsed ${files.length} files, ${docs} documents\n`)
}

/** Child mode: the baseline, a plain `yaml` parse of every file (what any loader has to pay at least). */
async function parseOnly(dir) {
  const { parseAllDocuments } = await import('yaml')
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let docs = 0
  const files = ymlFiles(dir)
  for (const f of files) for (const d of parseAllDocuments(decoder.decode(readFileSync(f)))) if (d.toJS() !== null) docs++
  process.stderr.write(`parsed ${files.length} files, ${docs} documents\n`)
}

/** Fallback without /usr/bin/time: run the script in a node that reports its own resource usage on exit. */
const RUSAGE_WRAPPER = `
const { pathToFileURL } = await import('node:url')
const [script, ...args] = JSON.parse(process.env.BENCH_ARGV)
process.argv = [process.argv[0], script, ...args]
process.on('exit', () => process.stderr.write('\\nBENCH_RUSAGE ' + JSON.stringify(process.resourceUsage()) + '\\n'))
await import(pathToFileURL(script).href)
`

/** Runs `node script args…` (stdout discarded) and measures it. */
function measure(script, args, cwd) {
  const useTime = existsSync(TIME)
  const [cmd, argv, env] = useTime
    ? [TIME, ['-v', process.execPath, script, ...args], process.env]
    : [process.execPath, ['--input-type=module', '-e', RUSAGE_WRAPPER], { ...process.env, BENCH_ARGV: JSON.stringify([script, ...args]) }]
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(cmd, argv, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (s) => (stderr += s))
    child.on('error', reject)
    child.on('close', (code) => {
      const wallMs = performance.now() - started
      const rss = useTime ? /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] : /BENCH_RUSAGE (.*)/.exec(stderr)?.[1]
      const rssKb = rss === undefined ? undefined : useTime ? Number(rss) : JSON.parse(rss).maxRSS
      const exit = useTime ? Number(/Exit status: (\d+)/.exec(stderr)?.[1] ?? code) : code
      const usage = useTime ? undefined : rss === undefined ? undefined : JSON.parse(rss)
      const cpuMs = useTime
        ? 1000 * (Number(/User time \(seconds\): ([\d.]+)/.exec(stderr)?.[1] ?? NaN) + Number(/System time \(seconds\): ([\d.]+)/.exec(stderr)?.[1] ?? NaN))
        : usage === undefined ? NaN : (usage.userCPUTime + usage.systemCPUTime) / 1000
      resolve({ wallMs, cpuMs, rssKb, exit, stderr })
    })
  })
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function repeated(runs, script, args, cwd) {
  const all = []
  for (let i = 0; i < runs; i++) all.push(await measure(script, args, cwd))
  const last = all[all.length - 1]
  return { ...last, wallMs: median(all.map((r) => r.wallMs)), cpuMs: median(all.map((r) => r.cpuMs)), rssKb: median(all.map((r) => r.rssKb ?? 0)) || undefined }
}

/** `sigmaport: converted X of Y documents to T; F failed to convert…; N input errors` (printed with --verbose). */
function counts(stderr) {
  const m = /sigmaport: converted (\d+) of (\d+) documents[^\n]*/.exec(stderr)
  const inputErrors = /(\d+) input errors?/.exec(m?.[0] ?? '')
  return m ? { documents: Number(m[2]), ok: Number(m[1]), failed: Number(m[2]) - Number(m[1]), inputErrors: Number(inputErrors?.[1] ?? 0) } : undefined
}

function pad(cells, widths) {
  return cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ')
}

async function main(argv) {
  if (argv[0] === '--parse-only') return parseOnly(argv[1])
  if (argv[0] === '--parse-only-js') return parseOnlyJs(argv[1])
  const corpus = option(argv, '--corpus', join(root, '..', 'shared', 'sigma', 'rules'))
  const runs = Number(option(argv, '--runs', '1'))
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run npm run build (npm run bench does)')
  if (!existsSync(corpus)) throw new Error(`no corpus at ${corpus} (use --corpus DIR)`)
  const all = JSON.parse(execFileSync(process.execPath, [cli, 'list', 'targets', '--json'], { encoding: 'utf8' })).map((t) => t.id)
  const only = option(argv, '--targets', undefined)?.split(',')
  const targets = only ? all.filter((t) => only.includes(t)) : all
  // Run from the corpus' parent so paths read `rules/…`, as in the pySigma reference files.
  const cwd = dirname(corpus)
  const input = basename(corpus)
  const files = ymlFiles(corpus).length

  process.stderr.write(`corpus: ${corpus} (${files} files), ${runs} run(s) each, ${existsSync(TIME) ? TIME + ' -v' : 'process.resourceUsage()'}\n`)
  const parse = await repeated(runs, fileURLToPath(import.meta.url), ['--parse-only', input], cwd)
  if (parse.exit !== 0) throw new Error(`yaml parse baseline failed:\n${parse.stderr}`)
  const parseJs = await repeated(runs, fileURLToPath(import.meta.url), ['--parse-only-js', input], cwd)
  const rows = []
  for (const target of targets) {
    process.stderr.write(`converting to ${target}…\n`)
    const r = await repeated(runs, cli, ['convert', '-t', target, '--json', '--verbose', input], cwd)
    const c = counts(r.stderr)
    // 0 and 1 (some rules unsupported) are normal results for a corpus; anything else is a broken run.
    const broken = r.exit !== 0 && r.exit !== 1
    if (broken) process.stderr.write(`  ${target}: exit ${r.exit}\n${r.stderr.split('\n').slice(-5).join('\n')}\n`)
    rows.push({ target, exit: r.exit, ...(c ?? {}), wallMs: Math.round(r.wallMs), cpuMs: Math.round(r.cpuMs), peakRssKb: r.rssKb ?? null, ratio: Number((r.wallMs / parse.wallMs).toFixed(2)), cpuRatio: Number((r.cpuMs / parse.cpuMs).toFixed(2)) })
  }

  const widths = [14, 9, 7, 7, 8, 7, 8, 11, 8, 8]
  const base = (name, p) => pad([name, files, '', '', (p.wallMs / 1000).toFixed(2), (p.cpuMs / 1000).toFixed(2), (files / (p.wallMs / 1000)).toFixed(0), ((p.rssKb ?? 0) / 1024).toFixed(0), (p.wallMs / parse.wallMs).toFixed(2), (p.cpuMs / parse.cpuMs).toFixed(2)], widths)
  const lines = [
    pad(['target', 'documents', 'ok', 'failed', 'wall s', 'cpu s', 'docs/s', 'peak RSS MB', '× parse', 'cpu × p'], widths),
    base('yaml parse', parse),
    base('js-yaml parse', parseJs),
    ...rows.map((r) => pad([r.target, r.documents ?? '?', r.ok ?? '?', r.failed ?? '?', (r.wallMs / 1000).toFixed(2), (r.cpuMs / 1000).toFixed(2), r.documents ? (r.documents / (r.wallMs / 1000)).toFixed(0) : '?', r.peakRssKb ? (r.peakRssKb / 1024).toFixed(0) : '?', r.ratio.toFixed(2), r.cpuRatio.toFixed(2)], widths)),
  ]
  console.log(lines.join('\n'))
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? '',
    runs,
    // Other work on the machine inflates every number; compare runs made at a similar load.
    loadAverageAtEnd: loadavg().map((x) => Number(x.toFixed(2))),
    corpus: { path: corpus, files },
    measuredWith: existsSync(TIME) ? `${TIME} -v` : 'process.resourceUsage',
    parse: { files, wallMs: Math.round(parse.wallMs), cpuMs: Math.round(parse.cpuMs), peakRssKb: parse.rssKb ?? null },
    parseJsYaml: { files, wallMs: Math.round(parseJs.wallMs), cpuMs: Math.round(parseJs.cpuMs), peakRssKb: parseJs.rssKb ?? null },
    targets: rows,
  }
  writeFileSync(join(root, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n')
  process.stderr.write('wrote bench/results.json\n')
  if (rows.some((r) => r.exit !== 0 && r.exit !== 1)) process.exitCode = 1
}

await main(process.argv.slice(2))
