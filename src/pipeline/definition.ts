/**
 * `SigmaDetection.from_definition` for the small detections pipelines add (`add_condition`):
 * `field: value | [values]` maps, with `null` (NULL_KEY) as the keyword pseudo-field. Keys with
 * modifiers (`field|contains`) go through the rule loader's modifier engine.
 */
import type { Detection, DetectionItem } from '../ir/rule.js'
import type { Value } from '../ir/value.js'
import { buildDetectionItem } from '../sigma/modifiers.js'
import { ConfigError } from './params.js'
import { NULL_KEY } from './types.js'
import { sigmaType } from './values.js'

function plainItem(field: string | null, raw: unknown): DetectionItem {
  const list = Array.isArray(raw) ? (raw.length === 0 ? [null] : raw) : [raw]
  const values = list.map((x: unknown): Value => {
    const v = Array.isArray(x) ? undefined : sigmaType(x)
    if (v === undefined) throw new ConfigError(`add_condition: unsupported value for '${field ?? 'null'}'`, 'conditions')
    return v
  })
  return { kind: 'item', field, modifiers: [], values, link: 'or', negated: false, applied: [], originalField: field }
}

function modifiedItem(key: string, raw: unknown): DetectionItem {
  const r = buildDetectionItem(key, raw)
  const problem = r.diagnostics.find((d) => d.severity === 'error')
  if (problem || !r.item) throw new ConfigError(`add_condition: '${key}': ${problem?.message ?? 'invalid condition'}`, 'conditions')
  return r.item
}

export function detectionFromDefinition(def: Readonly<Record<string, unknown>>): Detection {
  const items = Object.entries(def).map(([k, raw]) => (k.includes('|') ? modifiedItem(k, raw) : plainItem(k === NULL_KEY ? null : k, raw)))
  return { kind: 'detection', items, link: 'and' }
}
