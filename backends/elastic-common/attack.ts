/**
 * MITRE ATT&CK `threat` entries of Elastic rule bodies, built offline from a rule's `attack.*` tags with the
 * bundled ATT&CK snapshot (src/deploy/attack.ts): one entry per tactic, each technique under the tagged tactic
 * it belongs to (see attackGroups), sub-techniques nested under their parent technique, names from ATT&CK.
 * References follow pySigma (no trailing slash).
 */
import { attackGroups, technique, TACTICS } from '../../src/deploy/attack.js'

/** Tactic short name → id and name (kept for callers of the earlier 14-tactic table). */
export const ATTACK_TACTICS: Readonly<Record<string, { readonly id: string; readonly name: string }>> = Object.fromEntries(
  TACTICS.map((t) => [t.shortname, { id: t.id, name: t.name }]),
)

export interface ThreatRef {
  readonly id: string
  readonly name: string
  readonly reference: string
}
export interface ThreatTechnique extends ThreatRef {
  readonly subtechnique: readonly ThreatRef[]
}
export interface ThreatEntry {
  readonly framework: 'MITRE ATT&CK'
  readonly tactic: ThreatRef
  readonly technique: readonly ThreatTechnique[]
}

const BASE = 'https://attack.mitre.org'

/** Tag → (namespace, name) split at the first dot, as pySigma's SigmaRuleTag does. */
export function splitTag(tag: string): { namespace: string; name: string } {
  const i = tag.indexOf('.')
  return i < 0 ? { namespace: '', name: tag } : { namespace: tag.slice(0, i), name: tag.slice(i + 1) }
}

const techniqueRef = (id: string, name: string): ThreatRef => ({ id, name, reference: `${BASE}/techniques/${id.replace('.', '/')}` })

export function threatFromTags(tags: readonly string[]): ThreatEntry[] {
  return attackGroups(tags).map((g) => {
    const parents: { ref: ThreatRef; subs: ThreatRef[] }[] = []
    for (const t of g.techniques) {
      const parentId = t.parent ?? t.id
      let entry = parents.find((p) => p.ref.id === parentId)
      if (!entry) {
        entry = { ref: techniqueRef(parentId, technique(parentId).name), subs: [] }
        parents.push(entry)
      }
      if (t.parent !== undefined && !entry.subs.some((s) => s.id === t.id)) entry.subs.push(techniqueRef(t.id, t.name))
    }
    return {
      framework: 'MITRE ATT&CK',
      tactic: { id: g.tactic.id, name: g.tactic.name, reference: `${BASE}/tactics/${g.tactic.id}` },
      technique: parents.map((p) => ({ ...p.ref, subtechnique: p.subs })),
    }
  })
}
