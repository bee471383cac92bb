/**
 * Events as Sigma rules address them. A plain JSON object answers `a.b.c` with a key `a.b.c`, a nested
 * path `a` → `b` → `c`, or any mix (`a` → `b.c`), looking through arrays on the way, as Elasticsearch and
 * Splunk's JSON extraction do. A Windows event export (`{"Event": {"System": …, "EventData": …}}`, the
 * SigmaHQ regression format) is flattened as Windows log agents expose it: see `windows-event.ts`.
 */
import { isRecord } from './record.js'
import { windowsFields } from './windows-event.js'

export type Scalar = string | number | boolean | null

/** What a field holds: `present` = some path leads to the key; `values` = its leaves, arrays flattened. */
export interface FieldLookup {
  readonly present: boolean
  readonly values: readonly unknown[]
}

export interface EventView {
  readonly format: EventFormat
  lookup(field: string): FieldLookup
  /** Every string, number and boolean in the event, for keyword (field-less) search. */
  scalars(): readonly Scalar[]
}

export type EventFormat = 'plain' | 'windows'

const MAX_SEGMENTS = 32
const MAX_DEPTH = 64

/** Arrays flattened (bounded depth), everything else kept. */
function leaves(v: unknown, out: unknown[], depth = 0): void {
  if (Array.isArray(v) && depth < MAX_DEPTH) for (const x of v) leaves(x, out, depth + 1)
  else out.push(v)
}

function resolve(node: unknown, segs: readonly string[], out: unknown[], depth: number): boolean {
  if (depth > MAX_DEPTH) return false
  if (Array.isArray(node)) {
    let found = false
    for (const x of node) found = resolve(x, segs, out, depth + 1) || found
    return found
  }
  if (!isRecord(node)) return false
  let found = false
  // Longest key first: `a.b.c` as one key, then `a.b` → `c`, then `a` → `b.c` / `a` → `b` → `c`.
  for (let k = segs.length; k >= 1; k--) {
    const key = segs.slice(0, k).join('.')
    if (!Object.hasOwn(node, key)) continue
    const child = node[key]
    if (k === segs.length) {
      leaves(child, out)
      found = true
    } else found = resolve(child, segs.slice(k), out, depth + 1) || found
  }
  return found
}

/** Sigma field lookup on a JSON value (dotted names reach into nested objects). */
export function lookupPath(event: unknown, field: string): FieldLookup {
  const out: unknown[] = []
  const segs = field.split('.')
  const present = segs.length > MAX_SEGMENTS ? resolve(event, [field], out, 0) : resolve(event, segs, out, 0)
  return { present, values: out }
}

/** All scalars of a JSON value, iteratively (events may be deeply nested). */
export function collectScalars(root: unknown): Scalar[] {
  const out: Scalar[] = []
  const stack: unknown[] = [root]
  while (stack.length > 0) {
    const v = stack.pop()
    if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push(v[i])
    else if (isRecord(v)) {
      const vals = Object.values(v)
      for (let i = vals.length - 1; i >= 0; i--) stack.push(vals[i])
    } else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out.push(v)
  }
  return out
}

export function plainEvent(event: unknown): EventView {
  let scalars: Scalar[] | undefined
  return {
    format: 'plain',
    lookup: (field) => lookupPath(event, field),
    scalars: () => (scalars ??= collectScalars(event)),
  }
}

/** A SigmaHQ regression / evtx_dump JSON export: `{"Event": {"System": {…}, …}}`. */
export function isWindowsExport(event: unknown): boolean {
  return isRecord(event) && isRecord(event.Event) && isRecord(event.Event.System)
}

export function windowsEvent(event: Record<string, unknown>): EventView {
  const { fields, aliases } = windowsFields(event)
  let scalars: Scalar[] | undefined
  return {
    format: 'windows',
    lookup: (field) => {
      const name = fields.has(field) ? field : aliases.get(field)
      if (name === undefined) return lookupPath(event, field)
      const out: unknown[] = []
      leaves(fields.get(name), out)
      return { present: true, values: out }
    },
    scalars: () => (scalars ??= collectScalars([...fields.values()])),
  }
}

/** The view of an event: a Windows export is recognised by its shape unless the format is given. */
export function eventView(event: unknown, format?: EventFormat): EventView {
  if (format === 'plain') return plainEvent(event)
  if (isRecord(event) && (format === 'windows' || isWindowsExport(event))) return windowsEvent(event)
  return plainEvent(event)
}
