/** Python `json.dumps` output (ensure_ascii, `, `/`: ` separators, optional indent) for byte-equal results. */
import { pyNumStr } from './values.js'

const escapeStr = (s: string): string =>
  '"' +
  s.replace(/[\\"\u0000-\u001f\u007f-\uffff]/g, (c) => {
    switch (c) {
      case '\\':
        return '\\\\'
      case '"':
        return '\\"'
      case '\n':
        return '\\n'
      case '\r':
        return '\\r'
      case '\t':
        return '\\t'
      case '\b':
        return '\\b'
      case '\f':
        return '\\f'
      default:
        return c.charCodeAt(0) === 0x7f ? c : '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')
    }
  }) +
  '"'

export function pyJsonDumps(v: unknown, indent?: number | null, level = 0): string {
  const nl = indent === undefined || indent === null ? null : '\n' + ' '.repeat(indent * (level + 1))
  const close = indent === undefined || indent === null ? '' : '\n' + ' '.repeat(indent * level)
  const sep = nl === null ? ', ' : ','
  if (v === null || v === undefined) return 'null'
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  if (typeof v === 'number') return Number.isFinite(v) ? (Number.isInteger(v) ? String(v) : pyNumStr(v)) : v > 0 ? 'Infinity' : v < 0 ? '-Infinity' : 'NaN'
  if (typeof v === 'string') return escapeStr(v)
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]'
    const items = v.map((x) => pyJsonDumps(x, indent, level + 1))
    return nl === null ? `[${items.join(sep)}]` : `[${nl}${items.join(sep + nl)}${close}]`
  }
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined)
    if (entries.length === 0) return '{}'
    const items = entries.map(([k, x]) => `${escapeStr(k)}: ${pyJsonDumps(x, indent, level + 1)}`)
    return nl === null ? `{${items.join(sep)}}` : `{${nl}${items.join(sep + nl)}${close}}`
  }
  return escapeStr(String(v))
}
