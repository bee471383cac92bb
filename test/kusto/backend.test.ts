/** Kusto backend behaviour beyond pySigma: fixes, refusals that name the field, extensions, friendly targets. */
import { describe, expect, it } from 'vitest'
import { createConverter } from '../../src/convert.js'
import { defender, kusto, sentinel } from '../../backends/kusto/backend.js'
import type { Backend } from '../../src/backend.js'
import { kustoIdent } from '../../backends/kusto/render.js'

const rule = (logsource: string, detection: string): string => `title: t\nlogsource: {${logsource}}\ndetection:\n${detection}\n`
function convert(text: string, target: Backend = kusto, pipelines: string[] = [], backendOptions: Record<string, string> = {}) {
  const c = createConverter({ target, pipelines, backendOptions })
  const r = c.convertText(text, 'r.yml').results[0]
  if (!r) throw new Error('no result')
  return { ok: r.ok, queries: r.queries as string[], message: r.diagnostics.map((d) => d.message).join('\n') }
}

describe('kusto rendering', () => {
  const cases: [string, string, string][] = [
    ['pySigma verified example', "  sel:\n    Image|endswith: '\\powershell.exe'\n    CommandLine|contains: [' -enc ', ' -EncodedCommand ']\n  filter:\n    User: 'NT AUTHORITY\\SYSTEM'\n  condition: sel and not filter",
      '(Image endswith "\\\\powershell.exe" and (CommandLine contains " -enc " or CommandLine contains " -EncodedCommand ")) and (not(User =~ "NT AUTHORITY\\\\SYSTEM"))'],
    ['null → isempty', '  sel:\n    OriginalFileName: null\n  condition: sel', 'isempty(OriginalFileName)'],
    ['ipv6 cidr', "  sel:\n    DestinationIp|cidr: ['fc00::/7', '10.0.0.0/8']\n  condition: sel", 'ipv6_is_in_range(DestinationIp, "fc00::/7") or ipv4_is_in_range(DestinationIp, "10.0.0.0/8")'],
    ['keyword', "  keywords:\n    - 'evil'\n  condition: keywords", '* contains "evil"'],
    ['inner wildcard', "  sel:\n    Image: 'C:\\Windows\\\\*\\cmd?.exe'\n  condition: sel", 'Image matches regex "(?i)^C:\\\\\\\\Windows\\\\\\\\.*\\\\\\\\cmd.\\\\.exe$"'],
    ['quoted field', "  sel:\n    'c-uri': 'x'\n  condition: sel", "['c-uri'] =~ \"x\""],
    ['newline in a value', '  sel:\n    CommandLine: "a\\nb\\tc"\n  condition: sel', 'CommandLine =~ "a\\nb\\tc"'],
    ['cased (extension)', "  sel:\n    CommandLine|cased: 'AbC'\n  condition: sel", 'CommandLine == "AbC"'],
    ['fieldref (extension)', '  sel:\n    A|fieldref: B\n  condition: sel', 'A =~ B'],
    ['number', '  sel:\n    EventID: 4624\n  condition: sel', 'EventID == 4624'],
  ]
  for (const [name, det, want] of cases)
    it(name, () => {
      const r = convert(rule('product: windows', det))
      expect(r.message).toBe('')
      expect(r.queries).toEqual([want])
    })

  it('quotes keywords and non-identifiers as [\'…\']', () => {
    expect(kustoIdent('where')).toBe("['where']")
    expect(kustoIdent("it's\\x")).toBe("['it\\'s\\\\x']")
    expect(kustoIdent('Image')).toBe('Image')
  })
})

describe('kusto pipelines', () => {
  it('refuses a field the table has no column for, naming it', () => {
    const r = convert(rule('category: process_creation, product: windows', '  sel:\n    CurrentDirectory: x\n  condition: sel'), kusto, ['microsoft_xdr'])
    expect(r.ok).toBe(false)
    expect(r.message).toContain('CurrentDirectory')
  })
  it('keeps the raw name under unmapped_fields=keep', () => {
    const r = convert(rule('category: process_creation, product: windows', '  sel:\n    CurrentDirectory: x\n  condition: sel'), kusto, ['microsoft_xdr'], { unmapped_fields: 'keep' })
    expect(r.queries).toEqual(['DeviceProcessEvents\n| where CurrentDirectory =~ "x"'])
  })
  it('refuses pySigma mappings to columns that do not exist (SecurityEvent DestinationIp)', () => {
    const r = convert(rule('product: windows, service: security', '  sel:\n    EventID: 5156\n    DestinationIp: 1.2.3.4\n  condition: sel'), kusto, ['azure_monitor'])
    expect(r.ok).toBe(false)
    expect(r.message).toContain('DestinationIp')
    // In a Sysmon category the Defender table that has the column takes the rule instead.
    const n = convert(rule('category: network_connection, product: windows', '  sel:\n    DestinationIp: 1.2.3.4\n  condition: sel'), kusto, ['azure_monitor'])
    expect(n.queries).toEqual(['DeviceNetworkEvents\n| where RemoteIP =~ "1.2.3.4"'])
  })
  it('extension: windows/system → Event with the channel as a condition', () => {
    const r = convert(rule('product: windows, service: system', '  sel:\n    Provider_Name: Service Control Manager\n    EventID: 7045\n  condition: sel'), kusto, ['azure_monitor'])
    expect(r.queries).toEqual(['Event\n| where EventLog =~ "System" and (Source =~ "Service Control Manager" and EventID == 7045)'])
  })
  it('extension: aws/cloudtrail → AWSCloudTrail', () => {
    const r = convert(rule('product: aws, service: cloudtrail', '  sel:\n    eventSource: iam.amazonaws.com\n    eventName: CreateUser\n  condition: sel'), kusto, ['azure_monitor'])
    expect(r.queries).toEqual(['AWSCloudTrail\n| where EventSource =~ "iam.amazonaws.com" and EventName =~ "CreateUser"'])
  })
  it('extension: dns_query → _Im_Dns (sentinel_asim)', () => {
    const r = convert(rule('category: dns_query, product: windows', '  sel:\n    QueryName|endswith: .onion\n  condition: sel'), kusto, ['sentinel_asim'])
    expect(r.queries).toEqual(['_Im_Dns\n| where DnsQuery endswith ".onion"'])
  })
})

describe('friendly targets', () => {
  const text = rule('category: process_creation, product: windows', "  sel:\n    Image|endswith: '\\whoami.exe'\n  condition: sel")
  it('defender defaults to microsoft_xdr', () => expect(convert(text, defender).queries).toEqual(['DeviceProcessEvents\n| where FolderPath endswith "\\\\whoami.exe"']))
  it('sentinel defaults to azure_monitor', () => expect(convert(text, sentinel).queries).toEqual(['SecurityEvent\n| where NewProcessName endswith "\\\\whoami.exe"']))
  it('an explicit pipeline wins', () => expect(convert(text, sentinel, ['sentinel_asim']).queries).toEqual(['imProcessCreate\n| where TargetProcessName endswith "\\\\whoami.exe"']))
})
