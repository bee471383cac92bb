/**
 * Check findings as SARIF 2.1.0 (GitHub code scanning, Azure DevOps and other SARIF viewers): one rule per validator,
 * one result per finding with its file, line and column; severities high/medium/low → error/warning/note.
 */
import type { CheckReport } from '../run.js'
import type { CheckSeverity, Finding } from '../types.js'

const LEVEL: Readonly<Record<CheckSeverity, 'error' | 'warning' | 'note'>> = { error: 'error', high: 'error', medium: 'warning', low: 'note' }
/** GitHub's security-severity (0-10) orders alerts; pySigma's severities mapped onto its bands. */
const SCORE: Readonly<Record<CheckSeverity, string>> = { error: '8.0', high: '7.0', medium: '5.0', low: '2.0' }

const uri = (file: string): string => file.replace(/\\/g, '/').replace(/^\.\//, '')

export function sarifReport(r: CheckReport, version: string): string {
  const rules = [
    ...r.validators.map((v) => ({ id: v.id, description: v.description, severity: v.severity as CheckSeverity, origin: v.origin })),
    ...[...new Set(r.findings.filter((f) => f.severity === 'error').map((f) => f.validator))].map((id) => ({ id, description: 'The document could not be loaded', severity: 'error' as CheckSeverity, origin: 'sigmaport' })),
  ]
  const index = new Map(rules.map((x, i) => [x.id, i]))
  const result = (f: Finding) => ({
    ruleId: f.validator,
    ruleIndex: index.get(f.validator) ?? -1,
    level: LEVEL[f.severity],
    message: { text: f.message + (f.key === undefined ? '' : ` [${f.key}]`) },
    locations: f.file === undefined ? [] : [{
      physicalLocation: {
        artifactLocation: { uri: uri(f.file), uriBaseId: '%SRCROOT%' },
        region: { startLine: f.line ?? 1, ...(f.column === undefined ? {} : { startColumn: f.column }) },
      },
    }],
    ...(f.ruleId === undefined ? {} : { properties: { sigmaRuleId: f.ruleId, sigmaRuleTitle: f.title } }),
  })
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'sigmaport',
          version,
          informationUri: 'https://github.com/SigmaHQ/sigma-specification',
          rules: rules.map((x) => ({
            id: x.id,
            name: x.id.split(/[_.]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(''),
            shortDescription: { text: x.description },
            defaultConfiguration: { level: LEVEL[x.severity] },
            properties: { tags: ['sigma', x.origin], 'security-severity': SCORE[x.severity], precision: 'high' },
          })),
        },
      },
      columnKind: 'unicodeCodePoints',
      results: r.findings.map(result),
    }],
  }
  return JSON.stringify(sarif, null, 2) + '\n'
}
