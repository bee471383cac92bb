/**
 * SigmaHQ regression data: every rule named in `regression_data/rules/**\/info.yml` must match the events
 * exported beside it (the `.evtx` originals are left out; the `.json` export holds the same events), read as
 * `sigmaport test` reads them: no options, no pipelines. SigmaHQ's own runner (tests/regression_tests_runner.py)
 * passes a rule when it fires at all and does not check `match_count`; some exports hold more matching events
 * than their `match_count` (e.g. registry_set_change_security_zones: 3 events, all matching, count 1), so
 * `match_count` (default 1) is a lower bound here. Evaluation diagnostics fail the case too.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { formatDiagnostic } from '../../src/diagnostics.js'
import { ruleMatcher } from '../../src/eval/evaluate.js'
import { parseEvents } from '../../src/eval/parse-events.js'
import { loadSigma } from '../../src/sigma/load.js'

const SHARED = fileURLToPath(new URL('../../../shared/sigma/', import.meta.url))
const RULES = join(SHARED, 'rules')
const DATA = join(SHARED, 'regression_data')

function files(dir: string, suffix: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) return files(p, suffix)
    return p.endsWith(suffix) ? [p] : []
  })
}

interface Case {
  readonly info: string
  readonly ruleId: string
  readonly eventsFile: string
  readonly expected: number
}

function cases(): Case[] {
  const out: Case[] = []
  for (const info of files(join(DATA, 'rules'), 'info.yml').sort()) {
    const doc = parse(readFileSync(info, 'utf8')) as {
      rule_metadata: { id: string }[]
      regression_tests_info?: { path: string; match_count?: number }[]
    }
    for (const t of doc.regression_tests_info ?? []) {
      for (const r of doc.rule_metadata) {
        // `path` names the .evtx original relative to the sigma repository root; the JSON export sits beside it.
        const eventsFile = join(SHARED, t.path.replace(/\.evtx$/, '.json'))
        out.push({ info: relative(DATA, info), ruleId: r.id, eventsFile, expected: t.match_count ?? 1 })
      }
    }
  }
  return out
}

function ruleFiles(): Map<string, string> {
  const byId = new Map<string, string>()
  for (const f of files(RULES, '.yml')) {
    const m = /^id:\s*(\S+)/m.exec(readFileSync(f, 'utf8'))
    if (m) byId.set(m[1] as string, f)
  }
  return byId
}

describe.skipIf(!existsSync(DATA))('SigmaHQ regression data', () => {
  it('every named rule matches its events', () => {
    const byId = ruleFiles()
    const all = cases()
    const misses: string[] = []
    let matched = 0
    let events = 0
    let eventHits = 0
    for (const c of all) {
      const ruleFile = byId.get(c.ruleId)
      if (ruleFile === undefined) {
        misses.push(`${c.info}: rule ${c.ruleId} not in the corpus`)
        continue
      }
      const loaded = loadSigma(readFileSync(ruleFile, 'utf8'), { file: relative(RULES, ruleFile) })
      const rule = loaded.documents[0]
      if (rule?.kind !== 'rule') {
        misses.push(`${c.info}: ${ruleFile} did not load: ${loaded.diagnostics.map(formatDiagnostic).join('; ')}`)
        continue
      }
      const parsed = parseEvents(readFileSync(c.eventsFile, 'utf8'), { file: c.eventsFile })
      const match = ruleMatcher(rule)
      const results = parsed.events.map(match)
      const hits = results.filter((r) => r.match).length
      events += parsed.events.length
      eventHits += hits
      const problems = [...parsed.diagnostics, ...results.flatMap((r) => r.diagnostics)].map(formatDiagnostic)
      if (hits >= c.expected && problems.length === 0) matched++
      else misses.push(`${c.info}: ${rule.title} matched ${hits} of ${parsed.events.length} events, expected at least ${c.expected}${problems.length ? ` (${problems.join('; ')})` : ''}`)
    }
    console.log(`regression data: ${matched}/${all.length} rules match their events (${eventHits}/${events} events matched)`)
    if (misses.length) console.log(misses.join('\n'))
    expect(all.length).toBeGreaterThan(150)
    expect(misses).toEqual([])
  })
})
