/**
 * How the field names of a rule fared in the pipelines: mapped (A → B) or kept as written. Kept names are what a
 * detection engineer must check by hand, since nothing in the target may carry them.
 */
import { applyPipelines, type Converter, type Detection, type DetectionItem, type SigmaDocument } from '../../src/index.js'

export interface FieldReport {
  /** original → mapped names (a field may map to several). */
  readonly mapped: readonly { readonly from: string; readonly to: readonly string[] }[]
  /** Fields no pipeline renamed. */
  readonly kept: readonly string[]
}

function* items(d: Detection): Generator<DetectionItem> {
  for (const i of d.items) {
    if (i.kind === 'item') yield i
    else yield* items(i)
  }
}

export function fieldReport(docs: readonly SigmaDocument[], converter: Converter): FieldReport {
  const b = converter.backend
  const options = Object.fromEntries(Object.entries(b.options ?? {}).flatMap(([k, o]) => (o.default === undefined ? [] : [[k, o.default]])))
  const env = { backend: b.id, format: converter.format, options }
  const mapped = new Map<string, Set<string>>()
  const seen = new Set<string>()
  for (const doc of docs) {
    if (doc.kind !== 'rule') continue
    // Only the rule's own fields: conditions a pipeline adds (EventID=1 …) are not the user's to check.
    const own = new Set(Object.values(doc.detections).flatMap((d) => [...items(d)].map((i) => i.field)))
    let processed
    try {
      processed = applyPipelines(doc, converter.pipelines, env).doc
    } catch {
      continue // the conversion itself reports why
    }
    if (processed.kind !== 'rule') continue
    for (const det of Object.values(processed.detections)) {
      for (const item of items(det)) {
        if (item.originalField === null || item.field === null || !own.has(item.originalField)) continue
        seen.add(item.originalField)
        if (item.field !== item.originalField) {
          const to = mapped.get(item.originalField) ?? new Set<string>()
          to.add(item.field)
          mapped.set(item.originalField, to)
        }
      }
    }
  }
  return {
    mapped: [...mapped].map(([from, to]) => ({ from, to: [...to] })),
    kept: [...seen].filter((f) => !mapped.has(f)),
  }
}
