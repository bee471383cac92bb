/**
 * Every correlation type on every target: the exact text for what pySigma cannot produce (the parity test covers
 * what it can), a structural check of every query, and a refusal naming type and target where a target cannot
 * express a type. Kusto queries also go through Microsoft's Kusto parser and analyser.
 */
import { describe, expect, it } from 'vitest'
import type { Backend } from '../../src/backend.js'
import { kusto } from '../../backends/kusto/backend.js'
import { kustoCorrelation } from '../../backends/kusto/correlation.js'
import { SCHEMAS } from '../../backends/kusto/schema/index.js'
import { globalsFor, semanticErrors, syntaxErrors } from '../kusto/kql.js'
import { convertYaml, lastQuery, readCase } from './helpers.js'
import { eqlProblems, esqlProblems, splunkProblems } from './structure.js'

const kustoTarget: Backend = { ...kusto, correlation: kustoCorrelation }
const CASES = ['event_count_groupby', 'event_count_nogroup', 'event_count_multi', 'event_count_fields', 'value_count_groupby', 'value_count_eq', 'temporal_groupby',
  'temporal_three', 'temporal_aliases', 'temporal_extended', 'temporal_ordered', 'temporal_ordered_two', 'value_sum', 'value_avg', 'value_percentile', 'value_median', 'generate_true', 'nested'] as const

/** Refusals: case → target → words the message must contain. */
const REFUSED: Readonly<Record<string, Readonly<Record<string, RegExp>>>> = {
  esql: {
    temporal_aliases: /ES\|QL correlations cannot rename fields per rule/,
    temporal_ordered: /target 'esql' cannot enforce the order of 3 rules/,
    nested: /target 'esql' cannot correlate over another correlation \('many_failed'\)/,
  },
  eql: Object.fromEntries(CASES.filter((c) => !c.startsWith('temporal_ordered')).map((c) => [c, /target 'eql' does not support correlation type '\w+': (EQL cannot|an EQL sequence always enforces order)/])),
  lucene: Object.fromEntries(CASES.map((c) => [c, /target 'lucene' does not support correlation rules: it cannot express correlation type '\w+'/])),
  'elastic-kql': Object.fromEntries(CASES.map((c) => [c, /target 'elastic-kql' does not support correlation rules/])),
}

const STRUCTURE: Readonly<Record<string, (q: string) => string[]>> = { splunk: splunkProblems, esql: esqlProblems, eql: eqlProblems }
const KUSTO_GLOBALS = globalsFor(SCHEMAS.azure_monitor)

describe('every type × target: converted with a valid structure, or refused by name', () => {
  for (const target of ['splunk', 'esql', 'eql', 'lucene', 'elastic-kql']) {
    for (const method of target === 'splunk' ? ['stats', 'streamstats'] : [undefined]) {
      for (const c of CASES) {
        it(`${target}${method ? `/${method}` : ''} ${c}`, () => {
          const got = convertYaml(readCase(c), target, method ? { method } : {})
          const refusal = REFUSED[target]?.[c]
          if (refusal) {
            expect(got.ok).toBe(false)
            expect(got.errors.map((e) => e.message).join('\n')).toMatch(refusal)
            const e = got.errors.find((x) => refusal.test(x.message))
            expect(e?.line, 'refusal is positioned on the correlation').toBeGreaterThan(10)
            expect(e?.code).toBe('backend.unsupported')
            return
          }
          expect(got.errors).toEqual([])
          for (const q of got.queries) expect(typeof q === 'string' && q.length > 0).toBe(true)
          expect(STRUCTURE[target]?.(lastQuery(got))).toEqual([])
        })
      }
    }
  }
  for (const c of CASES) {
    it(`kusto (azure_monitor) ${c}: parses; analyser finds only fields the table lacks`, () => {
      const got = convertYaml(readCase(c), kustoTarget, { pipelineIds: ['azure_monitor'] })
      expect(got.errors).toEqual([])
      const q = lastQuery(got)
      expect(syntaxErrors(q)).toEqual([])
      // The fixtures group by fields such as `host` or aggregate `Size`, which SecurityEvent does not have.
      const unknown = semanticErrors(q, KUSTO_GLOBALS).filter((e) => !/'(host|Size|User|user)'/.test(e.message))
      expect(unknown).toEqual([])
    })
  }
})

/** Exact output of what pySigma cannot produce (reviewed by hand; see docs/CORRELATIONS.md for the semantics). */
const EXACT: readonly { case: string; target: string | Backend; method?: string; pipelines?: string[]; expected: string }[] = [
  {
    case: 'temporal_ordered', target: 'splunk', method: 'stats', expected: `| multisearch
[ search EventID=4625 | eval event_type="failed_logon" ]
[ search EventID=4624 | eval event_type="successful_logon" ]
[ search Image="*\\\\cmd.exe" | eval event_type="new_process" ]

| eval timebucket=_time
| bin timebucket span=10m
| sort 0 _time
| eval step_1=if(event_type="failed_logon", _time, null())
| streamstats max(step_1) as seen_1 by timebucket host
| eval step_2=if(event_type="successful_logon", seen_1, null())
| streamstats max(step_2) as seen_2 by timebucket host
| eval step_3=if(event_type="new_process", seen_2, null())
| where isnotnull(step_3)

| stats min(step_3) as sequence_start max(_time) as sequence_end count as sequence_count by timebucket host`,
  },
  {
    case: 'temporal_ordered_two', target: 'splunk', method: 'streamstats', expected: `| multisearch
[ search EventID=4625 | eval event_type="failed_logon" ]
[ search EventID=4624 | eval event_type="successful_logon" ]

| sort 0 _time
| eval step_1=if(event_type="failed_logon", _time, null())
| streamstats max(step_1) as seen_1 by TargetUserName
| eval step_2=if(event_type="successful_logon", seen_1, null())
| where isnotnull(step_2) AND _time - step_2 <= 600

| stats min(step_2) as sequence_start max(_time) as sequence_end count as sequence_count by TargetUserName`,
  },
  {
    case: 'event_count_groupby', target: 'splunk', method: 'streamstats', expected: `EventID=4625

| sort 0 _time
| streamstats time_window=5m count as event_count by TargetUserName IpAddress

| search event_count >= 10`,
  },
  {
    case: 'value_percentile', target: 'splunk', expected: `Image="*\\\\cmd.exe"

| bin _time span=1h
| stats perc95(Size) as value_percentile by _time host

| search value_percentile >= 500`,
  },
  {
    case: 'value_sum', target: 'splunk', method: 'streamstats', expected: `Image="*\\\\cmd.exe"

| sort 0 _time
| streamstats time_window=1h sum(Size) as value_sum by host

| search value_sum > 1000`,
  },
  {
    case: 'value_median', target: 'esql', expected: `from * metadata _id, _index, _version | where ends_with(Image, "\\\\cmd.exe")
| eval timebucket=date_trunc(1hours, @timestamp) | stats value_median=median(Size) by timebucket
| where value_median <= 5`,
  },
  {
    case: 'value_avg', target: 'esql', expected: `from * metadata _id, _index, _version | where ends_with(Image, "\\\\cmd.exe")
| eval timebucket=date_trunc(1hours, @timestamp) | stats value_avg=avg(Size) by timebucket, host
| where value_avg >= 50`,
  },
  {
    case: 'temporal_ordered_two', target: 'esql', expected: `from * metadata _id, _index, _version | where (EventID==4625) or (EventID==4624)
| eval first_failed_logon=case(EventID==4625, @timestamp), last_successful_logon=case(EventID==4624, @timestamp)
| eval timebucket=date_trunc(10minutes, @timestamp) | stats first_failed_logon=min(first_failed_logon), last_successful_logon=max(last_successful_logon) by timebucket, TargetUserName
| where first_failed_logon <= last_successful_logon`,
  },
  {
    case: 'temporal_extended', target: 'esql', expected: `from * metadata _id, _index, _version | where (EventID==4625) or (EventID==4624) or (ends_with(Image, "\\\\cmd.exe"))
| eval seen_failed_logon=case(EventID==4625, 1, 0), seen_successful_logon=case(EventID==4624, 1, 0), seen_new_process=case(ends_with(Image, "\\\\cmd.exe"), 1, 0)
| eval timebucket=date_trunc(15minutes, @timestamp) | stats seen_failed_logon=max(seen_failed_logon), seen_successful_logon=max(seen_successful_logon), seen_new_process=max(seen_new_process) by timebucket, host
| where (seen_failed_logon == 1 or seen_successful_logon == 1) and seen_new_process == 0`,
  },
  {
    case: 'temporal_ordered', target: 'eql', expected: `sequence by host with maxspan=10m
  [any where EventID:4625]
  [any where EventID:4624]
  [any where Image:"*\\\\cmd.exe"]`,
  },
  {
    case: 'temporal_ordered', target: kustoTarget, pipelines: ['azure_monitor'], expected: `union
    (SecurityEvent | where EventID == 4625 | extend event_type = "failed_logon"),
    (SecurityEvent | where EventID == 4624 | extend event_type = "successful_logon"),
    (SecurityEvent | where NewProcessName endswith "\\\\cmd.exe" | extend event_type = "new_process")
| summarize times = make_list(TimeGenerated), types = make_list(event_type) by bin(TimeGenerated, 10m), host
| extend (times, types) = array_sort_asc(times, types)
| where strcat("|", strcat_array(types, "|"), "|") matches regex "\\\\|failed_logon\\\\|(.*\\\\|)?successful_logon\\\\|(.*\\\\|)?new_process\\\\|"`,
  },
  {
    case: 'event_count_groupby', target: kustoTarget, pipelines: ['azure_monitor'], expected: `SecurityEvent
| where EventID == 4625
| summarize event_count = count() by bin(TimeGenerated, 5m), TargetUserName, IpAddress
| where event_count >= 10`,
  },
  {
    case: 'temporal_extended', target: kustoTarget, pipelines: ['azure_monitor'], expected: `union
    (SecurityEvent | where EventID == 4625 | extend event_type = "failed_logon"),
    (SecurityEvent | where EventID == 4624 | extend event_type = "successful_logon"),
    (SecurityEvent | where NewProcessName endswith "\\\\cmd.exe" | extend event_type = "new_process")
| summarize event_types = make_set(event_type) by bin(TimeGenerated, 15m), host
| where (set_has_element(event_types, "failed_logon") or set_has_element(event_types, "successful_logon")) and not(set_has_element(event_types, "new_process"))`,
  },
]

describe('exact output where pySigma has none', () => {
  for (const x of EXACT) {
    const name = typeof x.target === 'string' ? x.target : x.target.id
    it(`${name}${x.method ? `/${x.method}` : ''} ${x.case}`, () => {
      const got = convertYaml(readCase(x.case), x.target, { ...(x.method ? { method: x.method } : {}), ...(x.pipelines ? { pipelineIds: x.pipelines } : {}) })
      expect(got.errors).toEqual([])
      expect(lastQuery(got)).toBe(x.expected)
    })
  }
})
