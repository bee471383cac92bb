/** pySigma's condition validators (sigma/validators/core/condition.py), over the parsed condition AST. */
import { expandSelector } from '../../../grammars/condition/index.js'
import type { Condition } from '../../ir/condition.js'
import type { SigmaRule } from '../../ir/rule.js'
import type { CheckedDoc, Issue, Validator } from '../types.js'

function refs(c: Condition, names: readonly string[], out: { used: Set<string>; unknown: Set<string> }): void {
  switch (c.kind) {
    case 'and':
    case 'or':
      c.args.forEach((a) => refs(a, names, out))
      return
    case 'not':
      refs(c.arg, names, out)
      return
    case 'ref':
      out.used.add(c.name)
      if (!names.includes(c.name)) out.unknown.add(c.name)
      return
    case 'of': {
      const hit = expandSelector(c.pattern, names)
      hit.forEach((n) => out.used.add(n))
      if (hit.length === 0) out.unknown.add(c.pattern)
      return
    }
  }
}

const onRule = (f: (r: SigmaRule) => Issue[]) => (doc: CheckedDoc): Issue[] => (doc.kind === 'rule' ? f(doc) : [])

function references(r: SigmaRule): { used: Set<string>; unknown: Set<string> } {
  const names = Object.keys(r.detections)
  const out = { used: new Set<string>(), unknown: new Set<string>() }
  r.conditions.forEach((c) => refs(c, names, out))
  return out
}

export const CONDITION: readonly Validator[] = [
  {
    id: 'dangling_detection', severity: 'high', origin: 'pySigma', description: 'Rule defines a search identifier the condition never uses',
    rule: onRule((r) => {
      const { used } = references(r)
      return Object.keys(r.detections).filter((n) => !used.has(n)).map((n) => ({ doc: r, message: `search identifier '${n}' is not used by the condition`, path: ['detection', n], part: 'key' as const }))
    }),
  },
  {
    id: 'dangling_condition', severity: 'high', origin: 'pySigma', description: 'Condition references a search identifier that does not exist',
    rule: onRule((r) => [...references(r).unknown].map((n) => ({ doc: r, message: `the condition references '${n}', which matches no search identifier`, path: ['detection', 'condition'] }))),
  },
  {
    id: 'them_condition_with_single_detection', severity: 'low', origin: 'pySigma', description: "Condition refers to 'them' but there is only one search identifier",
    rule: onRule((r) => (r.conditionText.some((t) => t.includes('them')) && Object.keys(r.detections).length === 1 ? [{ doc: r, message: "the condition uses 'them' with a single search identifier; name it instead", path: ['detection', 'condition'] }] : [])),
  },
  {
    id: 'all_of_them_condition', severity: 'medium', origin: 'pySigma', description: "Discouraged 'all of them' condition",
    rule: onRule((r) => (r.conditionText.some((t) => /all\s+of\s+them/.test(t)) ? [{ doc: r, message: "'all of them' is discouraged; use 'all of selection*'", path: ['detection', 'condition'] }] : [])),
  },
]
