/**
 * Offline MITRE ATT&CK (Enterprise) lookups for `attack.*` tags. The data is a snapshot extracted from
 * mitre/cti (attack/enterprise.json names its commit and release; attack/extract-attack.py rebuilds it).
 * Tags are matched the way SigmaHQ writes them: tactic short names with dashes or underscores, technique ids
 * `tNNNN` / `tNNNN.NNN` in any case. Revoked techniques resolve to the technique that replaced them.
 */
import data from './attack/enterprise.json' with { type: 'json' }

export interface Tactic {
  readonly id: string
  readonly name: string
  readonly shortname: string
}

export interface Technique {
  readonly id: string
  readonly name: string
  /** Parent technique id for a sub-technique. */
  readonly parent?: string
  /** Its tactics in matrix order; empty when the id is not in the snapshot. */
  readonly tactics: readonly Tactic[]
  /** False when the snapshot does not know the id (kept as written, named by its id). */
  readonly known: boolean
}

interface RawTechnique {
  readonly name: string
  readonly tactics: readonly string[]
  readonly revokedBy?: string
}

export const ATTACK_SOURCE: { readonly source: string; readonly commit: string; readonly version: string } = {
  source: data.source,
  commit: data.commit,
  version: data.version,
}

export const TACTICS: readonly Tactic[] = data.tactics
const TACTIC_BY_SHORTNAME = new Map(TACTICS.map((t) => [t.shortname, t]))
const TECHNIQUES = data.techniques as Readonly<Record<string, RawTechnique>>

/** `attack.<name>` tag name → tactic (underscores accepted, as in Sigma v1 tags). */
export function tacticForTag(name: string): Tactic | undefined {
  return TACTIC_BY_SHORTNAME.get(name.toLowerCase().replace(/_/g, '-'))
}

const TECHNIQUE_TAG = /^t(\d{4})(?:\.(\d{3}))?$/i

export function technique(id: string): Technique {
  let key = id.toUpperCase()
  let raw = TECHNIQUES[key]
  for (let hops = 0; raw?.revokedBy !== undefined && hops < 5; hops++) {
    key = raw.revokedBy
    raw = TECHNIQUES[key]
  }
  const parent = key.length > 5 ? key.slice(0, 5) : undefined
  if (raw === undefined) return { id: key, name: key, ...(parent ? { parent } : {}), tactics: [], known: false }
  const tactics = raw.tactics.map((s) => TACTIC_BY_SHORTNAME.get(s)).filter((t): t is Tactic => t !== undefined)
  return { id: key, name: raw.name, ...(parent ? { parent } : {}), tactics, known: true }
}

export const techniqueName = (id: string): string => technique(id).name

function splitTag(tag: string): { namespace: string; name: string } {
  const i = tag.indexOf('.')
  return i < 0 ? { namespace: '', name: tag } : { namespace: tag.slice(0, i).toLowerCase(), name: tag.slice(i + 1) }
}

export interface AttackGroup {
  readonly tactic: Tactic
  readonly techniques: readonly Technique[]
}

/**
 * The rule's ATT&CK coverage as tactic groups. Tagged tactics come first, in tag order. Each tagged technique
 * joins the first tagged tactic it belongs to in ATT&CK; a technique the snapshot does not know joins the
 * tactic tagged before it (SigmaHQ writes `attack.<tactic>` then its techniques), else the first tagged tactic;
 * a technique none of whose tactics is tagged adds its first ATT&CK tactic as a group of its own.
 */
export function attackGroups(tags: readonly string[]): AttackGroup[] {
  const groups: { tactic: Tactic; techniques: Technique[] }[] = []
  const group = (t: Tactic): { tactic: Tactic; techniques: Technique[] } => {
    const found = groups.find((g) => g.tactic.id === t.id)
    if (found) return found
    const g = { tactic: t, techniques: [] as Technique[] }
    groups.push(g)
    return g
  }
  const pending: { tech: Technique; after: Tactic | undefined }[] = []
  let last: Tactic | undefined
  for (const tag of tags) {
    const { namespace, name } = splitTag(tag)
    if (namespace !== 'attack') continue
    if (TECHNIQUE_TAG.test(name)) {
      pending.push({ tech: technique(name), after: last })
      continue
    }
    const t = tacticForTag(name)
    if (t) {
      group(t)
      last = t
    }
  }
  const tagged = groups.map((g) => g.tactic)
  for (const { tech, after } of pending) {
    const home = tagged.find((t) => tech.tactics.some((x) => x.id === t.id)) ?? (tech.known ? tech.tactics[0] : (after ?? tagged[0]))
    if (home === undefined) continue
    const g = group(home)
    if (!g.techniques.some((x) => x.id === tech.id)) g.techniques.push(tech)
  }
  return groups
}

/** Technique ids tagged on the rule (revocations resolved), without duplicates, in tag order. */
export function taggedTechniques(tags: readonly string[]): Technique[] {
  const out: Technique[] = []
  for (const tag of tags) {
    const { namespace, name } = splitTag(tag)
    if (namespace !== 'attack' || !TECHNIQUE_TAG.test(name)) continue
    const t = technique(name)
    if (!out.some((x) => x.id === t.id)) out.push(t)
  }
  return out
}
