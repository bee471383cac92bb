/**
 * Windows Security logon events (windows-logon.ts): rules pySigma refuses on DeviceLogonEvents / imAuthentication are
 * converted with the event's condition, the table's LogonType names and the documented columns; rules pySigma converts
 * keep its output; undocumented events, logon types and fields are refused by name.
 */
import { describe, expect, it } from 'vitest'
import { createConverter } from '../../src/convert.js'
import { kusto } from '../../backends/kusto/backend.js'

const rule = (detection: string): string => `title: t\nlogsource: {product: windows, service: security}\ndetection:\n${detection}\n`
function convert(pipeline: string, detection: string) {
  const r = createConverter({ target: kusto, pipelines: [pipeline] }).convertText(rule(detection), 'r.yml').results[0]
  if (!r) throw new Error('no result')
  return { ok: r.ok, queries: r.queries as string[], message: r.diagnostics.map((d) => d.message).join('\n') }
}

/** A table of conversions and a table of refusals for one pipeline. */
function table(pipeline: string, ok: readonly [string, string, string][], refused: readonly [string, string, RegExp][]): void {
  for (const [name, det, want] of ok)
    it(name, () => {
      const r = convert(pipeline, det)
      expect(r.message).toBe('')
      expect(r.queries).toEqual([want])
    })
  for (const [name, det, want] of refused)
    it(`refuses: ${name}`, () => {
      const r = convert(pipeline, det)
      expect(r.ok).toBe(false)
      expect(r.message).toMatch(want)
    })
}

// Snippets from corpus rules (win_security_rdp_localhost_login, win_security_susp_rottenpotato, win_security_susp_failed_logon_source,
// win_security_successful_external_remote_smb_login, win_security_admin_rdp_login, win_security_susp_logon_newcredentials).
const RDP_LOCALHOST = "  selection:\n    EventID: 4624\n    LogonType: 10\n    IpAddress:\n      - '::1'\n      - '127.0.0.1'\n  condition: selection"
const ROTTENPOTATO =
  "  selection:\n    EventID: 4624\n    LogonType: 3\n    TargetUserName: 'ANONYMOUS LOGON'\n    WorkstationName: '-'\n    IpAddress:\n      - 127.0.0.1\n      - '::1'\n  condition: selection"
const FAILED_SOURCE = "  selection:\n    EventID: 4625\n  filter:\n    IpAddress: '-'\n  condition: selection and not filter"
const SUBJECT = "  selection:\n    EventID:\n      - 4624\n      - 4625\n    SubjectUserSid: 'S-1-0-0'\n    TargetDomainName: 'CORP'\n  condition: selection"
const NETWORK_LOGON_TYPE = "  selection:\n    EventID: 4624\n    LogonType: 3\n    TargetUserSid|startswith: 'S-1-5-21-'\n  condition: selection"
const AUTH_PACKAGE = "  selection:\n    EventID: 4624\n    LogonType: 10\n    AuthenticationPackageName: Negotiate\n    TargetUserName|startswith: 'adm'\n  condition: selection"
const NEW_CREDENTIALS = '  selection:\n    EventID: 4624\n    LogonType: 9\n  condition: selection'
const NEW_CREDENTIALS_SUBJECT = "  selection:\n    EventID: 4624\n    LogonType: 9\n    SubjectUserName: 'x'\n  condition: selection"
const EXPLICIT = "  selection:\n    EventID: 4648\n    TargetServerName: 'localhost'\n  condition: selection"
const NTLM = "  selection:\n    EventID:\n      - 4624\n      - 4776\n    Workstation: 'x'\n  condition: selection"
const LOGOFF_SUBJECT = "  selection:\n    EventID:\n      - 4634\n      - 4647\n    SubjectUserSid: 'S-1-5-18'\n  condition: selection"

describe('microsoft_xdr: Windows logon events → DeviceLogonEvents', () => {
  const ok: [string, string, string][] = [
    ['4624 RDP from localhost', RDP_LOCALHOST, 'DeviceLogonEvents\n| where ActionType =~ "LogonSuccess" and (LogonType in~ ("RemoteInteractive", "Remote interactive (RDP) logons")) and (RemoteIP in~ ("::1", "127.0.0.1"))'],
    [
      '4624 network logon, target user and source host',
      ROTTENPOTATO,
      'DeviceLogonEvents\n| where ActionType =~ "LogonSuccess" and LogonType =~ "Network" and AccountName =~ "ANONYMOUS LOGON" and RemoteDeviceName =~ "-" and (RemoteIP in~ ("127.0.0.1", "::1"))',
    ],
    ['4625 with a filter on the source', FAILED_SOURCE, 'DeviceLogonEvents\n| where ActionType =~ "LogonFailed" and (not(RemoteIP =~ "-"))'],
    [
      'EventID list, subject and target domain',
      SUBJECT,
      'DeviceLogonEvents\n| where (ActionType in~ ("LogonSuccess", "LogonFailed")) and InitiatingProcessAccountSid =~ "S-1-0-0" and AccountDomain =~ "CORP"',
    ],
    ['target SID', NETWORK_LOGON_TYPE, 'DeviceLogonEvents\n| where ActionType =~ "LogonSuccess" and LogonType =~ "Network" and AccountSid startswith "S-1-5-21-"'],
    // pySigma converts this rule (every field is a column), so its output is kept.
    ['pySigma-converted rule unchanged', NEW_CREDENTIALS, 'DeviceLogonEvents\n| where LogonType == 9'],
  ]

  const refused: [string, string, RegExp][] = [
    ['AuthenticationPackageName has no documented equivalent', AUTH_PACKAGE, /AuthenticationPackageName/],
    ['LogonType 9 is not a documented Defender value', NEW_CREDENTIALS_SUBJECT, /LogonType 9 has no documented DeviceLogonEvents value/],
    ['4648 is not a DeviceLogonEvents event', EXPLICIT, /Windows EventID 4648/],
    ['4776 is not a DeviceLogonEvents event', NTLM, /Windows EventID 4776/],
    ['logoff events are not DeviceLogonEvents events', LOGOFF_SUBJECT, /Windows EventID 4634/],
  ]
  table('microsoft_xdr', ok, refused)
})

describe('sentinel_asim: Windows logon events → imAuthentication', () => {
  const ok: [string, string, string][] = [
    [
      '4624 RDP from localhost',
      RDP_LOCALHOST,
      'imAuthentication\n| where (EventType =~ "Logon" and EventResult =~ "Success") and EventSubType =~ "RemoteInteractive" and ((SrcIpAddr in~ ("::1", "127.0.0.1")) or (TargetIpAddr in~ ("::1", "127.0.0.1")))',
    ],
    ['LogonType 9 → NewCredentials', NEW_CREDENTIALS, 'imAuthentication\n| where (EventType =~ "Logon" and EventResult =~ "Success") and EventSubType =~ "NewCredentials"'],
    [
      'EventID list → Success or Failure',
      "  selection:\n    EventID:\n      - 4624\n      - 4625\n    LogonType: 2\n  condition: selection",
      'imAuthentication\n| where ((EventType =~ "Logon" and EventResult =~ "Success") or (EventType =~ "Logon" and EventResult =~ "Failure")) and EventSubType =~ "Interactive"',
    ],
    ['target SID', NETWORK_LOGON_TYPE, 'imAuthentication\n| where (EventType =~ "Logon" and EventResult =~ "Success") and EventSubType =~ "Network" and TargetUserId startswith "S-1-5-21-"'],
  ]

  const refused: [string, string, RegExp][] = [
    ['4648 is not an ASIM Windows logon event', EXPLICIT, /Windows EventID 4648/],
    ['4776 is not an ASIM Windows logon event', NTLM, /Windows EventID 4776/],
    ['LogonType 6 has no name', "  selection:\n    EventID: 4624\n    LogonType: 6\n  condition: selection", /LogonType 6 has no documented imAuthentication value/],
  ]
  table('sentinel_asim', ok, refused)
})
