// Validate rules and write SARIF for GitHub code scanning (the library behind `sigmaport check`).
import { loadSigma } from 'sigmaport'
import { loadConfig, renderReport, runChecks } from 'sigmaport/node'

export function sarifFor(files: { file: string; text: string }[]): string {
  const config = loadConfig('validators: [all, -tlptag]\n', 'validation.yml', [], [])
  if (!config.ok) throw new Error(config.diagnostics.map((d) => d.message).join('; '))
  const loaded = files.map((f) => loadSigma(f.text, { file: f.file }))
  const report = runChecks({
    documents: loaded.flatMap((l) => l.documents),
    diagnostics: loaded.flatMap((l) => l.diagnostics),
    texts: new Map(files.map((f) => [f.file, f.text])),
  }, config.config)
  return renderReport('sarif', report, '1.0.0')
}
