/** Our values in the normalised JSON shape that pysigma-cases.py writes for pySigma's values. */
import type { Value } from '../../src/ir/value.js'

export type Norm = Record<string, unknown>

export function norm(v: Value): Norm {
  switch (v.type) {
    case 'expansion':
      return { exp: v.values.map(norm) }
    case 'str':
      return {
        str: v.parts.map((p) => (typeof p === 'string' ? p : 'placeholder' in p ? { ph: p.placeholder } : { w: p.special === 'any' ? '*' : '?' })),
        cased: v.cased,
      }
    case 'bool':
      return { bool: v.value }
    case 'num':
      return { num: v.value }
    case 'null':
      return { null: true }
    case 're':
      return { re: v.regex, flags: [...v.flags] }
    case 'cidr':
      return { cidr: v.cidr }
    case 'cmp':
      return { cmp: v.op, value: v.value }
    case 'timepart':
      return { time: v.part, op: v.op, value: v.value }
    case 'fieldref':
      return { fieldref: v.field, sw: v.match === 'startswith' || v.match === 'contains', ew: v.match === 'endswith' || v.match === 'contains' }
    case 'exists':
      return { exists: v.exists }
    case 'query':
      return { query: v.expression, id: v.id }
  }
}

/** pySigma nests expansions (`windash|windash`); OR inside OR is the same, so compare flattened. */
export function flatten(n: Norm): Norm {
  if (!Array.isArray(n.exp)) return n
  return { exp: (n.exp as Norm[]).flatMap((x) => { const f = flatten(x); return Array.isArray(f.exp) ? (f.exp as Norm[]) : [f] }) }
}
