/** Per-run bookkeeping (pySigma keeps it on the pipeline object and resets it per rule). */
import type { Doc, FieldMappings, PipelineEnv, RunState } from './types.js'

export function createRunState(doc: Doc, vars: Readonly<Record<string, unknown>>, env: PipelineEnv): RunState {
  return {
    vars,
    state: {},
    ruleApplied: new Set(doc.kind === 'rule' ? doc.applied : []),
    fieldApplied: new Map(),
    mappings: { forward: new Map(), targets: new Map() },
    env,
  }
}

/** pySigma `track_field_processing_items`: the ids that produced `src` move on to each new name. */
export function trackFieldProcessing(run: RunState, src: string, dest: readonly string[], id: string): void {
  if (dest.length === 1 && dest[0] === src) return
  const ids = run.fieldApplied.get(src) ?? new Set<string>()
  ids.add(id)
  run.fieldApplied.delete(src)
  for (const f of dest) run.fieldApplied.set(f, new Set(ids))
}

const setOf = <K, V>(m: Map<K, Set<V>>, k: K): Set<V> => {
  let s = m.get(k)
  if (!s) m.set(k, (s = new Set()))
  return s
}

/** pySigma FieldMappingTracking.add_mapping, including its reverse-map update. */
export function addMapping(m: FieldMappings, source: string | null, target: readonly string[]): void {
  const sources = m.targets.get(source)
  if (sources !== undefined) {
    let last: string | null = null
    for (const sf of sources) {
      const ts = setOf(m.forward, sf)
      if (source !== null) ts.delete(source)
      for (const t of target) ts.add(t)
      last = sf
    }
    m.targets.delete(source)
    // pySigma adds only the last iterated source here (loop variable leak); kept for parity.
    for (const t of target) setOf(m.targets, t).add(last)
  }
  const fw = setOf(m.forward, source)
  for (const t of target) fw.add(t)
  for (const t of target) setOf(m.targets, t).add(source)
}

export function mergeMappings(into: FieldMappings, from: FieldMappings): void {
  for (const [src, ts] of from.forward) addMapping(into, src, [...ts])
}
