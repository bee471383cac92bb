/**
 * Filters (SIGMA-NOTES §6) with the reference evaluator: an event the rule matches and the filter excludes is dropped,
 * every other event keeps its verdict; a filter applies only to rules whose logsource it contains (and that it names).
 * Also through the converter (query text) and the CLI `--filter`.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { createConverter } from '../../src/convert.js'
import { evaluateRule } from '../../src/eval/index.js'
import type { SigmaFilter, SigmaRule } from '../../src/ir/rule.js'
import { applyFilters, filterApplies } from '../../src/sigma/filters.js'
import { loadSigma } from '../../src/sigma/load.js'
import { build, cli } from '../cli/run-cli.js'

const DIR = fileURLToPath(new URL('./fixtures/', import.meta.url))
const RULES = readFileSync(DIR + 'rules.yml', 'utf8')

const rules = loadSigma(RULES, { file: 'rules.yml' }).documents as SigmaRule[]
const filterDoc = (logsource: string, rulesLine: string, selection: string, condition = 'not selection'): SigmaFilter => {
  const first = condition.includes('sel_*') ? 'sel_admin' : 'selection'
  const r = loadSigma(`title: F
logsource: ${logsource}
filter:
    rules: ${rulesLine}
    ${first}:
${selection}
    condition: ${condition}
`, { file: 'filter.yml' })
  if (r.diagnostics.some((d) => d.severity === 'error')) throw new Error(r.diagnostics.map((d) => d.message).join('; '))
  return r.documents[0] as SigmaFilter
}

const EVENTS = {
  cmdFromExplorer: { Image: 'C:\\Windows\\System32\\cmd.exe', ParentImage: 'C:\\Windows\\explorer.exe', User: 'alice' },
  cmdFromService: { Image: 'C:\\Windows\\System32\\cmd.exe', ParentImage: 'C:\\Windows\\System32\\services.exe', User: 'SYSTEM' },
  cmdByAdmin: { Image: 'C:\\Windows\\System32\\cmd.exe', ParentImage: 'C:\\Windows\\System32\\services.exe', User: 'admin' },
  powershell: { Image: 'C:\\Windows\\System32\\powershell.exe', ParentImage: 'C:\\Windows\\explorer.exe', User: 'alice' },
  whoami: { Image: '/usr/bin/whoami', ParentImage: '/bin/bash', User: 'root' },
} as const
type EventName = keyof typeof EVENTS

/** Names of the events each rule matches, after the filters. */
function verdicts(filters: readonly SigmaFilter[]): Record<string, EventName[]> {
  const filtered = applyFilters(rules, filters) as SigmaRule[]
  return Object.fromEntries(filtered.map((r) => [r.name ?? r.title, (Object.keys(EVENTS) as EventName[]).filter((e) => evaluateRule(r, EVENTS[e]).match)]))
}

const EXPLORER = "        ParentImage|endswith: '\\explorer.exe'"
const WINDOWS = '{product: windows, category: process_creation}'

describe('filters exclude exactly what they should (evaluator)', () => {
  const baseline = verdicts([])
  it('baseline: what the rules match without filters', () => {
    expect(baseline).toEqual({ cmd_started: ['cmdFromExplorer', 'cmdFromService', 'cmdByAdmin'], linux_whoami: ['whoami'] })
  })

  const table: readonly { name: string; filter: () => SigmaFilter; expected: Record<string, EventName[]> }[] = [
    { name: 'matching logsource, rules: any → drops only the excluded event', filter: () => filterDoc(WINDOWS, 'any', EXPLORER),
      expected: { cmd_started: ['cmdFromService', 'cmdByAdmin'], linux_whoami: ['whoami'] } },
    { name: 'filter names the rule by name', filter: () => filterDoc(WINDOWS, '[cmd_started]', EXPLORER),
      expected: { cmd_started: ['cmdFromService', 'cmdByAdmin'], linux_whoami: ['whoami'] } },
    { name: 'filter names another rule → not applied', filter: () => filterDoc(WINDOWS, '[some_other_rule]', EXPLORER), expected: baseline },
    { name: 'logsource of another product → not applied', filter: () => filterDoc('{product: linux}', 'any', EXPLORER), expected: baseline },
    { name: 'filter logsource with an attribute the rule lacks → not applied', filter: () => filterDoc('{product: windows, service: security}', 'any', EXPLORER), expected: baseline },
    { name: 'filter logsource less specific (product only) → applied to the windows rule only', filter: () => filterDoc('{product: windows}', 'any', "        User: admin"),
      expected: { cmd_started: ['cmdFromExplorer', 'cmdFromService'], linux_whoami: ['whoami'] } },
    { name: 'filter with several identifiers and `1 of sel_*` (the pattern is prefixed too)', filter: () => filterDoc(WINDOWS, 'any', "        User: admin\n    sel_system:\n        User: SYSTEM", 'not 1 of sel_*'),
      expected: { cmd_started: ['cmdFromExplorer'], linux_whoami: ['whoami'] } },
  ]
  for (const t of table) it(t.name, () => expect(verdicts([t.filter()])).toEqual(t.expected))

  it('two filters both apply, each under its own prefix (identifier names may clash)', () => {
    const v = verdicts([filterDoc(WINDOWS, 'any', EXPLORER), filterDoc(WINDOWS, 'any', '        User: admin')])
    expect(v).toEqual({ cmd_started: ['cmdFromService'], linux_whoami: ['whoami'] })
  })

  it('filterApplies follows logsource containment and rule references', () => {
    const f = filterDoc(WINDOWS, '[cmd_started]', EXPLORER)
    expect(rules.map((r) => filterApplies(f, r))).toEqual([true, false])
  })
})

describe('filters in conversion', () => {
  it('a filter document in the input changes only the rules it applies to', () => {
    const conv = createConverter({ target: 'splunk', withoutPipeline: true })
    const { results } = conv.convertText(`${RULES}\n---\n${readFileSync(DIR + 'explorer-filter.yml', 'utf8')}`, 'rules.yml')
    expect(results.map((r) => r.queries[0])).toEqual(['Image="*\\\\cmd.exe" NOT ParentImage="*\\\\explorer.exe"', 'Image="*/whoami"'])
  })

  it('filters never apply to correlations, but do to the rules they reference', () => {
    const conv = createConverter({ target: 'splunk', withoutPipeline: true })
    const { results } = conv.convertText(`${RULES}\n---\n${readFileSync(DIR + 'explorer-filter.yml', 'utf8')}\n---
title: Many cmd
correlation:
    type: event_count
    rules: cmd_started
    timespan: 5m
    condition: {gte: 5}
`, 'rules.yml')
    expect(results.at(-1)?.queries[0]).toBe('Image="*\\\\cmd.exe" NOT ParentImage="*\\\\explorer.exe"\n\n| bin _time span=5m\n| stats count as event_count by _time\n\n| search event_count >= 5')
  })
})

describe('CLI --filter', () => {
  beforeAll(build, 120_000)
  it('applies a filter file to matching rules only', async () => {
    const r = await cli(['convert', '-t', 'splunk', '--without-pipeline', 'rules.yml', '--filter', 'explorer-filter.yml'], { cwd: DIR })
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe('Image="*\\\\cmd.exe" NOT ParentImage="*\\\\explorer.exe"\n\nImage="*/whoami"\n')
  })
})
