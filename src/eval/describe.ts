/** Values as short Sigma-like text, for the `fired` report. */
import { assertNever } from '../ir/expr.js'
import type { Value } from '../ir/value.js'

export function valueText(v: Value): string {
  switch (v.type) {
    case 'str':
      return v.parts
        .map((p) => (typeof p === 'string' ? p.replace(/[*?]/g, '\\$&') : 'placeholder' in p ? `%${p.placeholder}%` : p.special === 'any' ? '*' : '?'))
        .join('')
    case 'num':
    case 'bool':
      return String(v.value)
    case 'null':
      return 'null'
    case 're':
      return `/${v.regex}/${v.flags.join('')}`
    case 'cidr':
      return v.cidr
    case 'cmp':
      return `${v.op} ${v.value}`
    case 'exists':
      return `exists ${v.exists}`
    case 'fieldref':
      return v.match === 'eq' ? `fieldref ${v.field}` : `fieldref ${v.match} ${v.field}`
    case 'timepart':
      return `${v.part} ${v.op} ${v.value}`
    case 'expansion':
      return v.values.map(valueText).join(' | ')
    case 'query':
      return v.expression
    default:
      return assertNever(v)
  }
}
