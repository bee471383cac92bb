/**
 * azure_monitor (and microsoft_xdr with sentinel_tables=true): Windows channels other than Security/Sysmon on the
 * `Event` table, their fields read from the EventData XML through one mv-apply stage (pipelines/event-data.ts).
 * Rule snippets are taken from the corpus (path in each case).
 */
import { describe, expect, it } from 'vitest'
import { createConverter } from '../../src/convert.js'
import { kusto } from '../../backends/kusto/backend.js'
import { SCHEMAS } from '../../backends/kusto/schema/index.js'
import { computedColumns, globalsFor, parseNames, semanticErrors, TOO_DEEP } from './kql.js'
import { convertCorpus, readReference } from './corpus.js'

function convert(body: string, pipelines: string[] = ['azure_monitor'], backendOptions: Record<string, string> = {}) {
  const c = createConverter({ target: kusto, pipelines, backendOptions })
  const r = c.convertText(`title: t\n${body}`, 'r.yml').results[0]
  if (!r) throw new Error('no result')
  return { ok: r.ok, queries: r.queries as string[], codes: r.diagnostics.map((d) => d.code), message: r.diagnostics.map((d) => d.message).join('\n') }
}

const PRELUDE =
  '\n| extend EventDataItems = parse_xml(EventData).DataItem.EventData.Data' +
  '\n| mv-apply EventDataItem = iff(gettype(EventDataItems) == "array", EventDataItems, pack_array(EventDataItems)) on (summarize EventDataFields = make_bag(bag_pack(tostring(EventDataItem["@Name"]), tostring(EventDataItem["#text"]))))'
const PS = 'EventLog in ("Microsoft-Windows-PowerShell/Operational", "PowerShellCore/Operational")'
const globals = globalsFor(SCHEMAS.azure_monitor)

/** Parses, names only Event columns (plus the prelude's computed ones), and passes Microsoft's semantic analyser. */
function expectValid(q: string): void {
  const { syntax, names } = parseNames(q)
  expect(syntax).toEqual([])
  const [table, ...cols] = names
  const columns = SCHEMAS.azure_monitor[table as string] ?? {}
  const computed = computedColumns(q)
  for (const c of cols) expect(Object.hasOwn(columns, c) || Object.hasOwn(computed, c), `${table}.${c}`).toBe(true)
  expect(semanticErrors(q, globals).filter((e) => e.code !== TOO_DEEP)).toEqual([])
}

describe('Event table: EventData fields through the mv-apply prelude', () => {
  const cases: [string, string, string][] = [
    ['windows/builtin/system/service_control_manager/win_system_service_install_anydesk.yml (7045 service install)',
      "logsource:\n  product: windows\n  service: system\ndetection:\n  selection_provider:\n    Provider_Name: 'Service Control Manager'\n    EventID: 7045\n  selection_service:\n    - ServiceName|contains|all:\n        - 'AnyDesk'\n        - 'Service'\n    - ImagePath|contains: 'AnyDesk'\n  condition: all of selection_*\n",
      `Event\n| where EventLog == "System"${PRELUDE}\n| where (Source =~ "Service Control Manager" and EventID == 7045) and ((tostring(EventDataFields.ServiceName) contains "AnyDesk" and tostring(EventDataFields.ServiceName) contains "Service") or tostring(EventDataFields.ImagePath) contains "AnyDesk")`],
    ['windows/powershell/powershell_script/posh_ps_mailboxexport_share.yml (4104 script block)',
      "logsource:\n  product: windows\n  category: ps_script\ndetection:\n  selection:\n    ScriptBlockText|contains|all:\n      - 'New-MailboxExportRequest'\n      - ' -Mailbox '\n      - ' -FilePath \\\\\\\\'\n  condition: selection\n",
      `Event\n| where ${PS} and EventID == 4104${PRELUDE}\n| where tostring(EventDataFields.ScriptBlockText) contains "New-MailboxExportRequest" and tostring(EventDataFields.ScriptBlockText) contains " -Mailbox " and tostring(EventDataFields.ScriptBlockText) contains " -FilePath \\\\\\\\"`],
    ['windows/powershell/powershell_module/posh_pm_active_directory_module_dll_import.yml (4103 module)',
      "logsource:\n  product: windows\n  category: ps_module\ndetection:\n  selection_cmdlet:\n    Payload|contains:\n      - 'Import-Module '\n      - 'ipmo '\n  selection_dll:\n    Payload|contains: 'Microsoft.ActiveDirectory.Management.dll'\n  condition: all of selection_*\n",
      `Event\n| where ${PS} and EventID == 4103${PRELUDE}\n| where (tostring(EventDataFields.Payload) contains "Import-Module " or tostring(EventDataFields.Payload) contains "ipmo ") and tostring(EventDataFields.Payload) contains "Microsoft.ActiveDirectory.Management.dll"`],
    ['windows/builtin/application/application_error/win_application_error_lsass_crash.yml (application log)',
      "logsource:\n  product: windows\n  service: application\ndetection:\n  selection:\n    Provider_Name: 'Application Error'\n    EventID: 1000\n    AppName: 'lsass.exe'\n    ExceptionCode: 'c0000001'\n  condition: selection\n",
      `Event\n| where EventLog == "Application"${PRELUDE}\n| where Source =~ "Application Error" and EventID == 1000 and tostring(EventDataFields.AppName) =~ "lsass.exe" and tostring(EventDataFields.ExceptionCode) =~ "c0000001"`],
    ['windows/builtin/smbclient/security/win_smbclient_security_susp_failed_guest_logon.yml (UserName is a Data element here)',
      "logsource:\n  product: windows\n  service: smbclient-security\ndetection:\n  selection:\n    EventID: 31017\n    UserName: ''\n    ServerName|startswith: '\\1'\n  condition: selection\n",
      `Event\n| where EventLog == "Microsoft-Windows-SmbClient/Security"${PRELUDE}\n| where EventID == 31017 and tostring(EventDataFields.UserName) =~ "" and tostring(EventDataFields.ServerName) startswith "\\\\1"`],
    ['windows/builtin/system/microsoft_windows_distributed_com/win_system_lpe_indicators_tabtip.yml (a number compares as text)',
      "logsource:\n  product: windows\n  service: system\ndetection:\n  selection:\n    Provider_Name: 'Microsoft-Windows-DistributedCOM'\n    EventID: 10001\n    param2: 2147943140\n  condition: selection\n",
      `Event\n| where EventLog == "System"${PRELUDE}\n| where Source =~ "Microsoft-Windows-DistributedCOM" and EventID == 10001 and tostring(EventDataFields.param2) == "2147943140"`],
  ]
  for (const [name, body, want] of cases)
    it(name, () => {
      const r = convert(body)
      expect(r.message).toBe('')
      expect(r.queries).toEqual([want])
      expectValid(want)
      // sentinel_tables=true falls back to azure_monitor for rules with no Defender XDR table: the same query.
      expect(convert(body, ['microsoft_xdr'], { sentinel_tables: 'true' }).queries).toEqual([want])
    })
})

describe('Event table: rules without EventData fields keep the plain query', () => {
  const cases: [string, string, string][] = [
    ['windows/builtin/system/service_control_manager/win_system_service_terminated_error_generic.yml (unchanged)',
      "logsource:\n  product: windows\n  service: system\ndetection:\n  selection:\n    Provider_Name: 'Service Control Manager'\n    EventID: 7023\n  condition: selection\n",
      'Event\n| where EventLog =~ "System" and (Source =~ "Service Control Manager" and EventID == 7023)'],
    ['windows/builtin/windefend/win_defender_antimalware_platform_expired.yml (EventID only)',
      "logsource:\n  product: windows\n  service: windefend\ndetection:\n  selection:\n    EventID: 5101\n  condition: selection\n",
      'Event\n| where EventLog =~ "Microsoft-Windows-Windows Defender/Operational" and EventID == 5101'],
  ]
  for (const [name, body, want] of cases)
    it(name, () => {
      const r = convert(body)
      expect(r.message).toBe('')
      expect(r.queries).toEqual([want])
      expectValid(want)
    })
  it('a rule pySigma converts (Security logon event) keeps pySigma\'s SecurityEvent query', () => {
    const body = 'logsource:\n  product: windows\n  service: security\ndetection:\n  selection:\n    EventID: 4625\n    TargetUserName: admin\n  condition: selection\n'
    expect(convert(body).queries).toEqual(['SecurityEvent\n| where EventID == 4625 and TargetUserName =~ "admin"'])
  })
})

describe('Event table: refused by name', () => {
  const cases: [string, string, string, RegExp][] = [
    ['windows/builtin/msexchange/win_exchange_transportagent.yml (keyword: would search the raw XML)',
      "logsource:\n  product: windows\n  service: msexchange-management\ndetection:\n  selection:\n    - 'Install-TransportAgent'\n  condition: selection\n",
      'pipeline.kusto_keyword', /keywords .* raw EventData XML/],
    ['windows/powershell/powershell_classic/posh_pc_downgrade_attack.yml (Data is unnamed text)',
      "logsource:\n  product: windows\n  category: ps_classic_start\ndetection:\n  selection:\n    Data|contains: 'EngineVersion=2.'\n  filter_main:\n    Data|contains: 'HostVersion=2.'\n  condition: selection and not filter_main\n",
      'pipeline.kusto_field', /field name encountered: Data\. .*unnamed EventData strings/],
    ['windows/builtin/windefend/win_defender_config_change_exclusion_added.yml (Defender Data names differ)',
      "logsource:\n  product: windows\n  service: windefend\ndetection:\n  selection:\n    EventID: 5007\n    NewValue|contains: '\\Microsoft\\Windows Defender\\Exclusions'\n  condition: selection\n",
      'pipeline.kusto_field', /field name encountered: NewValue\. .*'New Value'/],
    ['a keyword next to an EventData field on the System log',
      "logsource:\n  product: windows\n  service: system\ndetection:\n  selection:\n    EventID: 7045\n    ImagePath|contains: 'x'\n  keywords:\n    - 'mimikatz'\n  condition: selection and keywords\n",
      'pipeline.kusto_keyword', /keywords/],
  ]
  for (const [name, body, code, message] of cases)
    it(name, () => {
      const r = convert(body)
      expect(r.ok).toBe(false)
      expect(r.codes).toEqual([code])
      expect(r.message).toMatch(message)
    })
  it('unmapped_fields=keep keeps the raw name (no prelude)', () => {
    const body = "logsource:\n  product: windows\n  category: ps_script\ndetection:\n  selection:\n    ScriptBlockText|contains: 'x'\n  condition: selection\n"
    expect(convert(body, ['azure_monitor'], { unmapped_fields: 'keep' }).queries).toEqual([
      'Event\n| where ((EventLog in~ ("Microsoft-Windows-PowerShell/Operational", "PowerShellCore/Operational")) and EventID == 4104) and ScriptBlockText contains "x"',
    ])
  })
})

describe('Event table: every corpus query with the prelude passes Microsoft\'s semantic analyser', () => {
  it('azure_monitor', () => {
    const paths = readReference('azure_monitor').map((r) => r.path)
    const queries = convertCorpus('azure_monitor', paths).flatMap((r) => (r.ok ? r.queries.filter((q) => q.includes(PRELUDE)).map((q) => ({ path: r.path, q })) : []))
    // Type mismatches included: numeric lists are `in (…)` numbers (render.ts), so none is expected.
    const problems = queries.flatMap(({ path, q }) => semanticErrors(q, globals).filter((e) => e.code !== TOO_DEEP).map((e) => `${path}: ${e.code} ${e.message}`))
    console.log(`[kusto event-data] ${queries.length} corpus queries with the EventData prelude; analyser problems ${problems.length}`)
    expect(queries.length).toBeGreaterThan(250)
    expect(problems).toEqual([])
  }, 300_000)
})
