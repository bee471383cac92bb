/** Explains each difference from pySigma by the pySigma bugs it needs switched back on (see deviations.json). */
import { kustoWithPySigmaQuirks } from '../../backends/kusto/backend.js'
import { PYSIGMA_QUIRKS, type PySigmaQuirk } from '../../backends/kusto/render.js'
import { convertCorpus, readReference, sameQueries, PIPELINES, type Converted, type KustoPipeline, type RefLine } from './corpus.js'
import { kusto } from '../../backends/kusto/backend.js'

/** Renderer quirks plus the pipeline one: keeping names whose mapping points at a column that does not exist. */
export type Quirk = PySigmaQuirk | 'nonexistent-column'
const QUIRKS: readonly Quirk[] = [...PYSIGMA_QUIRKS, 'nonexistent-column']

export const QUIRK_REASONS: Readonly<Record<Quirk, string>> = {
  'nonexistent-column':
    'pySigma maps the field to a column the table does not have (e.g. SecurityEvent DestinationIp), so Kusto would reject the query; we refuse the rule naming the field, or (azure_monitor, Sysmon categories) convert it on the Defender XDR table that has the column (unmapped_fields=keep restores the raw name).',
  'field-quote': "pySigma quotes field names as 'name', which Kusto reads as a string literal; we write ['name'].",
  'control-escape': 'pySigma leaves newline/CR/tab raw inside string literals (invalid KQL); we write \\n, \\r, \\t.',
  keyword: 'pySigma writes a keyword as a bare "value", which is not a predicate (KS141); we write * contains "value".',
  'null-isnull': 'pySigma writes isnull(field), never true for string columns; we write isempty(field) (null or empty).',
  'ipv6-cidr': 'pySigma uses ipv4_is_in_range for IPv6 networks (never matches); we use ipv6_is_in_range.',
  'wildcard-regex': 'pySigma turns inner wildcards into an unanchored, case-sensitive matches regex; we anchor it (^…$) and add (?i), as Sigma matching is whole-value and case-insensitive.',
  'numeric-in-list': 'pySigma writes a list of numbers as in~ ("4656", "4663"); in~ takes strings, so Kusto rejects it on a numeric column such as EventID (KS107: a value of type string or dynamic expected); we write in (4656, 4663), as a single number is written == 4624.',
  'in-list-wildcard': 'In value lists pySigma splits a value with inner wildcards into unordered contains terms and drops ? (over-matching); we render it like any other wildcard value.',
}

export interface PipelineConformance {
  readonly pipeline: KustoPipeline
  readonly reference: readonly RefLine[]
  readonly ours: readonly Converted[]
  readonly refOk: number
  readonly identical: number
  /** path → quirks needed to reproduce pySigma exactly; [] = not explained by any listed quirk. */
  readonly differing: ReadonlyMap<string, readonly Quirk[] | null>
}

/** `listed` gives the deviation kind already recorded for a rule: checking it needs one conversion instead of a search. */
export function conformance(pipeline: KustoPipeline, listed: (path: string) => string | undefined = () => undefined, sample?: (path: string) => boolean): PipelineConformance {
  const reference = readReference(pipeline).filter((r) => !sample || sample(r.path))
  const ours = convertCorpus(pipeline, reference.map((r) => r.path), kusto)
  const differing = new Map<string, readonly Quirk[] | null>()
  let refOk = 0
  let identical = 0
  reference.forEach((r, i) => {
    if (!r.ok) return
    refOk++
    const o = ours[i] as Converted
    if (o.ok && sameQueries(r.queries, o.queries)) {
      identical++
      return
    }
    const kind = listed(r.path)
    const known = kind === undefined ? undefined : (kind.split('+') as Quirk[])
    differing.set(r.path, known && matchesWith(pipeline, r, known) && !matchesWith(pipeline, r, []) ? known : explain(pipeline, r))
  })
  return { pipeline, reference, ours, refOk, identical, differing }
}

const quirkTargets = new Map<string, ReturnType<typeof kustoWithPySigmaQuirks>>()
function quirkTarget(quirks: readonly Quirk[]): ReturnType<typeof kustoWithPySigmaQuirks> {
  const render = quirks.filter((q): q is PySigmaQuirk => q !== 'nonexistent-column')
  const key = render.join('+')
  let t = quirkTargets.get(key)
  if (!t) quirkTargets.set(key, (t = kustoWithPySigmaQuirks(render)))
  return t
}

function matchesWith(pipeline: KustoPipeline, r: RefLine, quirks: readonly Quirk[]): boolean {
  const options: Record<string, string> = quirks.includes('nonexistent-column') ? { unmapped_fields: 'keep' } : {}
  const [o] = convertCorpus(pipeline, [r.path], quirkTarget(quirks), options)
  return o !== undefined && o.ok && sameQueries(r.queries, o.queries)
}

/** The minimal set of quirks whose removal breaks the match, or null when even all quirks do not reproduce pySigma. */
function explain(pipeline: KustoPipeline, r: RefLine): readonly Quirk[] | null {
  if (!matchesWith(pipeline, r, QUIRKS)) return null
  return QUIRKS.filter((q) => !matchesWith(pipeline, r, QUIRKS.filter((x) => x !== q)))
}

export { PIPELINES }
