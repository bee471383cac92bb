/** pySigma's metadata validators (sigma/validators/core/metadata.py) and sigmaport's own metadata checks. */
import type { CheckedDoc, Issue, Validator } from '../types.js'

const groupBy = (docs: readonly CheckedDoc[], key: (d: CheckedDoc) => string | undefined): Map<string, CheckedDoc[]> => {
  const m = new Map<string, CheckedDoc[]>()
  for (const d of docs) {
    const k = key(d)
    if (k !== undefined) m.set(k, [...(m.get(k) ?? []), d])
  }
  return m
}

/** One issue per document of each group with more than one member (each file gets a finding it can fix). */
const collisions = (docs: readonly CheckedDoc[], key: (d: CheckedDoc) => string | undefined, path: string, message: (k: string, n: number) => string): Issue[] =>
  [...groupBy(docs, key)].filter(([, g]) => g.length > 1).flatMap(([k, g]) => g.map((doc) => ({ doc, message: message(k, g.length), path: [path] })))

const fileName = (d: CheckedDoc): string | undefined => d.source.file?.split(/[\\/]/).pop()

export const METADATA: readonly Validator[] = [
  {
    id: 'identifier_existence', severity: 'medium', origin: 'pySigma', description: 'Rule has no identifier (UUID)',
    rule: (doc) => (doc.id === undefined ? [{ doc, message: 'the rule has no id (UUID)', path: [] }] : []),
  },
  {
    id: 'identifier_uniqueness', severity: 'high', origin: 'pySigma', description: 'Rule identifier used by multiple rules',
    set: (docs) => collisions(docs, (d) => d.id?.toLowerCase(), 'id', (k, n) => `id ${k} is used by ${n} rules`),
  },
  {
    id: 'duplicate_title', severity: 'high', origin: 'pySigma', description: 'Rule title used by multiple rules',
    set: (docs) => collisions(docs, (d) => d.title, 'title', (k, n) => `title '${k}' is used by ${n} rules`),
  },
  {
    id: 'duplicate_name', severity: 'high', origin: 'sigmaport', description: 'Rule name (what correlations reference) used by multiple rules',
    set: (docs) => collisions(docs, (d) => d.name, 'name', (k, n) => `name '${k}' is used by ${n} rules; correlations referencing it are ambiguous`),
  },
  {
    id: 'duplicate_references', severity: 'medium', origin: 'pySigma', description: 'The same reference appears multiple times',
    rule: (doc) => doc.references.flatMap((r, i) => (doc.references.indexOf(r) < i && doc.references.lastIndexOf(r) === i ? [{ doc, message: `reference '${r}' appears more than once`, path: ['references', i] }] : [])),
  },
  {
    id: 'duplicate_filename', severity: 'high', origin: 'pySigma', description: 'Rule filename used by multiple rules',
    set: (docs) => {
      const paths = new Map<string, Set<string>>()
      for (const d of docs) {
        const n = fileName(d)
        if (n !== undefined && d.source.file !== undefined) paths.set(n, (paths.get(n) ?? new Set()).add(d.source.file))
      }
      return docs.flatMap((doc) => {
        const n = fileName(doc)
        const ps = n === undefined ? undefined : paths.get(n)
        return ps !== undefined && ps.size > 1 ? [{ doc, message: `file name '${n}' is used in ${ps.size} directories`, path: [] }] : []
      })
    },
  },
  {
    id: 'filename_length', severity: 'high', origin: 'pySigma', description: 'Rule filename is too short (< 10) or too long (> 90)',
    rule: (doc) => {
      const n = fileName(doc)
      return n !== undefined && (n.length < 10 || n.length > 90) ? [{ doc, message: `file name '${n}' has ${n.length} characters; use 10 to 90`, path: [] }] : []
    },
  },
  {
    id: 'custom_attributes', severity: 'medium', origin: 'pySigma', description: 'Rule uses an attribute name that looks like a misspelt standard one',
    rule: (doc) => {
      const k = Object.keys(doc.custom).find((x) => ['realted', 'relatde', 'relted', 'rlated', 'reference'].includes(x))
      return k === undefined ? [] : [{ doc, message: `attribute '${k}' looks like a misspelling of '${k.startsWith('ref') ? 'references' : 'related'}'`, path: [k], part: 'key' }]
    },
  },
  {
    id: 'status_existence', severity: 'medium', origin: 'sigmaport', description: 'Rule has no status',
    rule: (doc) => (doc.status === undefined ? [{ doc, message: "the rule has no 'status' (stable, test, experimental, deprecated, unsupported)", path: [] }] : []),
  },
  {
    id: 'level_existence', severity: 'medium', origin: 'sigmaport', description: 'Rule has no level',
    rule: (doc) => (doc.level === undefined && doc.kind === 'rule' ? [{ doc, message: "the rule has no 'level' (informational, low, medium, high, critical)", path: [] }] : []),
  },
  {
    id: 'date_existence', severity: 'medium', origin: 'sigmaport', description: 'Rule has no creation date',
    rule: (doc) => (doc.date === undefined ? [{ doc, message: "the rule has no 'date'", path: [] }] : []),
  },
  {
    id: 'date_format', severity: 'medium', origin: 'sigmaport', description: "Dates are not written as YYYY-MM-DD (pySigma also accepts YYYY/MM/DD; SigmaHQ does not)",
    rule: (doc, text) => {
      if (text === undefined) return []
      return (['date', 'modified'] as const).flatMap((k) => {
        const m = new RegExp(`^${k}:[ \\t]*(?:'([^'\\n]*)'|"([^"\\n]*)"|([^#\\n]*?))[ \\t]*(?:#.*)?$`, 'm').exec(text)
        const raw = m === null ? undefined : (m[1] ?? m[2] ?? m[3])
        return raw !== undefined && doc[k] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(raw) ? [{ doc, message: `'${k}' is written '${raw}'; use YYYY-MM-DD`, path: [k] }] : []
      })
    },
  },
  {
    id: 'date_order', severity: 'medium', origin: 'sigmaport', description: "'modified' is earlier than 'date'",
    rule: (doc) => (doc.date !== undefined && doc.modified !== undefined && doc.modified < doc.date ? [{ doc, message: `'modified' (${doc.modified}) is earlier than 'date' (${doc.date})`, path: ['modified'] }] : []),
  },
  {
    id: 'title_length', severity: 'low', origin: 'sigmaport', description: 'Title longer than 110 characters (SigmaHQ convention)',
    rule: (doc) => (doc.title.length > 110 ? [{ doc, message: `the title has ${doc.title.length} characters; keep it to 110`, path: ['title'] }] : []),
  },
  {
    id: 'description_existence', severity: 'low', origin: 'sigmaport', description: 'Rule has no description',
    rule: (doc) => (doc.description === undefined || doc.description.trim() === '' ? [{ doc, message: "the rule has no 'description'", path: [] }] : []),
  },
]
