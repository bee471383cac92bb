/** Resolution of `1 of <pattern>` / `all of them` against a rule's detection identifiers (pySigma semantics). */

const regexFor = (pattern: string): RegExp =>
  new RegExp(`^(?:${pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')})$`, 's')

/**
 * Identifiers a selector pattern refers to, in the order of `identifiers`.
 * `them` = every identifier not starting with `_`; otherwise `*` matches any sequence and the whole identifier must match.
 * Identifiers starting with `_` (filter-internal names such as `_filt_…`) only match patterns that start with `_`.
 */
export function expandSelector(pattern: string, identifiers: readonly string[]): string[] {
  if (pattern === 'them') return identifiers.filter((id) => !id.startsWith('_'))
  const re = regexFor(pattern)
  const allowHidden = pattern.startsWith('_')
  return identifiers.filter((id) => re.test(id) && (allowHidden || !id.startsWith('_')))
}
