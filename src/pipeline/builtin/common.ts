/**
 * Shared pieces of the shipped pipelines (pySigma sigma/pipelines/common.py): the Windows service →
 * event-log channel table and the generator of channel conditions. Pipelines are written as the
 * same definitions a YAML file would hold and compiled once, on first use.
 */
import { pipelineFromObject } from '../load.js'
import type { Pipeline } from '../types.js'

/** Sigma `service` → Windows event log channel(s). */
export const WINDOWS_LOGSOURCE_MAPPING: Readonly<Record<string, string | readonly string[]>> = {
  security: 'Security',
  application: 'Application',
  system: 'System',
  sysmon: 'Microsoft-Windows-Sysmon/Operational',
  powershell: ['Microsoft-Windows-PowerShell/Operational', 'PowerShellCore/Operational'],
  'powershell-classic': 'Windows PowerShell',
  taskscheduler: 'Microsoft-Windows-TaskScheduler/Operational',
  wmi: 'Microsoft-Windows-WMI-Activity/Operational',
  'dns-server': 'DNS Server',
  'dns-server-audit': 'Microsoft-Windows-DNS-Server/Audit',
  'dns-server-analytic': 'Microsoft-Windows-DNS-Server/Analytical',
  'driver-framework': 'Microsoft-Windows-DriverFrameworks-UserMode/Operational',
  ntlm: 'Microsoft-Windows-NTLM/Operational',
  dhcp: 'Microsoft-Windows-DHCP-Server/Operational',
  'msexchange-management': 'MSExchange Management',
  applocker: [
    'Microsoft-Windows-AppLocker/MSI and Script',
    'Microsoft-Windows-AppLocker/EXE and DLL',
    'Microsoft-Windows-AppLocker/Packaged app-Deployment',
    'Microsoft-Windows-AppLocker/Packaged app-Execution',
  ],
  'printservice-admin': 'Microsoft-Windows-PrintService/Admin',
  'printservice-operational': 'Microsoft-Windows-PrintService/Operational',
  'codeintegrity-operational': 'Microsoft-Windows-CodeIntegrity/Operational',
  'smbclient-security': 'Microsoft-Windows-SmbClient/Security',
  'firewall-as': 'Microsoft-Windows-Windows Firewall With Advanced Security/Firewall',
  'bits-client': 'Microsoft-Windows-Bits-Client/Operational',
  windefend: 'Microsoft-Windows-Windows Defender/Operational',
  'terminalservices-localsessionmanager': 'Microsoft-Windows-TerminalServices-LocalSessionManager/Operational',
  'microsoft-servicebus-client': 'Microsoft-ServiceBus-Client',
  ldap_debug: 'Microsoft-Windows-LDAP-Client/Debug',
  'security-mitigations': ['Microsoft-Windows-Security-Mitigations/Kernel Mode', 'Microsoft-Windows-Security-Mitigations/User Mode'],
  'diagnosis-scripted': 'Microsoft-Windows-Diagnosis-Scripted/Operational',
  'shell-core': 'Microsoft-Windows-Shell-Core/Operational',
  openssh: 'OpenSSH/Operational',
  bitlocker: 'Microsoft-Windows-BitLocker/BitLocker Management',
  vhdmp: 'Microsoft-Windows-VHDMP/Operational',
  'appxdeployment-server': 'Microsoft-Windows-AppXDeploymentServer/Operational',
  'lsa-server': 'Microsoft-Windows-LSA/Operational',
  'appxpackaging-om': 'Microsoft-Windows-AppxPackaging/Operational',
  'dns-client': 'Microsoft-Windows-DNS Client Events/Operational',
  'appmodel-runtime': 'Microsoft-Windows-AppModel-Runtime/Admin',
  capi2: 'Microsoft-Windows-CAPI2/Operational',
  'certificateservicesclient-lifecycle-system': 'Microsoft-Windows-CertificateServicesClient-Lifecycle-System/Operational',
}

const fill = (t: string, service: string, source: string): string => t.replace(/\{service\}/g, service).replace(/\{source\}/g, source)

/**
 * pySigma `generate_windows_logsource_items`: one `add_condition` per service, guarded by
 * `logsource product: windows, service: <service>`. Templates use `{service}` and `{source}`.
 */
export function windowsLogsourceItems(fieldTemplate: string, valueTemplate: string, idTemplate = 'windows_logsource_{service}'): object[] {
  return Object.entries(WINDOWS_LOGSOURCE_MAPPING).map(([service, source]) => {
    const src = typeof source === 'string' ? source : String(source)
    const value = typeof source === 'string' ? fill(valueTemplate, service, source) : source.map((s) => fill(valueTemplate, service, s))
    return {
      id: fill(idTemplate, service, src),
      type: 'add_condition',
      conditions: { [fill(fieldTemplate, service, src)]: value },
      rule_conditions: [{ type: 'logsource', product: 'windows', service }],
    }
  })
}

/** Compile a shipped definition; a failure here is a bug in this repository, not user input. */
export function buildPipeline(def: object, name: string): Pipeline {
  const r = pipelineFromObject(def, name)
  if (!r.pipeline) throw new Error(`built-in pipeline '${name}' is invalid: ${r.diagnostics.map((d) => `${d.key ?? ''} ${d.message}`).join('; ')}`)
  return r.pipeline
}

/** Build once on first use; compiled pipelines are immutable, so sharing them is safe. */
export function once(f: () => Pipeline): () => Pipeline {
  let p: Pipeline | undefined
  return () => (p ??= f())
}
