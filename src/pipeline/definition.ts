/**
 * `SigmaDetection.from_definition` for the small detections pipelines add (`add_condition`).
 * Plain `field: value | [values]` maps are built here; keys with modifiers need the rule loader's
 * modifier engine, which it can plug in with `setDetectionBuilder` (keeps this module free of it).
 */
import type { Detection, DetectionItem } from '../ir/rule.js'
import type { Value } from '../ir/value.js'
import { ConfigError } from './params.js'
import { NULL_KEY } from './types.js'
import { sigmaType } from './values.js'

export type DetectionBuilder = (def: Readonly<Record<string, unknown>>) => Detection

let builder: DetectionBuilder | undefined

/** Lets the rule loader handle definitions with modifiers (`field|contains: x`). */
export function setDetectionBuilder(b: DetectionBuilder | undefined): void {
  builder = b
}

export const needsBuilder = (def: Readonly<Record<string, unknown>>): boolean => Object.keys(def).some((k) => k.includes('|'))

export function detectionFromDefinition(def: Readonly<Record<string, unknown>>): Detection {
  if (needsBuilder(def)) {
    if (!builder) throw new ConfigError('add_condition: field modifiers in conditions are not supported here', 'conditions')
    return builder(Object.fromEntries(Object.entries(def).map(([k, v]) => [k === NULL_KEY ? '' : k, v])))
  }
  const items = Object.entries(def).map(([k, raw]): DetectionItem => {
    const field = k === NULL_KEY ? null : k
    const list = Array.isArray(raw) ? (raw.length === 0 ? [null] : raw) : [raw]
    const values = list.map((x: unknown): Value => {
      const v = sigmaType(x)
      if (v === undefined || Array.isArray(x)) throw new ConfigError(`add_condition: unsupported value for '${field ?? 'null'}'`, 'conditions')
      return v
    })
    return { kind: 'item', field, modifiers: [], values, link: 'or', negated: false, applied: [], originalField: field }
  })
  return { kind: 'detection', items, link: 'and' }
}
