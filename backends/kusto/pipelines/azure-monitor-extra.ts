/**
 * Extensions to pySigma's azure_monitor pipeline. They apply only where pySigma finds no table (the fallback runs
 * after its category and EventID steps) or no mapping, so everything pySigma converts stays identical.
 * Columns: schema/azure_monitor.json (Microsoft Learn table references).
 */
import type { SigmaRule } from '../../../src/ir/rule.js'
import type { FieldMap } from './transforms.js'
import { EVENT_CATEGORIES, EVENT_SERVICES } from './event-data.js'

export const MONITOR_EXTRA_CATEGORIES: Readonly<Record<string, string>> = {
  proxy: 'CommonSecurityLog',
  webserver: 'W3CIISLog',
  // DNS server query logs (Windows DNS analytics).
  dns: 'DnsEvents',
  // PowerShell and classic PowerShell logs: the Event table with their channel and event (event-data.ts).
  ...Object.fromEntries(Object.keys(EVENT_CATEGORIES).map((c) => [c, 'Event'])),
}

/** Linux daemons that log through syslog (collected into Syslog by the Azure Monitor agent); '' = no service. */
const SYSLOG_SERVICES = ['', 'syslog', 'auth', 'sshd', 'sudo', 'cron', 'vsftpd', 'clamav', 'guacamole']

/** Microsoft 365 unified audit log workloads the Office 365 connector stores in OfficeActivity. */
const OFFICE_SERVICES = ['audit', 'exchange']

/** Log sources without a category (or with one pySigma does not map) → Log Analytics table. */
export function monitorFallbackTable(rule: SigmaRule): string | undefined {
  const { product, service, category } = rule.logsource
  if (category !== undefined && category !== '') return undefined
  const key = `${product ?? ''}/${service ?? ''}`
  const tables: Readonly<Record<string, string>> = {
    'windows/security': 'SecurityEvent',
    // Windows channels other than Security/Sysmon: the Event table, filtered by EventLog (event-data.ts).
    ...Object.fromEntries(Object.keys(EVENT_SERVICES).map((s) => [`windows/${s}`, 'Event'])),
    'aws/cloudtrail': 'AWSCloudTrail',
    'azure/signinlogs': 'SigninLogs',
    'azure/auditlogs': 'AuditLogs',
    'azure/activitylogs': 'AzureActivity',
    ...Object.fromEntries(SYSLOG_SERVICES.map((s) => [`linux/${s}`, 'Syslog'])),
    ...Object.fromEntries(OFFICE_SERVICES.map((s) => [`m365/${s}`, 'OfficeActivity'])),
  }
  return tables[key]
}

export const MONITOR_EXTRA_FIELDS: Readonly<Record<string, FieldMap>> = {
  // System-section values Windows writes for every event: Provider Name, Channel, Level.
  Event: { Provider_Name: 'Source', Channel: 'EventLog', Level: 'EventLevel' },
  AWSCloudTrail: {
    eventName: 'EventName',
    eventSource: 'EventSource',
    eventType: 'EventTypeName',
    userAgent: 'UserAgent',
    errorCode: 'ErrorCode',
    errorMessage: 'ErrorMessage',
    sourceIPAddress: 'SourceIpAddress',
    awsRegion: 'AWSRegion',
    recipientAccountId: 'RecipientAccountId',
    requestParameters: 'RequestParameters',
    responseElements: 'ResponseElements',
    additionalEventData: 'AdditionalEventData',
    'userIdentity.type': 'UserIdentityType',
    'userIdentity.arn': 'UserIdentityArn',
    'userIdentity.accountId': 'UserIdentityAccountId',
    'userIdentity.userName': 'UserIdentityUserName',
    'userIdentity.principalId': 'UserIdentityPrincipalid',
    'userIdentity.accessKeyId': 'UserIdentityAccessKeyId',
    'userIdentity.invokedBy': 'UserIdentityInvokedBy',
    'userIdentity.sessionContext.sessionIssuer.type': 'SessionIssuerType',
    'userIdentity.sessionContext.sessionIssuer.arn': 'SessionIssuerArn',
    'userIdentity.sessionContext.sessionIssuer.userName': 'SessionIssuerUserName',
  },
  SigninLogs: {
    userAgent: 'UserAgent',
    Username: 'UserPrincipalName',
    conditionalAccessStatus: 'ConditionalAccessStatus',
    ClientApp: 'ClientAppUsed',
    Resultdescription: 'ResultDescription',
  },
  AuditLogs: {
    // Sigma's Azure AD audit rules name the activity `properties.message`; Log Analytics keeps it in OperationName.
    'properties.message': 'OperationName',
    operationName: 'OperationName',
    category: 'Category',
    Status: 'Result',
    'properties.result': 'Result',
    Initiatedby: 'InitiatedBy',
  },
  AzureActivity: {
    operationName: 'OperationNameValue',
    status: 'ActivityStatusValue',
  },
  CommonSecurityLog: {
    'c-useragent': 'RequestClientApplication',
    'c-uri': 'RequestURL',
    'cs-method': 'RequestMethod',
    'cs-host': 'DestinationHostName',
    'r-dns': 'DestinationHostName',
    'cs-cookie': 'RequestCookies',
    dst_ip: 'DestinationIP',
    'c-ip': 'SourceIP',
  },
  // Syslog: keywords search SyslogMessage (azure-monitor.ts); the columns themselves need no mapping.
  Syslog: {
    message: 'SyslogMessage',
    pid: 'ProcessID',
    hostname: 'HostName',
    facility: 'Facility',
  },
  // Sigma's dns taxonomy → DnsEvents. `answer` has no faithful column (IPAddresses holds resolved addresses only, not
  // TXT/CNAME data), so it is refused by name.
  DnsEvents: {
    query: 'Name',
    record_type: 'QueryType',
    src_ip: 'ClientIP',
  },
  // Office 365 Management API record fields → OfficeActivity (Operation, UserId, ClientIP, ResultStatus, ApplicationId
  // keep their names).
  OfficeActivity: {
    Workload: 'OfficeWorkload',
    ObjectId: 'OfficeObjectId',
  },
  W3CIISLog: {
    'cs-method': 'csMethod',
    'cs-uri-query': 'csUriQuery',
    'cs-uri-stem': 'csUriStem',
    'sc-status': 'scStatus',
    'cs-user-agent': 'csUserAgent',
    'cs-referer': 'csReferer',
    'cs-host': 'csHost',
    'c-ip': 'cIP',
    'cs-username': 'csUserName',
    'cs-cookie': 'csCookie',
    'cs-version': 'csVersion',
  },
}
