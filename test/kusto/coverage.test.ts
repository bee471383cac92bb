/**
 * Coverage extensions: Defender DeviceEvents categories (ActionType + AdditionalFields), and azure_monitor's switch
 * to the Defender XDR tables when SecurityEvent cannot hold a Sysmon-category rule; Syslog (keywords search
 * SyslogMessage), DnsEvents and OfficeActivity. Every query also parses with
 * Microsoft's Kusto parser and names only columns of the pipeline's schema.
 */
import { describe, expect, it } from 'vitest'
import { createConverter } from '../../src/convert.js'
import { kusto } from '../../backends/kusto/backend.js'
import { SCHEMAS } from '../../backends/kusto/schema/index.js'
import { parseNames } from './kql.js'
import { convertCorpus, readReference } from './corpus.js'

type P = 'microsoft_xdr' | 'azure_monitor' | 'sentinel_asim'
const rule = (logsource: string, detection: string): string => `title: t\nlogsource: {${logsource}}\ndetection:\n${detection}\n  condition: sel\n`
function convert(text: string, pipeline: P | null, backendOptions: Record<string, string> = {}) {
  const c = createConverter({ target: kusto, pipelines: pipeline ? [pipeline] : [], withoutPipeline: pipeline === null, backendOptions })
  const r = c.convertText(text, 'r.yml').results[0]
  if (!r) throw new Error('no result')
  return { ok: r.ok, queries: r.queries as string[], message: r.diagnostics.map((d) => d.message).join('\n') }
}

function expectValid(q: string, p: P): void {
  const { syntax, names } = parseNames(q)
  expect(syntax).toEqual([])
  const [table, ...cols] = names
  const schema = SCHEMAS[p][table as string]
  expect(schema, `table ${table}`).toBeDefined()
  for (const c of cols) expect(Object.hasOwn(schema ?? {}, c), `${table}.${c}`).toBe(true)
}

const PIPE = 'tostring(parse_json(AdditionalFields).PipeName)'
const win = (category: string): string => `product: windows, category: ${category}`

describe('kusto coverage extensions: converted', () => {
  const cases: [string, P, string, string, string][] = [
    ['pipe_created: ActionType, AdditionalFields.PipeName, \\Device\\NamedPipe prefix on exact/startswith only', 'microsoft_xdr', win('pipe_created'),
      "  sel:\n    PipeName: ['\\atsvc', '\\mojo*', '*\\isapi*']",
      `DeviceEvents\n| where ActionType =~ "NamedPipeEvent" and (${PIPE} in~ ("\\\\Device\\\\NamedPipe\\\\atsvc") or ${PIPE} startswith "\\\\Device\\\\NamedPipe\\\\mojo" or ${PIPE} contains "\\\\isapi")`],
    ['create_remote_thread: source = initiating process, target = FolderPath', 'microsoft_xdr', win('create_remote_thread'),
      "  sel:\n    SourceImage|endswith: '\\rundll32.exe'\n    TargetImage|endswith: '\\lsass.exe'",
      'DeviceEvents\n| where ActionType =~ "CreateRemoteThreadApiCall" and (InitiatingProcessFolderPath endswith "\\\\rundll32.exe" and FolderPath endswith "\\\\lsass.exe")'],
    ['process_access: OpenProcessApiCall', 'microsoft_xdr', win('process_access'),
      "  sel:\n    TargetImage|endswith: '\\lsass.exe'",
      'DeviceEvents\n| where ActionType =~ "OpenProcessApiCall" and FolderPath endswith "\\\\lsass.exe"'],
    ['driver_load: the driver file', 'microsoft_xdr', win('driver_load'),
      "  sel:\n    ImageLoaded|endswith: '\\evil.sys'\n    sha1: 'abc'",
      'DeviceEvents\n| where ActionType =~ "DriverLoad" and (FolderPath endswith "\\\\evil.sys" and SHA1 =~ "abc")'],
    ['azure_monitor: pySigma\'s SecurityEvent when it holds the rule', 'azure_monitor', win('process_creation'),
      "  sel:\n    CommandLine|contains: 'x'", 'SecurityEvent\n| where CommandLine contains "x"'],
    ['azure_monitor: Sysmon-only field → DeviceProcessEvents', 'azure_monitor', win('process_creation'),
      "  sel:\n    OriginalFileName: 'x.exe'\n    CommandLine|contains: 'y'",
      'DeviceProcessEvents\n| where ProcessVersionInfoOriginalFileName =~ "x.exe" and ProcessCommandLine contains "y"'],
    ['azure_monitor: registry Details → DeviceRegistryEvents', 'azure_monitor', win('registry_set'),
      "  sel:\n    TargetObject|endswith: '\\Run\\x'\n    Details|contains: 'evil'",
      'DeviceRegistryEvents\n| where RegistryKey endswith "\\\\Run\\\\x" and RegistryValueData contains "evil"'],
    ['azure_monitor: pipe_created (no pySigma table) → DeviceEvents', 'azure_monitor', win('pipe_created'),
      "  sel:\n    PipeName: '\\atsvc'", `DeviceEvents\n| where ActionType =~ "NamedPipeEvent" and ${PIPE} =~ "\\\\Device\\\\NamedPipe\\\\atsvc"`],
    ['azure_monitor: linux service keywords search SyslogMessage', 'azure_monitor', 'product: linux, service: sshd',
      "  sel:\n    - 'incorrect signature'\n    - 'Trojan*FOUND'\n    - 42", 'Syslog\n| where SyslogMessage contains "incorrect signature" or SyslogMessage matches regex "(?i)^.*Trojan.*FOUND.*$" or SyslogMessage contains "42"'],
    ['azure_monitor: linux without service → Syslog, columns by name', 'azure_monitor', 'product: linux',
      "  sel:\n    ProcessName: 'sudo'\n    pid: 7\n    message|contains: 'COMMAND='", 'Syslog\n| where ProcessName =~ "sudo" and ProcessID == 7 and SyslogMessage contains "COMMAND="'],
    ['azure_monitor: dns → DnsEvents', 'azure_monitor', 'category: dns',
      "  sel:\n    query|endswith: '.interact.sh'\n    record_type: 'TXT'\n    src_ip: '10.0.0.1'", 'DnsEvents\n| where Name endswith ".interact.sh" and QueryType =~ "TXT" and ClientIP =~ "10.0.0.1"'],
    ['azure_monitor: m365 audit → OfficeActivity', 'azure_monitor', 'product: m365, service: audit',
      "  sel:\n    Operation|contains: 'Disable Strong Authentication.'\n    Workload: 'AzureActiveDirectory'\n    ResultStatus: 'Success'", 'OfficeActivity\n| where Operation contains "Disable Strong Authentication." and OfficeWorkload =~ "AzureActiveDirectory" and ResultStatus =~ "Success"'],
    ['azure_monitor: m365 exchange → OfficeActivity', 'azure_monitor', 'product: m365, service: exchange',
      "  sel:\n    Operation: 'Add-FederatedDomain'\n    UserId|endswith: '@contoso.com'\n    ObjectId: 'x'", 'OfficeActivity\n| where Operation =~ "Add-FederatedDomain" and UserId endswith "@contoso.com" and OfficeObjectId =~ "x"'],
  ]
  for (const [name, p, ls, det, want] of cases)
    it(`${p}: ${name}`, () => {
      const r = convert(rule(ls, det), p)
      expect(r.message).toBe('')
      expect(r.queries).toEqual([want])
      expectValid(want, p)
    })
})

describe('kusto coverage extensions: refused by name, never dropped', () => {
  const cases: [string, P, string, string, RegExp][] = [
    ['GrantedAccess (Sysmon hex mask) has no Defender equivalent', 'microsoft_xdr', win('process_access'), "  sel:\n    GrantedAccess: '0x1410'", /field name encountered: GrantedAccess\b/],
    ['CallTrace', 'azure_monitor', win('process_access'), "  sel:\n    CallTrace|contains: 'UNKNOWN'", /CallTrace/],
    ['StartModule', 'microsoft_xdr', win('create_remote_thread'), "  sel:\n    StartModule: 'x'", /StartModule/],
    ['PipeName regex cannot get the device prefix', 'microsoft_xdr', win('pipe_created'), "  sel:\n    PipeName|re: '^\\\\x'", /regular expression/],
    ['Syslog: a field with no column', 'azure_monitor', 'product: linux, service: auth', "  sel:\n    User: 'root'", /field name encountered: User\b.*Syslog/],
    ['DnsEvents: answer (TXT data is not in IPAddresses)', 'azure_monitor', 'category: dns', "  sel:\n    answer|contains: 'IEX'", /field name encountered: answer\b.*DnsEvents/],
    ['OfficeActivity: RequestType is not a column', 'azure_monitor', 'product: m365, service: audit', "  sel:\n    RequestType: 'Cmsi:Cmsi'", /field name encountered: RequestType\b.*OfficeActivity/],
    ['m365 threat_management alerts have no OfficeActivity records', 'azure_monitor', 'product: m365, service: threat_management', "  sel:\n    eventName: 'x'", /Unable to determine table/],
    ['linux auditd is not Syslog', 'azure_monitor', 'product: linux, service: auditd', "  sel:\n    type: 'EXECVE'", /Unable to determine table/],
    ['a field neither SecurityEvent nor Defender has', 'azure_monitor', win('process_creation'), "  sel:\n    NoSuchField: 'x'", /NoSuchField.*SecurityEvent/],
  ]
  for (const [name, p, ls, det, want] of cases)
    it(`${p}: ${name}`, () => {
      const r = convert(rule(ls, det), p)
      expect(r.ok).toBe(false)
      expect(r.message).toMatch(want)
    })
})

describe('kusto coverage extensions: options and no pipeline', () => {
  it('unmapped_fields=keep stays on pySigma\'s table with the raw name', () => {
    const r = convert(rule(win('process_creation'), "  sel:\n    OriginalFileName: 'x.exe'"), 'azure_monitor', { unmapped_fields: 'keep' })
    expect(r.queries).toEqual(['SecurityEvent\n| where OriginalFileName =~ "x.exe"'])
  })
  it('a list of numbers is `in (…)` numbers (pySigma: `in~ ("…")`, a type error on an int column); mixed lists stay strings', () => {
    const body = "  sel:\n    EventID:\n      - 4656\n      - 4663\n    ObjectName: x"
    expect(convert(rule('product: windows, service: security', body), 'azure_monitor').queries).toEqual(['SecurityEvent\n| where (EventID in (4656, 4663)) and ObjectName =~ "x"'])
    expect(convert(rule('product: windows', "  sel:\n    a:\n      - 1\n      - b"), null).queries).toEqual(['a in~ ("1", "b")'])
  })
  it('a dotted field from a rule stays one quoted identifier', () => {
    const r = convert(rule('product: windows', "  sel:\n    AdditionalFields.PipeName: 'x'"), null)
    expect(r.queries).toEqual(['[\'AdditionalFields.PipeName\'] =~ "x"'])
  })
})

// Corpus counts (3,141 rules). sentinel_tables=true may only add rules the pipeline refused for want of a table.
// microsoft_xdr 1,964 → 2,530: azure_monitor's tables, its Event-table extension included (Windows channels,
// PowerShell categories, EventData fields: event-data.test.ts). sentinel_asim 1,949 → 2,585: the same
// tables for the log sources no ASIM parser covers.
const SENTINEL_ASIM_ON = 2585
describe.each([
  ['microsoft_xdr', 1964, 2530],
  ['sentinel_asim', 1949, SENTINEL_ASIM_ON],
] as const)('kusto coverage: %s with sentinel_tables (corpus)', (pipeline, offCount, onCount) => {
  it(`${offCount} rules without the option, ${onCount} with it; every other result is byte-identical`, () => {
    const paths = readReference(pipeline).map((r) => r.path)
    const off = convertCorpus(pipeline, paths)
    const on = convertCorpus(pipeline, paths, undefined, { sentinel_tables: 'true' })
    expect(paths.length).toBe(3141)
    console.log(`[${pipeline}] off ${off.filter((r) => r.ok).length}, on ${on.filter((r) => r.ok).length}`)
    expect(off.filter((r) => r.ok).length).toBe(offCount)
    expect(on.filter((r) => r.ok).length).toBe(onCount)
    const changed = on.filter((r, i) => {
      const o = off[i] as (typeof off)[number]
      if (o.ok) return !r.ok || JSON.stringify(r.queries) !== JSON.stringify(o.queries)
      // Only a missing table may turn into a Sentinel query (or a refusal on the Sentinel table).
      return !(o.error ?? '').startsWith('pipeline.kusto_table') && JSON.stringify(r) !== JSON.stringify(o)
    })
    expect(changed.map((r) => r.path)).toEqual([])
  }, 300_000)
})
