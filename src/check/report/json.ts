/** Check findings as one JSON object: tool, summary and every finding. */
import { ATTACK_VERSION } from '../validators/tags.js'
import type { CheckReport } from '../run.js'
import { summaryCounts } from './text.js'

export function jsonReport(r: CheckReport, version: string): string {
  return JSON.stringify({
    tool: { name: 'sigmaport', version, attackVersion: ATTACK_VERSION },
    summary: { files: r.files.length, documents: r.documents, findings: summaryCounts(r).total, bySeverity: summaryCounts(r).bySeverity, byValidator: summaryCounts(r).byValidator },
    validators: r.validators.map((v) => v.id),
    findings: r.findings,
  }, null, 2) + '\n'
}
