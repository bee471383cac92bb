/** Check findings as text lines (`file:line:col: severity validator: message [key]`) and a summary by validator. */
import type { CheckReport } from '../run.js'
import type { Finding } from '../types.js'

export function findingLine(f: Finding): string {
  const where = [f.file, f.line, f.column].filter((x) => x !== undefined).join(':')
  return `${where === '' ? '' : where + ': '}${f.severity} ${f.validator}: ${f.message}${f.key === undefined ? '' : ` [${f.key}]`}`
}

export function summaryCounts(r: CheckReport): { total: number; bySeverity: Record<string, number>; byValidator: Record<string, number> } {
  const bySeverity: Record<string, number> = {}
  const byValidator: Record<string, number> = {}
  for (const f of r.findings) {
    bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1
    byValidator[f.validator] = (byValidator[f.validator] ?? 0) + 1
  }
  return { total: r.findings.length, bySeverity, byValidator }
}

export function textReport(r: CheckReport): string {
  const lines = r.findings.map(findingLine)
  const s = summaryCounts(r)
  const top = Object.entries(s.byValidator).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([v, n]) => `  ${String(n).padStart(6)}  ${v}`)
  const head = `sigmaport check: ${r.documents} documents in ${r.files.length} files, ${s.total} finding${s.total === 1 ? '' : 's'}`
  const sev = (['error', 'high', 'medium', 'low'] as const).filter((k) => s.bySeverity[k]).map((k) => `${s.bySeverity[k]} ${k}`).join(', ')
  return [...lines, ...(lines.length > 0 ? [''] : []), head + (sev === '' ? '' : ` (${sev})`), ...top].join('\n') + '\n'
}
