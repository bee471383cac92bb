/**
 * YAML 1.2 vs PyYAML (YAML 1.1, what pySigma reads with): plain scalars the 1.2 core schema reads as numbers
 * but PyYAML keeps as strings (or reads as a different number) stay strings here, written as in the source.
 * Example from the corpus: `Details|contains: 00000429` is the string '00000429' in pySigma, 429 in YAML 1.2.
 * The reverse holds too: PyYAML-only numbers (`1_000`, `0b101`) and booleans (`yes`, `off`) are read as PyYAML
 * reads them, because pySigma's tests rely on it (`Field|exists: yes`).
 */

const clean = (s: string): string => s.replace(/_/g, '')

/** The number PyYAML's implicit resolver gives a plain scalar, or undefined when it gives a string. */
export function pyYamlNumber(src: string): number | undefined {
  let m: RegExpExecArray | null
  if ((m = /^([-+]?)0b([01_]+)$/.exec(src))) return sign(m[1]) * parseInt(clean(m[2] ?? ''), 2)
  if ((m = /^([-+]?)0x([0-9a-fA-F_]+)$/.exec(src))) return sign(m[1]) * parseInt(clean(m[2] ?? ''), 16)
  if ((m = /^([-+]?)0([0-7_]+)$/.exec(src))) return sign(m[1]) * parseInt(clean(m[2] ?? ''), 8)
  if (/^[-+]?(?:0|[1-9][0-9_]*)$/.test(src)) return Number(clean(src))
  if (/^[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?$/.test(src) || /^[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?$/.test(src)) return Number(clean(src))
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(src)) return src.startsWith('-') ? -Infinity : Infinity
  if (/^\.(?:nan|NaN|NAN)$/.test(src)) return NaN
  return undefined
}

const sign = (s: string | undefined): number => (s === '-' ? -1 : 1)

/** A plain scalar the 1.2 core schema read as a number, as PyYAML reads it (`017` is octal 15, `00000429` a string). */
export function compatNumber(src: string): number | string {
  return pyYamlNumber(src) ?? src
}

const PY_BOOL = /^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$/

/** A plain scalar the 1.2 core schema left as a string, as PyYAML would read it. */
export function compatString(src: string): string | number | boolean {
  if (PY_BOOL.test(src)) return /^(?:yes|on)$/i.test(src)
  const n = pyYamlNumber(src)
  return n === undefined ? src : n
}
