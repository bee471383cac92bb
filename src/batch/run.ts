/**
 * The coordinator of a batch: files are loaded in chunks by the hosts (in parallel), then every host converts the
 * rules it holds under one plan (all filters; rules referenced by correlations are handed back), and correlations
 * are converted here together with the rules they reference. Results come out file by file in input order and are
 * the same as converting the whole set at once with `Converter.convertDocuments`.
 */
import type { Converter } from '../convert.js'
import type { SigmaCorrelation, SigmaDocument, SigmaFilter } from '../ir/rule.js'
import { convertSet, isReferenced } from './core.js'
import type { BatchHost } from './hosts.js'
import type { ConvertPlan, ConvertedPart, DocumentResult, FileLoad, FileResult, Progress, SourceText } from './types.js'

export interface BatchRun {
  /** At least one; each loads and converts a share of the chunks. */
  readonly hosts: readonly BatchHost[]
  /** Converts correlations with the rules they reference, in the calling thread. */
  readonly converter: Converter
  /** Filters from outside the inputs (`--filter`), applied after the inputs' own filters. */
  readonly extraFilters?: readonly SigmaFilter[]
  /** Files per chunk (default 32). */
  readonly chunkSize?: number
  readonly onProgress?: (p: Progress) => void
}

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** Runs jobs on the hosts, each host taking the next job when it is free; results by job index. */
async function spread<T>(hosts: readonly BatchHost[], jobs: number, run: (host: BatchHost, hostIndex: number, job: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array<T>(jobs)
  let next = 0
  await Promise.all(hosts.map(async (h, i) => {
    while (next < jobs) {
      const job = next++
      out[job] = await run(h, i, job)
    }
  }))
  return out
}

const byPosition = (order: ReadonlyMap<string, number>) => (a: { file: string; document: number }, b: { file: string; document: number }): number =>
  (order.get(a.file) ?? Infinity) - (order.get(b.file) ?? Infinity) || a.document - b.document

const docKey = (d: SigmaDocument): { file: string; document: number } => ({ file: d.source.file ?? '', document: d.source.document })

export async function* runBatch(sources: readonly SourceText[], run: BatchRun): AsyncGenerator<FileResult> {
  if (run.hosts.length === 0) throw new Error('runBatch needs at least one host')
  const chunks = chunksOf(sources, Math.max(1, run.chunkSize ?? 32))
  const total = sources.length
  const order = new Map<string, number>()
  sources.forEach((s, i) => { if (!order.has(s.file)) order.set(s.file, i) })

  // Phase 1: load everywhere; remember which host holds which chunk.
  const owner: number[] = []
  let loaded = 0
  const loads = await spread(run.hosts, chunks.length, async (h, hi, c) => {
    owner[c] = hi
    const r = await h.load(c, chunks[c] ?? [])
    loaded += r.length
    run.onProgress?.({ phase: 'load', done: loaded, total })
    return r
  })

  // The plan: filters in set order, then --filter ones; everything correlations reference.
  const allLoads = loads.flat()
  const linked = allLoads.flatMap((l) => l.linked)
  const filters: SigmaDocument[] = [...linked.filter((d): d is SigmaFilter => d.kind === 'filter'), ...(run.extraFilters ?? [])]
  const correlations = linked.filter((d): d is SigmaCorrelation => d.kind === 'correlation')
  const referenced = new Set(correlations.flatMap((c) => c.rules))
  const plan: ConvertPlan = { filters, referenced: [...referenced] }
  const waitsForLinked = (l: FileLoad): boolean =>
    l.linked.some((d) => d.kind === 'correlation') || l.ruleKeys.some(([id, name]) => isReferenced({ ...(id === undefined ? {} : { id }), ...(name === undefined ? {} : { name }) }, referenced))

  // Phase 2: each host converts the chunks it loaded (in parallel across hosts).
  let converted = 0
  const parts: Promise<ConvertedPart>[] = chunks.map((chunk, c) => {
    const host = run.hosts[owner[c] ?? 0] as BatchHost
    return host.convert(c, plan).then((p) => {
      converted += chunk.length
      run.onProgress?.({ phase: 'convert', done: converted, total })
      return p
    })
  })
  // Correlations with the rules they reference, once every host has handed those back.
  const linkedResults: Promise<DocumentResult[]> = correlations.length === 0
    ? Promise.resolve([])
    : Promise.all(parts).then((ps) => {
        const docs = [...correlations, ...ps.flatMap((p) => p.held)].sort((a, b) => byPosition(order)(docKey(a), docKey(b)))
        return convertSet(run.converter, [...docs, ...filters])
      })
  // A rejected promise nobody awaits yet must not become an unhandled rejection.
  linkedResults.catch(() => {})
  parts.forEach((p) => p.catch(() => {}))

  for (let c = 0; c < chunks.length; c++) {
    const part = await (parts[c] as Promise<ConvertedPart>)
    const fileLoads = loads[c] ?? []
    const extra = fileLoads.some(waitsForLinked) ? await linkedResults : []
    for (const l of fileLoads) {
      const results = [...part.results, ...extra].filter((r) => r.file === l.file).sort(byPosition(order))
      yield { file: l.file, diagnostics: l.diagnostics, results }
    }
  }
}
