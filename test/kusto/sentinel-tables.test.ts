/**
 * Backend option `sentinel_tables` (microsoft_xdr, sentinel_asim): rules with no Defender XDR table / ASIM parser use the
 * azure_monitor table and mappings of the Sentinel workspace; everything else is unchanged. Rule snippets are
 * taken from the corpus (path in each case).
 */
import { describe, expect, it } from 'vitest'
import { createConverter } from '../../src/convert.js'
import type { Backend } from '../../src/backend.js'
import { defender, kusto, sentinel } from '../../backends/kusto/backend.js'
import { SCHEMAS } from '../../backends/kusto/schema/index.js'
import { parseNames } from './kql.js'

function convert(body: string, o: { target?: Backend; pipelines?: string[]; options?: Record<string, string> } = {}) {
  const c = createConverter({ target: o.target ?? kusto, pipelines: o.pipelines ?? ['microsoft_xdr'], backendOptions: o.options ?? {} })
  const r = c.convertText(`title: t\n${body}`, 'r.yml').results[0]
  if (!r) throw new Error('no result')
  return { ok: r.ok, queries: r.queries as string[], codes: r.diagnostics.map((d) => d.code), message: r.diagnostics.map((d) => d.message).join('\n') }
}
const ON = { sentinel_tables: 'true' }

/** The query names only the table's columns of the azure_monitor schema (the Sentinel tables). */
function expectSentinelSchema(q: string): void {
  const { syntax, names } = parseNames(q)
  expect(syntax).toEqual([])
  const [table, ...cols] = names
  const schema = SCHEMAS.azure_monitor[table as string]
  expect(schema, `table ${table}`).toBeDefined()
  expect(Object.hasOwn(SCHEMAS.microsoft_xdr, table as string), `${table} is not a Defender XDR table`).toBe(false)
  for (const c of cols) expect(Object.hasOwn(schema ?? {}, c), `${table}.${c}`).toBe(true)
}

describe('sentinel_tables=true: no Defender XDR table → the Sentinel table', () => {
  const cases: [string, string, string][] = [
    ['cloud/aws/cloudtrail/aws_ec2_disable_encryption.yml',
      'logsource:\n  product: aws\n  service: cloudtrail\ndetection:\n  selection:\n    eventSource: ec2.amazonaws.com\n    eventName: DisableEbsEncryptionByDefault\n  condition: selection\n',
      'AWSCloudTrail\n| where EventSource =~ "ec2.amazonaws.com" and EventName =~ "DisableEbsEncryptionByDefault"'],
    ['web/proxy_generic/proxy_ua_rclone.yml',
      "logsource:\n  category: proxy\ndetection:\n  selection:\n    c-useragent|startswith: 'rclone/v'\n  condition: selection\n",
      'CommonSecurityLog\n| where RequestClientApplication startswith "rclone/v"'],
    ['web/webserver_generic/web_webshell_regeorg.yml (two values)',
      "logsource:\n  category: webserver\ndetection:\n  selection:\n    cs-uri-query|contains:\n      - 'cmd=read'\n      - 'connect&target'\n  filter:\n    cs-referer: null\n    cs-user-agent: null\n    cs-method: POST\n  condition: selection and filter\n",
      'W3CIISLog\n| where (csUriQuery contains "cmd=read" or csUriQuery contains "connect&target") and (isempty(csReferer) and isempty(csUserAgent) and csMethod =~ "POST")'],
    ['cloud/azure/signin_logs/azure_ad_azurehound_discovery.yml',
      "logsource:\n  product: azure\n  service: signinlogs\ndetection:\n  selection:\n    userAgent|contains: 'azurehound'\n    ResultType: 0\n  condition: selection\n",
      'SigninLogs\n| where UserAgent contains "azurehound" and ResultType == 0'],
    ['windows/builtin/security/win_security_hidden_user_creation.yml (4720: no Defender event)',
      "logsource:\n  product: windows\n  service: security\ndetection:\n  selection:\n    EventID: 4720\n    TargetUserName|endswith: '$'\n  filter_main_homegroup:\n    TargetUserName: 'HomeGroupUser$'\n  condition: selection and not 1 of filter_main_*\n",
      'SecurityEvent\n| where (EventID == 4720 and TargetUserName endswith "$") and (not(TargetUserName =~ "HomeGroupUser$"))'],
    ['linux/builtin/lnx_clear_syslog.yml (keywords search SyslogMessage)',
      "logsource:\n  product: linux\ndetection:\n  selection:\n    - 'rm /var/log/syslog'\n    - ' > /var/log/syslog'\n  falsepositives:\n    - '/syslog.'\n  condition: selection and not falsepositives\n",
      'Syslog\n| where (SyslogMessage contains "rm /var/log/syslog" or SyslogMessage contains " > /var/log/syslog") and (not(SyslogMessage contains "/syslog."))'],
    ['network/dns/net_dns_susp_telegram_api.yml',
      "logsource:\n  category: dns\ndetection:\n  selection:\n    query: 'api.telegram.org'\n  condition: selection\n",
      'DnsEvents\n| where Name =~ "api.telegram.org"'],
    ['cloud/m365/audit/microsoft365_disabling_mfa.yml',
      "logsource:\n  service: audit\n  product: m365\ndetection:\n  selection:\n    Operation|contains: 'Disable Strong Authentication.'\n  condition: selection\n",
      'OfficeActivity\n| where Operation contains "Disable Strong Authentication."'],
  ]
  for (const [name, body, want] of cases)
    it(name, () => {
      const off = convert(body)
      expect(off.ok).toBe(false)
      expect(off.codes).toEqual(['pipeline.kusto_table'])
      const on = convert(body, { options: ON })
      expect(on.message).toBe('')
      expect(on.queries).toEqual([want])
      expectSentinelSchema(want)
      // The same query the sentinel target (azure_monitor) writes: the table and its mappings, nothing else.
      expect(convert(body, { target: sentinel, pipelines: [] }).queries).toEqual([want])
    })
})

describe('sentinel_tables: what does not switch', () => {
  it('option off: the refusal text is exactly the one without the option', () => {
    const body = 'logsource:\n  product: aws\n  service: cloudtrail\ndetection:\n  selection:\n    eventName: StopLogging\n  condition: selection\n'
    const plain = convert(body)
    expect(convert(body, { options: { sentinel_tables: 'false' } })).toEqual(plain)
    expect(plain.message).toMatch(/^Unable to determine table name from rule\./)
  })
  it('no table in either pipeline: the same refusal with the option on', () => {
    const body = 'logsource:\n  product: okta\n  service: okta\ndetection:\n  selection:\n    eventtype: policy.lifecycle.update\n  condition: selection\n'
    const off = convert(body)
    const on = convert(body, { options: ON })
    expect(on).toEqual(off)
    expect(on.message).toMatch(/^Unable to determine table name/)
  })
  it('an XDR table with a converted rule: byte-identical (process_creation)', () => {
    const body = "logsource:\n  product: windows\n  category: process_creation\ndetection:\n  selection:\n    Image|endswith: '\\rclone.exe'\n    CommandLine|contains: ' copy '\n  condition: selection\n"
    const off = convert(body)
    expect(off.queries).toEqual(['DeviceProcessEvents\n| where FolderPath endswith "\\\\rclone.exe" and ProcessCommandLine contains " copy "'])
    expect(convert(body, { options: ON })).toEqual(off)
  })
  const refusals: [string, string, RegExp][] = [
    ['process_creation with a field DeviceProcessEvents lacks (not moved to SecurityEvent)',
      "logsource:\n  product: windows\n  category: process_creation\ndetection:\n  selection:\n    Foo: 'x'\n  condition: selection\n", /field name encountered: Foo\. The DeviceProcessEvents table/],
    ['windows security 4624 → DeviceLogonEvents, LogonProcessName refused (not moved to SecurityEvent)',
      "logsource:\n  product: windows\n  service: security\ndetection:\n  selection:\n    EventID: 4624\n    LogonProcessName: 'x'\n  condition: selection\n", /LogonProcessName\. The DeviceLogonEvents table/],
    ['win_system_susp_system_update_error.yml: EventID 20 gives DeviceEvents (pySigma\'s wmi ids), Provider_Name refused',
      "logsource:\n  product: windows\n  service: system\ndetection:\n  selection:\n    Provider_Name: Microsoft-Windows-WindowsUpdateClient\n    EventID:\n      - 16\n      - 20\n  condition: selection\n", /Provider_Name\. The DeviceEvents table/],
  ]
  for (const [name, body, want] of refusals)
    it(name, () => {
      const off = convert(body)
      expect(off.ok).toBe(false)
      expect(off.message).toMatch(want)
      expect(convert(body, { options: ON })).toEqual(off)
    })
  it('on a Sentinel table, a field it has no column for is refused by name', () => {
    const body = "logsource:\n  category: dns\ndetection:\n  selection:\n    answer|contains: 'IEX'\n  condition: selection\n"
    const on = convert(body, { options: ON })
    expect(on.ok).toBe(false)
    expect(on.message).toMatch(/field name encountered: answer\. The DnsEvents table/)
  })
})

describe('sentinel_tables: option handling', () => {
  const aws = 'logsource:\n  product: aws\n  service: cloudtrail\ndetection:\n  selection:\n    eventName: StopLogging\n  condition: selection\n'
  it('is listed with the backend options, default false, on every Kusto target', () => {
    for (const t of [kusto, defender, sentinel]) expect(t.options?.sentinel_tables?.default).toBe('false')
  })
  it('the defender target keeps it off by default, and takes it on request', () => {
    expect(convert(aws, { target: defender, pipelines: [] }).codes).toEqual(['pipeline.kusto_table'])
    expect(convert(aws, { target: defender, pipelines: [], options: ON }).queries).toEqual(['AWSCloudTrail\n| where EventName =~ "StopLogging"'])
  })
  it('the deprecated alias microsoft_365_defender behaves the same', () => {
    expect(convert(aws, { pipelines: ['microsoft_365_defender'], options: ON }).queries).toEqual(['AWSCloudTrail\n| where EventName =~ "StopLogging"'])
  })
  it('changes nothing for azure_monitor', () => {
    expect(convert(aws, { pipelines: ['azure_monitor'], options: ON })).toEqual(convert(aws, { pipelines: ['azure_monitor'] }))
  })
  it('sentinel_asim: a log source no ASIM parser covers uses the Sentinel table; a rule with a parser is unchanged', () => {
    expect(convert(aws, { pipelines: ['sentinel_asim'] }).codes).toEqual(['pipeline.kusto_table'])
    expect(convert(aws, { pipelines: ['sentinel_asim'], options: ON }).queries).toEqual(['AWSCloudTrail\n| where EventName =~ "StopLogging"'])
    const proc = "logsource:\n  category: process_creation\n  product: windows\ndetection:\n  selection:\n    Image|endswith: '\\\\whoami.exe'\n  condition: selection\n"
    const plain = convert(proc, { pipelines: ['sentinel_asim'] })
    expect(plain.ok).toBe(true)
    expect(convert(proc, { pipelines: ['sentinel_asim'], options: ON })).toEqual(plain)
  })
  it('refuses a value other than true/false', () => {
    const r = convert(aws, { options: { sentinel_tables: 'yes' } })
    expect(r.ok).toBe(false)
    expect(r.message).toBe('option sentinel_tables=yes is not one of: true, false')
  })
})
