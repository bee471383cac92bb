import { formatDiagnostic } from '../../src/diagnostics.js'
import type { SigmaRule } from '../../src/ir/rule.js'
import { loadSigma } from '../../src/sigma/load.js'

/** A rule from its detection section (YAML lines, indented as under `detection:`). */
export function ruleOf(detection: string): SigmaRule {
  const body = detection
    .replace(/^\n/, '')
    .split('\n')
    .map((l) => '  ' + l)
    .join('\n')
  const text = `title: test\nlogsource:\n  product: windows\ndetection:\n${body}\n`
  const r = loadSigma(text, { file: 'test.yml' })
  const errors = r.diagnostics.filter((d) => d.severity === 'error')
  const doc = r.documents[0]
  if (errors.length > 0 || doc?.kind !== 'rule') throw new Error(`rule did not load: ${errors.map(formatDiagnostic).join('; ')}\n${text}`)
  return doc
}
