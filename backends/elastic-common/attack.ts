/**
 * MITRE ATT&CK threat entries for Elastic rule bodies, built offline from a rule's `attack.*` tags.
 * pySigma downloads ATT&CK at conversion time; we never touch the network, so only the 14 enterprise
 * tactics are bundled (ids and names from https://attack.mitre.org/tactics/enterprise/, as listed in
 * SIGMA-NOTES §1.4). Technique names are not bundled: a technique's `name` is its id.
 * Techniques are attached to the tactic tag that precedes them (SigmaHQ writes `attack.<tactic>` followed by
 * its techniques); techniques listed before any tactic go to the first tactic. Without a tactic tag there is
 * no entry, since Elastic requires one.
 */

export const ATTACK_TACTICS: Readonly<Record<string, { readonly id: string; readonly name: string }>> = {
  reconnaissance: { id: 'TA0043', name: 'Reconnaissance' },
  'resource-development': { id: 'TA0042', name: 'Resource Development' },
  'initial-access': { id: 'TA0001', name: 'Initial Access' },
  execution: { id: 'TA0002', name: 'Execution' },
  persistence: { id: 'TA0003', name: 'Persistence' },
  'privilege-escalation': { id: 'TA0004', name: 'Privilege Escalation' },
  'defense-evasion': { id: 'TA0005', name: 'Defense Evasion' },
  'credential-access': { id: 'TA0006', name: 'Credential Access' },
  discovery: { id: 'TA0007', name: 'Discovery' },
  'lateral-movement': { id: 'TA0008', name: 'Lateral Movement' },
  collection: { id: 'TA0009', name: 'Collection' },
  'command-and-control': { id: 'TA0011', name: 'Command and Control' },
  exfiltration: { id: 'TA0010', name: 'Exfiltration' },
  impact: { id: 'TA0040', name: 'Impact' },
}

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
const TECHNIQUE = /^t(\d{4})(?:\.(\d{3}))?$/i

/** Tag → (namespace, name) split at the first dot, as pySigma's SigmaRuleTag does. */
export function splitTag(tag: string): { namespace: string; name: string } {
  const i = tag.indexOf('.')
  return i < 0 ? { namespace: '', name: tag } : { namespace: tag.slice(0, i), name: tag.slice(i + 1) }
}

export function threatFromTags(tags: readonly string[]): ThreatEntry[] {
  const groups: { tactic: ThreatRef; techniques: string[] }[] = []
  const orphans: string[] = []
  for (const tag of tags) {
    const { namespace, name } = splitTag(tag)
    if (namespace.toLowerCase() !== 'attack') continue
    const t = TECHNIQUE.exec(name)
    if (t) {
      const id = name.toUpperCase()
      const target = groups[groups.length - 1]
      if (target) target.techniques.push(id)
      else orphans.push(id)
      continue
    }
    const tactic = ATTACK_TACTICS[name.toLowerCase().replace(/_/g, '-')]
    if (tactic && !groups.some((g) => g.tactic.id === tactic.id)) {
      groups.push({ tactic: { id: tactic.id, name: tactic.name, reference: `${BASE}/tactics/${tactic.id}` }, techniques: [] })
    }
  }
  if (groups[0]) groups[0].techniques.unshift(...orphans)
  return groups.map((g) => ({ framework: 'MITRE ATT&CK', tactic: g.tactic, technique: techniques(g.techniques) }))
}

function techniques(ids: readonly string[]): ThreatTechnique[] {
  const out: { id: string; subs: string[] }[] = []
  for (const id of ids) {
    const parent = id.slice(0, 5)
    let entry = out.find((e) => e.id === parent)
    if (!entry) {
      entry = { id: parent, subs: [] }
      out.push(entry)
    }
    if (id.length > 5 && !entry.subs.includes(id)) entry.subs.push(id)
  }
  return out.map((e) => ({
    id: e.id,
    name: e.id,
    reference: `${BASE}/techniques/${e.id}`,
    subtechnique: e.subs.map((s) => ({ id: s, name: s, reference: `${BASE}/techniques/${s.replace('.', '/')}` })),
  }))
}
