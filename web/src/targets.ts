/** What the controls offer, read from the registry: targets, their formats, and the pipelines valid for each. */
import { BACKENDS, allPipelines, type Backend } from '../../src/index.js'

export interface Choice {
  readonly id: string
  readonly description: string
}

export interface TargetInfo {
  readonly id: string
  readonly label: string
  readonly description: string
  readonly formats: readonly Choice[]
  readonly defaultFormat: string
  /** Pipelines offered for this target (aliases of the same pipeline shown once). */
  readonly pipelines: readonly Choice[]
  readonly defaultPipelines: readonly string[]
  readonly requiresPipeline: boolean
  /** Every accepted pipeline id (aliases included) → the id shown. */
  readonly canonical: ReadonlyMap<string, string>
}

function pipelinesFor(b: Backend): { shown: Choice[]; canonical: Map<string, string> } {
  const all = allPipelines()
  const entries = [
    ...Object.entries(b.pipelines ?? {}),
    ...Object.entries(all).filter(([id, p]) => !(id in (b.pipelines ?? {})) && (p.backends.length === 0 || p.backends.includes(b.id))),
  ]
  const byBuild = new Map<unknown, string>()
  const shown: Choice[] = []
  const canonical = new Map<string, string>()
  for (const [id, p] of entries) {
    // Aliases share the provider's build function: list the pipeline once, accept every name.
    const first = byBuild.get(p.build)
    if (first !== undefined) { canonical.set(id, first); continue }
    byBuild.set(p.build, id)
    canonical.set(id, id)
    shown.push({ id, description: p.description })
  }
  return { shown, canonical }
}

function info(b: Backend): TargetInfo {
  const { shown, canonical } = pipelinesFor(b)
  return {
    id: b.id,
    label: b.label,
    description: b.description,
    formats: Object.entries(b.formats).map(([id, f]) => ({ id, description: f.description })),
    defaultFormat: b.defaultFormat,
    pipelines: shown,
    defaultPipelines: b.defaultPipelines ?? [],
    requiresPipeline: b.requiresPipeline ?? false,
    canonical,
  }
}

export const TARGETS: readonly TargetInfo[] = BACKENDS.map(info)

export function targetInfo(id: string): TargetInfo | undefined {
  return TARGETS.find((t) => t.id === id) ?? TARGETS.find((t) => BACKENDS.find((b) => b.id === t.id)?.aliases?.includes(id))
}

/** The selection kept when switching to `t`: pipelines it accepts (by their shown id), in order, once each. */
export function validPipelines(t: TargetInfo, ids: readonly string[]): string[] {
  const out: string[] = []
  for (const id of ids) {
    const c = t.canonical.get(id)
    if (c !== undefined && !out.includes(c)) out.push(c)
  }
  return out
}

export function validFormat(t: TargetInfo, format: string): string {
  return t.formats.some((f) => f.id === format) ? format : ''
}
