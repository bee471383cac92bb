/**
 * Batch conversion (src/batch) gives the same results as converting the whole set at once with
 * Converter.convertDocuments, however the files are split into chunks and spread over hosts (threads).
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createConverter } from '../../src/convert.js'
import { createBatchCore, documentResult, loadOne } from '../../src/batch/core.js'
import { localHost, threadHost } from '../../src/batch/hosts.js'
import type { BatchHost } from '../../src/batch/hosts.js'
import { runBatch } from '../../src/batch/run.js'
import type { FileResult, SourceText } from '../../src/batch/types.js'
import { createBatchConverter } from '../../src/batch/convert-directory.js'
import type { SigmaFilter } from '../../src/ir/rule.js'

const ROOT = new URL('../../', import.meta.url).pathname
const CORPUS = new URL('../../../shared/sigma/rules/', import.meta.url).pathname
const FIX = join(ROOT, 'test/cli/fixtures')

const rule = (id: string, title: string, image: string, extra = ''): string =>
  `title: ${title}\nid: ${id}\n${extra}logsource:\n    category: process_creation\n    product: windows\ndetection:\n    sel:\n        Image|endswith: '\\${image}'\n    condition: sel\n`

/** A set where correlations, filters and their rules sit in different files. */
const LINKED: SourceText[] = [
  { file: 'a/corr_first.yml', text: `title: Many B\nid: 00000000-0000-4000-8000-0000000000c1\ncorrelation:\n    type: event_count\n    rules:\n        - rule_b\n    group-by:\n        - User\n    timespan: 5m\n    condition:\n        gte: 3\n` },
  { file: 'a/rule_a.yml', text: rule('00000000-0000-4000-8000-0000000000a1', 'Rule A', 'a.exe') },
  { file: 'b/filter.yml', text: `title: Not admins\nlogsource:\n    category: process_creation\n    product: windows\nfilter:\n    rules:\n        - 00000000-0000-4000-8000-0000000000a1\n    sel:\n        User: admin\n    condition: not sel\n` },
  { file: 'b/rule_b.yml', text: rule('00000000-0000-4000-8000-0000000000b1', 'Rule B', 'b.exe', 'name: rule_b\n') },
  { file: 'c/broken.yml', text: 'title: x\ndetection: [\n' },
  { file: 'c/collection.yml', text: `action: global\nlogsource:\n    category: process_creation\n    product: windows\n---\ntitle: C1\ndetection:\n    sel:\n        Image: c1.exe\n    condition: sel\n---\ntitle: C2\ndetection:\n    sel:\n        Image: c2.exe\n    condition: sel\n` },
  { file: 'd/generated.yml', text: `title: Both\nid: 00000000-0000-4000-8000-0000000000c2\ncorrelation:\n    type: temporal\n    rules:\n        - 00000000-0000-4000-8000-0000000000a1\n        - rule_b\n    timespan: 1m\n    group-by:\n        - Host\ngenerate: true\n` },
]

function ymlFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? ymlFiles(p) : p.endsWith('.yml') ? [p] : []
  })
}

/** The reference: everything loaded, then one convertDocuments call; grouped like runBatch's output. */
function wholeSet(sources: readonly SourceText[], target = 'splunk', extraFilters: readonly SigmaFilter[] = []): FileResult[] {
  const converter = createConverter({ target })
  const loaded = sources.map(loadOne)
  const results = converter.convertDocuments([...loaded.flatMap((l) => l.docs), ...extraFilters]).map(documentResult)
  return sources.map((s, i) => ({ file: s.file, diagnostics: loaded[i]?.diagnostics ?? [], results: results.filter((r) => r.file === s.file) }))
}

async function batch(sources: readonly SourceText[], hosts: BatchHost[], chunkSize: number, target = 'splunk', extraFilters: readonly SigmaFilter[] = []): Promise<FileResult[]> {
  const out: FileResult[] = []
  for await (const f of runBatch(sources, { hosts, converter: createConverter({ target }), chunkSize, extraFilters })) out.push(f)
  await Promise.all(hosts.map((h) => h.close()))
  return out
}

const locals = (n: number, target = 'splunk'): BatchHost[] => Array.from({ length: n }, () => localHost(createBatchCore(createConverter({ target }))))

describe('runBatch = convertDocuments over the whole set', () => {
  it.each([
    [1, 1], [1, 100], [2, 1], [3, 2], [4, 3],
  ])('linked set (correlations, filters, collections across files) with %i hosts, chunks of %i files', async (hosts, chunk) => {
    const expected = wholeSet(LINKED)
    // The set really is linked: correlations convert, rule B is generated (`generate: true`), the filter changes rule A.
    const titles = expected.flatMap((f) => f.results).map((r) => `${r.title}:${r.ok}`)
    expect(titles).toEqual(['Many B:true', 'Rule A:true', 'Rule B:true', 'C1:true', 'C2:true', 'Both:true'])
    expect(expected[1]?.results[0]?.queries[0]).toContain('admin')
    expect(expected[4]?.diagnostics.some((d) => d.severity === 'error')).toBe(true)
    expect(await batch(LINKED, locals(hosts), chunk)).toEqual(expected)
  })

  it('keeps --filter documents (applied after the inputs\' own filters)', async () => {
    const extra = loadOne({ file: 'f.yml', text: readFileSync(join(FIX, 'filter_whoami.yml'), 'utf8') }).docs as SigmaFilter[]
    const sources = ymlFiles(join(FIX, 'rules')).map((p) => ({ file: relative(FIX, p), text: readFileSync(p, 'utf8') }))
    const r = await batch(sources, locals(2), 1, 'splunk', extra)
    expect(r).toEqual(wholeSet(sources, 'splunk', extra))
    expect(r[0]?.results[0]?.queries[0]).toContain('NOT User="admin"')
  })

  it('600 corpus rules to two targets, two hosts', async () => {
    const sources = ymlFiles(CORPUS).slice(0, 600).map((p) => ({ file: relative(CORPUS, p), text: readFileSync(p, 'utf8') }))
    for (const target of ['splunk', 'kusto']) {
      expect(await batch(sources, locals(2, target), 50, target)).toEqual(wholeSet(sources, target))
    }
  }, 120_000)
})

describe('worker threads', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { stdio: 'pipe' })
  })

  it('threadHost (dist/cli.js as the worker entry) gives the same results', async () => {
    const script = new URL('../../dist/cli.js', import.meta.url)
    const hosts = [threadHost(script, { kind: 'options', options: { target: 'splunk' } }), threadHost(script, { kind: 'options', options: { target: 'splunk' } })]
    expect(await batch(LINKED, hosts, 2)).toEqual(wholeSet(LINKED))
  }, 60_000)

  it('a worker that cannot build its converter fails the batch with the reason', async () => {
    const script = new URL('../../dist/cli.js', import.meta.url)
    await expect(batch(LINKED, [threadHost(script, { kind: 'options', options: { target: 'nope' } })], 2)).rejects.toThrow(/unknown target 'nope'/)
  }, 60_000)

  it('createBatchConverter with workers uses them and yields files in order', async () => {
    const batchConv = createBatchConverter({ target: 'splunk' })
    const files: string[] = []
    const progress: string[] = []
    for await (const f of batchConv.convertSources(LINKED, { workers: 2, workerScript: new URL('../../dist/cli.js', import.meta.url), onProgress: (p) => progress.push(p.phase) })) files.push(f.file)
    expect(files).toEqual(LINKED.map((s) => s.file))
    expect(progress).toContain('load')
    expect(progress).toContain('convert')
  }, 60_000)
})
