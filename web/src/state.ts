/**
 * What the page shows, as one plain immutable value. The share link and the saved session are this value, checked
 * with zod on the way in (a fragment or localStorage entry is untrusted input like any other).
 */
import { z } from 'zod'

export type View = 'query' | 'all'
export type Mode = 'local' | 'server'

export interface PageState {
  readonly rule: string
  readonly target: string
  /** '' = the target's default format. */
  readonly format: string
  readonly pipelines: readonly string[]
  readonly pipelineYaml: string
  readonly view: View
  /** Never part of a share link: opening a link must not send the rule anywhere. */
  readonly mode: Mode
}

/** Upper bound on a restored rule/pipeline text (1 MiB): a crafted link must not freeze the tab. */
export const MAX_TEXT = 1024 * 1024

const id = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/)

/** The shared part, with short keys to keep links short. */
export const sharedSchema = z.object({
  r: z.string().max(MAX_TEXT),
  t: id,
  f: z.union([id, z.literal('')]).optional(),
  p: z.array(id).max(32).optional(),
  y: z.string().max(MAX_TEXT).optional(),
  v: z.enum(['query', 'all']).optional(),
})
export type Shared = z.infer<typeof sharedSchema>

const savedSchema = sharedSchema.extend({ m: z.enum(['local', 'server']).optional() })

export function toShared(s: PageState): Shared {
  return {
    r: s.rule,
    t: s.target,
    ...(s.format === '' ? {} : { f: s.format }),
    ...(s.pipelines.length === 0 ? {} : { p: [...s.pipelines] }),
    ...(s.pipelineYaml.trim() === '' ? {} : { y: s.pipelineYaml }),
    ...(s.view === 'query' ? {} : { v: s.view }),
  }
}

export function fromShared(x: Shared, base: PageState): PageState {
  return {
    ...base,
    rule: x.r,
    target: x.t,
    format: x.f ?? '',
    pipelines: x.p ?? [],
    pipelineYaml: x.y ?? '',
    view: x.v ?? 'query',
  }
}

const STORAGE_KEY = 'sigmaport.web.v1'

/** The last session (local only), so the page a user keeps open survives a reload. */
export function loadSaved(base: PageState, storage: Storage | undefined): PageState {
  try {
    const raw = storage?.getItem(STORAGE_KEY)
    if (!raw) return base
    const parsed = savedSchema.safeParse(JSON.parse(raw))
    if (!parsed.success) return base
    return { ...fromShared(parsed.data, base), mode: parsed.data.m ?? 'local' }
  } catch {
    return base
  }
}

export function save(s: PageState, storage: Storage | undefined): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify({ ...toShared(s), m: s.mode }))
  } catch {
    // Storage full or disabled (private windows): the page works without it.
  }
}
