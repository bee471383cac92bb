/**
 * The text sigma-cli prints for a conversion result, so scripts that read its output keep working:
 * a string as is, a list of strings joined by a blank line, objects as JSON lines (Python `json.dumps` spacing).
 */

type Json = string | number | boolean | null | readonly Json[] | { readonly [k: string]: Json }

const escapeNonAscii = (s: string): string => s.replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'))

/** A JSON string literal as Python writes it (`ensure_ascii=True`). */
const pyString = (s: string): string => escapeNonAscii(JSON.stringify(s))

/** `json.dumps(value, indent=indent)`: `", "` and `": "` separators, or one item per line when indented. */
export function pythonJson(value: unknown, indent?: number, depth = 0): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'string') return pyString(value)
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity'
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  const entries: [string | undefined, unknown][] = Array.isArray(value)
    ? value.map((v): [undefined, unknown] => [undefined, v])
    : Object.entries(value as Record<string, Json>)
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}']
  if (entries.length === 0) return open + close
  const parts = entries.map(([k, v]) => (k === undefined ? '' : pyString(k) + ': ') + pythonJson(v, indent, depth + 1))
  if (indent === undefined) return open + parts.join(', ') + close
  const pad = (n: number): string => '\n' + ' '.repeat(indent * n)
  return open + pad(depth + 1) + parts.join(',' + pad(depth + 1)) + pad(depth) + close
}

/** The converter's final output as text, ending with a newline like `click.echo`. */
export function renderOutput(output: string | readonly (string | object)[], indent?: number): string {
  if (typeof output === 'string') return output + '\n'
  if (output.every((x) => typeof x === 'string')) return output.join('\n\n') + '\n'
  return output.map((x) => (typeof x === 'string' ? x : pythonJson(x, indent))).join('\n') + '\n'
}
