// Convert Sigma YAML text with the browser-safe core: one converter (pipelines compiled once), typed results.
import { createConverter, formatDiagnostic } from 'sigmaport'

export function toSplunk(yamlText: string, file: string): { queries: string[]; errors: string[] } {
  const conv = createConverter({ target: 'splunk', pipelines: ['splunk_windows'] })
  const { results, diagnostics } = conv.convertText(yamlText, file)
  const queries: string[] = []
  const errors = diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)
  for (const r of results) {
    if (r.ok) queries.push(...r.queries.map(String))
    else errors.push(...r.diagnostics.map(formatDiagnostic))
  }
  return { queries, errors }
}
