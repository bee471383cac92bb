import type { Condition } from '../../src/ir/condition.js'

/** The AST without positions, for comparing shapes (e.g. with pySigma's trees). */
export type Shape =
  | { kind: 'and' | 'or'; args: Shape[] }
  | { kind: 'not'; arg: Shape }
  | { kind: 'ref'; name: string }
  | { kind: 'of'; quantifier: 'any' | 'all'; pattern: string }

export function stripSpans(c: Condition): Shape {
  switch (c.kind) {
    case 'and':
    case 'or':
      return { kind: c.kind, args: c.args.map(stripSpans) }
    case 'not':
      return { kind: 'not', arg: stripSpans(c.arg) }
    case 'ref':
      return { kind: 'ref', name: c.name }
    case 'of':
      return { kind: 'of', quantifier: c.quantifier, pattern: c.pattern }
  }
}

export const ref = (name: string): Shape => ({ kind: 'ref', name })
export const and = (...args: Shape[]): Shape => ({ kind: 'and', args })
export const or = (...args: Shape[]): Shape => ({ kind: 'or', args })
export const not = (arg: Shape): Shape => ({ kind: 'not', arg })
export const of = (quantifier: 'any' | 'all', pattern: string): Shape => ({ kind: 'of', quantifier, pattern })
