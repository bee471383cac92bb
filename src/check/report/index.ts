/** The four report formats of `sigmaport check`. */
import type { CheckReport } from '../run.js'
import { jsonReport } from './json.js'
import { junitReport } from './junit.js'
import { sarifReport } from './sarif.js'
import { textReport } from './text.js'

export const REPORT_FORMATS = ['text', 'json', 'junit', 'sarif'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

export function renderReport(format: ReportFormat, r: CheckReport, version: string): string {
  switch (format) {
    case 'text': return textReport(r)
    case 'json': return jsonReport(r, version)
    case 'junit': return junitReport(r)
    case 'sarif': return sarifReport(r, version)
  }
}
