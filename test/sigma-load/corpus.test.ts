import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatDiagnostic } from '../../src/diagnostics.js'
import { loadSigmaFiles } from '../../src/sigma/load.js'

const ROOT = '/work/shared/sigma/rules'

function ymlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) return ymlFiles(p)
    return p.endsWith('.yml') ? [p] : []
  })
}

describe('SigmaHQ corpus', () => {
  it('loads every rule with zero errors', () => {
    const files = ymlFiles(ROOT).sort().map((p) => ({ path: relative(ROOT, p), text: readFileSync(p, 'utf8') }))
    expect(files.length).toBe(3141)
    const { documents, diagnostics } = loadSigmaFiles(files)
    const errors = diagnostics.filter((d) => d.severity === 'error')
    expect(errors.slice(0, 20).map(formatDiagnostic)).toEqual([])
    expect(documents.length).toBe(3141)
    expect(documents.every((d) => d.kind === 'rule')).toBe(true)
    // every rule has a parsed condition per condition text, and no legacy warnings slipped into errors
    for (const d of documents) {
      if (d.kind !== 'rule') continue
      expect(d.conditions.length).toBe(d.conditionText.length)
      expect(d.date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    }
    const warnings = diagnostics.filter((d) => d.severity === 'warning')
    const byCode = new Map<string, number>()
    for (const w of warnings) byCode.set(w.code, (byCode.get(w.code) ?? 0) + 1)
    console.log('corpus warnings by code', Object.fromEntries(byCode))
  })
})
