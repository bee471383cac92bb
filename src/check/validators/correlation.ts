/** Correlation rules: every referenced rule must be in the checked set (sigmaport; pySigma fails at conversion). */
import type { SigmaCorrelation } from '../../ir/rule.js'
import type { Validator } from '../types.js'

export const CORRELATION: readonly Validator[] = [
  {
    id: 'correlation_reference', severity: 'high', origin: 'sigmaport', description: 'Correlation references a rule id or name that is not in the checked set',
    set: (docs) => {
      const known = new Set(docs.flatMap((d) => [d.id, d.name].filter((x): x is string => x !== undefined)))
      return docs
        .filter((d): d is SigmaCorrelation => d.kind === 'correlation')
        .flatMap((c) => c.rules.flatMap((r, i) => (known.has(r) ? [] : [{ doc: c, message: `referenced rule '${r}' is not in the checked set (no rule has this id or name)`, path: ['correlation', 'rules', i] }])))
    },
  },
]
