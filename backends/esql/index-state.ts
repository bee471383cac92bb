/** The ES|QL `FROM` source: pipeline state `index` (string or list; pySigma ESQLBackend.preprocess_indices). */

const DEFAULT_INDEX = '*'
const DEFAULT_METADATA = '_id, _index, _version'

const flatten = (v: readonly unknown[]): string[] => v.flatMap((x) => (Array.isArray(x) ? flatten(x) : [String(x)]))

/** A state value (or the values of several rules' states, for correlations) → the index expression. */
export function indexExpression(state: unknown): string {
  if (state === undefined || state === null) return DEFAULT_INDEX
  if (!Array.isArray(state)) return String(state)
  if (state.length === 0) return DEFAULT_INDEX
  if (state.includes(DEFAULT_INDEX)) return DEFAULT_INDEX
  const flat = flatten(state)
  if (flat.length === 1) return flat[0] as string
  return [...new Set(flat)].sort().join(',')
}

export function fromClause(state: Readonly<Record<string, unknown>>, index: string = indexExpression(state.index)): string {
  const metadata = state.metadata === undefined ? DEFAULT_METADATA : String(state.metadata)
  return `from ${index} metadata ${metadata} | where `
}
