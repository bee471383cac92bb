/** Python `str.format`-style templates (`{field}`, `{{` for a literal brace), so dialects read like pySigma's tokens. */
export function fmt(template: string, vars: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (m, name: string | undefined) => {
    if (m === '{{') return '{'
    if (m === '}}') return '}'
    const v = vars[name as string]
    if (v === undefined) throw new Error(`template placeholder {${name}} has no value`)
    return String(v)
  })
}

/** Python-compatible `str()` of a number: integers without a fraction, floats with at least one decimal. */
export function pyNum(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return String(n)
  const s = String(n)
  return /[.e]/.test(s) ? s.replace(/e([+-])(\d)$/, (_m, sign: string, d: string) => `e${sign}0${d}`) : s + '.0'
}
