// One compiled converter for many batches, e.g. rules from memory (a pull request's changed files) and from disk.
import { createBatchConverter } from 'sigmaport/node'
import type { DocumentResult } from 'sigmaport/node'

export async function convertTwice(texts: { file: string; text: string }[]): Promise<DocumentResult[][]> {
  const batch = createBatchConverter({ target: 'kusto', pipelines: ['microsoft_xdr'] })
  const runs: DocumentResult[][] = []
  for (let i = 0; i < 2; i++) {
    const results: DocumentResult[] = []
    for await (const file of batch.convertSources(texts)) results.push(...file.results)
    runs.push(results)
  }
  return runs
}
