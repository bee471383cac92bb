/** Typed access to the parameters of a pipeline item (the keys pySigma passes to constructors). */

/** A configuration problem in a pipeline definition; load.ts turns it into a positioned Diagnostic. */
export class ConfigError extends Error {
  constructor(message: string, readonly key?: string) {
    super(message)
  }
}

export type Params = Readonly<Record<string, unknown>>

export const isRecord = (x: unknown): x is Readonly<Record<string, unknown>> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Date)

/** Rejects keys the type does not accept (pySigma: TypeError "unexpected keyword argument"). */
export function checkKeys(p: Params, allowed: readonly string[], what: string): void {
  for (const k of Object.keys(p))
    if (!allowed.includes(k)) throw new ConfigError(`${what} got an unexpected parameter '${k}'`, k)
}

export function reqStr(p: Params, key: string, what: string): string {
  const v = p[key]
  if (v === undefined) throw new ConfigError(`${what} requires parameter '${key}'`, key)
  if (typeof v !== 'string') throw new ConfigError(`${what}: '${key}' must be a string`, key)
  return v
}

export function optStr(p: Params, key: string, what: string): string | undefined {
  const v = p[key]
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'string') throw new ConfigError(`${what}: '${key}' must be a string`, key)
  return v
}

export function optBool(p: Params, key: string, what: string, dflt: boolean): boolean {
  const v = p[key]
  if (v === undefined || v === null) return dflt
  if (typeof v !== 'boolean') throw new ConfigError(`${what}: '${key}' must be a boolean`, key)
  return v
}

/** A string or list of strings (pySigma accepts both for field lists and include/exclude). */
export function optStrList(p: Params, key: string, what: string): string[] | undefined {
  const v = p[key]
  if (v === undefined || v === null) return undefined
  if (typeof v === 'string') return [v]
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[]
  throw new ConfigError(`${what}: '${key}' must be a string or a list of strings`, key)
}

export function reqStrList(p: Params, key: string, what: string): string[] {
  const v = optStrList(p, key, what)
  if (v === undefined) throw new ConfigError(`${what} requires parameter '${key}'`, key)
  return v
}

export function oneOf<T extends string>(p: Params, key: string, what: string, options: readonly T[], dflt: T): T {
  const v = p[key]
  if (v === undefined || v === null) return dflt
  if (typeof v !== 'string' || !(options as readonly string[]).includes(v))
    throw new ConfigError(`${what}: invalid ${key} '${String(v)}', expected one of ${options.join(', ')}`, key)
  return v as T
}
