/** pySigma's tag validators (sigma/validators/core/tags.py). ATT&CK ids come from ../attack-data.json (offline). */
import attack from '../attack-data.json' with { type: 'json' }
import type { CheckedDoc, Issue, Validator } from '../types.js'

const split = (tag: string): { ns: string; name: string } => {
  const i = tag.indexOf('.')
  return i < 0 ? { ns: '', name: tag } : { ns: tag.slice(0, i), name: tag.slice(i + 1) }
}

const ATTACK = new Set([...attack.tactics, ...attack.techniques, ...attack.groups, ...attack.software, ...attack.mitigations].map((x) => x.toLowerCase()))
export const ATTACK_VERSION: string = attack.version

/** The attacktag validator for an ATT&CK table (tactic short names and ids of techniques, groups, software, mitigations). */
export function attackTagValidator(names: ReadonlySet<string>, version: string): Validator {
  return {
    id: 'attacktag', severity: 'medium', origin: 'pySigma', description: `Invalid MITRE ATT&CK tag (ATT&CK ${version})`,
    rule: perTag((ns, name, tag) => (ns === 'attack' && !names.has(name) ? `tag '${tag}' is not an ATT&CK ${version} tactic, technique, group, software or mitigation` : undefined)),
  }
}

/**
 * An ATT&CK table from MITRE's STIX bundle (enterprise-attack.json of mitre-attack/attack-stix-data), as pySigma
 * builds it: tactic short names, external ids of techniques, intrusion sets, software and mitigations.
 */
export function attackFromStix(bundle: unknown): { names: Set<string>; version: string } | undefined {
  if (typeof bundle !== 'object' || bundle === null || !Array.isArray((bundle as { objects?: unknown }).objects)) return undefined
  const names = new Set<string>()
  let version = 'custom'
  for (const o of (bundle as { objects: Record<string, unknown>[] }).objects) {
    if (o['revoked'] === true || o['x_mitre_deprecated'] === true) continue
    const type = o['type']
    if (type === 'x-mitre-collection' && typeof o['x_mitre_version'] === 'string') version = o['x_mitre_version']
    if (type === 'x-mitre-tactic' && typeof o['x_mitre_shortname'] === 'string') names.add(o['x_mitre_shortname'].toLowerCase())
    if (['attack-pattern', 'intrusion-set', 'malware', 'tool', 'course-of-action'].includes(String(type)) && Array.isArray(o['external_references'])) {
      const ref = (o['external_references'] as Record<string, unknown>[]).find((r) => r['source_name'] === 'mitre-attack')
      if (typeof ref?.['external_id'] === 'string') names.add(ref['external_id'].toLowerCase())
    }
  }
  return names.size === 0 ? undefined : { names, version }
}

/** A per-tag validator: `bad` returns the message for a wrong tag, or undefined. */
const perTag = (bad: (ns: string, name: string, tag: string) => string | undefined) => (doc: CheckedDoc): Issue[] =>
  doc.tags.flatMap((tag, i) => {
    const { ns, name } = split(tag)
    const m = bad(ns, name, tag)
    return m === undefined ? [] : [{ doc, message: m, path: ['tags', i] }]
  })

const pattern = (namespace: string, re: RegExp, what: string) => perTag((ns, name, tag) => (ns === namespace && !re.test(name) ? `tag '${tag}' ${what}` : undefined))
const tlp = (allowed: readonly string[]) => perTag((ns, name, tag) => (ns === 'tlp' && !allowed.includes(name) ? `tag '${tag}' is not a TLP level (${allowed.join(', ')})` : undefined))
const TLP1 = ['white', 'green', 'amber', 'red']
const TLP2 = ['clear', 'green', 'amber', 'amber-strict', 'red']

export const TAGS: readonly Validator[] = [
  {
    id: 'tag_format', severity: 'medium', origin: 'pySigma', description: 'Invalid character in tag namespace or name',
    rule: perTag((_ns, _n, tag) => (/^[a-z0-9_-]+\.[a-z0-9._-]+$/.test(tag) ? undefined : `tag '${tag}' is not lowercase namespace.name (a-z, 0-9, -, _)`)),
  },
  attackTagValidator(ATTACK, attack.version),
  { id: 'tlptag', severity: 'medium', origin: 'pySigma', description: 'Invalid TLP tag (TLP 1.0 or 2.0)', rule: tlp([...new Set([...TLP1, ...TLP2])]) },
  { id: 'tlpv1_tag', severity: 'medium', origin: 'pySigma', optIn: true, description: 'Invalid TLP 1.0 tag', rule: tlp(TLP1) },
  { id: 'tlpv2_tag', severity: 'medium', origin: 'pySigma', optIn: true, description: 'Invalid TLP 2.0 tag', rule: tlp(TLP2) },
  {
    id: 'duplicate_tag', severity: 'medium', origin: 'pySigma', description: 'The same tag appears multiple times',
    rule: (doc) => doc.tags.flatMap((t, i) => (doc.tags.indexOf(t) < i && doc.tags.lastIndexOf(t) === i ? [{ doc, message: `tag '${t}' appears more than once`, path: ['tags', i] }] : [])),
  },
  {
    id: 'namespace_tag', severity: 'medium', origin: 'pySigma', description: 'Unknown tag namespace',
    rule: perTag((ns, _n, tag) => (['attack', 'car', 'cve', 'd3fend', 'detection', 'stp', 'tlp'].includes(ns) ? undefined : `tag '${tag}' has an unknown namespace '${ns}'`)),
  },
  // pySigma uses re.match: anchored at the start only, unless the pattern ends with $.
  { id: 'cartag', severity: 'medium', origin: 'pySigma', description: 'CAR tag is not car.YYYY-MM-NNN', rule: pattern('car', /^\d{4}-\d{2}-\d{3}$/, 'is not car.NNNN-NN-NNN') },
  { id: 'cvetag', severity: 'medium', origin: 'pySigma', description: 'CVE tag is not cve.YYYY-NNNN', rule: pattern('cve', /^\d+-\d+$/, 'is not cve.YYYY-NNNN') },
  { id: 'detection_tag', severity: 'medium', origin: 'pySigma', description: 'Detection tag is not dfir, emerging-threats or threat-hunting', rule: pattern('detection', /^(?:dfir|emerging-threats|threat-hunting)/, 'is not detection.dfir, detection.emerging-threats or detection.threat-hunting') },
  { id: 'stptag', severity: 'medium', origin: 'pySigma', description: 'STP tag is not stp.1-5 with optional a/u/k', rule: pattern('stp', /^[1-5][auk]?$/, 'is not stp.<1-5>[a|u|k]') },
]
