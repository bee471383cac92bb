// Convert a directory of rules in CI: one result per rule file, in a stable order, failures with reasons.
import { createBatchConverter } from 'sigmaport/node'

export async function convertRules(dir: string): Promise<{ queries: string[]; refused: string[] }> {
  // Built once: target, output format and compiled pipelines are reused for every rule.
  const batch = createBatchConverter({ target: 'splunk', pipelines: ['splunk_windows'] })
  const queries: string[] = []
  const refused: string[] = []
  for await (const file of batch.convertDirectory(dir, { workers: 'auto' })) {
    for (const d of file.diagnostics) if (d.severity === 'error') refused.push(`${file.file}: ${d.message}`)
    for (const rule of file.results) {
      if (rule.ok) queries.push(...rule.queries.map(String))
      else refused.push(`${file.file}: ${rule.title}: ${rule.diagnostics[0]?.message ?? 'failed'}`)
    }
  }
  return { queries, refused }
}
