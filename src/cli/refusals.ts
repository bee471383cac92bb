/**
 * The end-of-run summary of what was not converted and why: rules grouped by diagnostic code, most frequent
 * first, each with its count, a typical message and a few of the rule files.
 */
import type { DocumentResult } from '../batch/types.js'

export interface Refusal {
  readonly code: string
  readonly count: number
  readonly message: string
  readonly files: readonly string[]
}

const EXAMPLES = 3

export function refusals(results: readonly DocumentResult[]): Refusal[] {
  const groups = new Map<string, { count: number; message: string; files: string[] }>()
  for (const r of results) {
    if (r.ok) continue
    const d = r.diagnostics.find((x) => x.severity === 'error') ?? r.diagnostics[0]
    const code = d?.code ?? 'unknown'
    const g = groups.get(code) ?? { count: 0, message: d?.message ?? 'failed', files: [] }
    g.count++
    if (g.files.length < EXAMPLES) g.files.push(r.file)
    groups.set(code, g)
  }
  return [...groups].map(([code, g]) => ({ code, ...g })).sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1))
}

export function formatRefusals(list: readonly Refusal[], skipped: boolean): string {
  if (list.length === 0) return ''
  const total = list.reduce((n, r) => n + r.count, 0)
  const lines = list.map((r) => {
    const more = r.count > r.files.length ? `, … ${r.count - r.files.length} more` : ''
    return `  ${String(r.count).padStart(5)}  ${r.code}: ${r.message} (${r.files.join(', ')}${more})`
  })
  return `sigmaport: ${total} document${total === 1 ? '' : 's'} not converted${skipped ? ' (skipped: -s)' : ''}, by reason:\n${lines.join('\n')}\n`
}
