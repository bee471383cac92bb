/**
 * Check findings as JUnit XML for CI dashboards: one test case per rule file (it fails when the file has findings;
 * the failure lists them all), grouped in one test suite.
 */
import type { CheckReport } from '../run.js'
import type { Finding } from '../types.js'
import { findingLine } from './text.js'

const xml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string)
    // XML 1.0 cannot carry most control characters, even escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)

export function junitReport(r: CheckReport): string {
  const byFile = new Map<string, Finding[]>()
  for (const f of r.files) byFile.set(f, [])
  for (const f of r.findings) byFile.set(f.file ?? '', [...(byFile.get(f.file ?? '') ?? []), f])
  const failing = [...byFile.values()].filter((fs) => fs.length > 0).length
  const cases = [...byFile].map(([file, fs]) => {
    const head = `    <testcase classname="sigmaport.check" name="${xml(file)}" file="${xml(file)}"`
    if (fs.length === 0) return `${head}/>`
    const validators = [...new Set(fs.map((f) => f.validator))].join(', ')
    return `${head}>\n      <failure type="${xml(validators)}" message="${xml(`${fs.length} finding${fs.length === 1 ? '' : 's'}: ${validators}`)}">${xml(fs.map(findingLine).join('\n'))}</failure>\n    </testcase>`
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="sigmaport check" tests="${byFile.size}" failures="${failing}" errors="0">`,
    `  <testsuite name="sigmaport check" tests="${byFile.size}" failures="${failing}" errors="0" skipped="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n')
}
