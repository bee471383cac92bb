/** Splunk output formats: plain SPL, savedsearches.conf stanzas, tstats data-model searches. */
import type { OutputFormat, QueryContext } from '../../src/backend.js'
import { fail } from '../../src/diagnostics.js'

const SEARCH_MARKER = '\n| search '
const FIELD_EQ = /([\p{L}\p{N}_.]+)(?:="[^"]*"|=[^\s")]+)\s*/uy

const ruleFields = (ctx: QueryContext): readonly string[] => (ctx.rule.kind === 'rule' ? ctx.rule.fields : [])

/**
 * pySigma finalize_query_default: when OR-regex post-filters lead the query, the plain `field=value` terms at the
 * start of the search move in front of them so Splunk can use its index.
 */
function hoistPlainTerms(query: string): string {
  const at = query.indexOf(SEARCH_MARKER)
  if (at < 0) return query
  const deferredPart = query.slice(0, at)
  const conditionFields = new Set([...deferredPart.matchAll(/\| eval (\S+?)=if\(isnotnull\(/g)].map((m) => m[1] as string))
  if (conditionFields.size === 0) return query
  const search = query.slice(at + SEARCH_MARKER.length)
  const prefix: string[] = []
  let pos = 0
  while (pos < search.length) {
    FIELD_EQ.lastIndex = pos
    const m = FIELD_EQ.exec(search)
    if (!m || conditionFields.has(m[1] as string)) break
    prefix.push(m[0].trim())
    pos = FIELD_EQ.lastIndex
  }
  if (prefix.length === 0) return query
  return prefix.join(' ') + deferredPart + SEARCH_MARKER + search.slice(pos)
}

export const defaultFormat: OutputFormat = {
  description: 'Plain SPL queries',
  query(q, ctx) {
    const out = hoistPlainTerms(q)
    const fields = ruleFields(ctx)
    return fields.length > 0 ? `${out} | table ${fields.join(',')}` : out
  },
}

/** savedsearches.conf key/value lines; multi-line values continue with ` \`. */
export function confSettings(settings: Readonly<Record<string, string>>): string {
  return Object.entries(settings).map(([k, v]) => `\n${k} = ` + v.split('\n').join(' \\\n')).join('')
}

export const savedsearchesFormat: OutputFormat = {
  description: 'Plain SPL in a savedsearches.conf file',
  query(q, ctx) {
    const title = ctx.rule.title.replace(/[[\]]/g, '')
    const fields = ruleFields(ctx)
    const settings = {
      description: ctx.rule.description?.trim() ?? '',
      search: q + (fields.length > 0 ? '\n| table ' + fields.join(',') : ''),
    }
    return `\n[${title}]` + confSettings(settings)
  },
  output(items, options) {
    const defaults = { 'dispatch.earliest_time': options.min_time ?? '-30d', 'dispatch.latest_time': options.max_time ?? 'now' }
    return '\n[default]' + confSettings(defaults) + '\n' + items.map(String).join('\n')
  },
}

const CIM_DATASETS: readonly { match: (ls: { product?: string; category?: string; service?: string }) => boolean; set: string }[] = [
  { match: (l) => (l.product === 'windows' || l.product === 'linux') && l.category === 'process_creation', set: 'Processes' },
  { match: (l) => l.product === 'windows' && ['registry_add', 'registry_delete', 'registry_event', 'registry_set'].includes(l.category ?? ''), set: 'Registry' },
  { match: (l) => l.product === 'windows' && l.category === 'file_event', set: 'Filesystem' },
  { match: (l) => !(l.product && l.category) && l.category === 'proxy', set: 'Proxy' },
  { match: (l) => !(l.product && l.category) && l.category === 'network' && l.service === 'dns', set: 'DNS' },
]

export const dataModelFormat: OutputFormat = {
  description: 'Data model queries with tstats (use with the splunk_cim pipeline)',
  query(q, ctx) {
    const ls = ctx.rule.kind === 'rule' ? ctx.rule.logsource : {}
    let dataSet: string | undefined = CIM_DATASETS.find((d) => d.match(ls))?.set
    const model = ctx.pipelineState.data_model_set
    if (model === undefined) fail('backend.unsupported', 'No data model specified by processing pipeline (use -p splunk_cim)')
    if (!model) fail('backend.unsupported', 'No data set specified by processing pipeline')
    const modelSet = String(model)
    if (modelSet.includes('.')) {
      const parts = modelSet.split('.')
      if (parts.length !== 2 || parts.some((p) => p === '')) fail('backend.unsupported', `Expected format 'data_model.data_set', but got: ${modelSet}`)
      dataSet = parts[1]
    }
    const fieldList = ctx.pipelineState.fields
    if (fieldList === undefined) fail('backend.unsupported', 'No fields specified by processing pipeline')
    const fields = [...(fieldList as Iterable<string>)].join(' ')
    let deferredPart = ''
    let where = q
    const orRegex = q.includes(SEARCH_MARKER)
    if (orRegex) {
      const at = q.indexOf(SEARCH_MARKER)
      deferredPart = q.slice(0, at)
      where = q.slice(at + SEARCH_MARKER.length)
    }
    const tail = where.indexOf('\n| ')
    if (tail >= 0) {
      deferredPart += where.slice(tail)
      where = where.slice(0, tail)
    }
    if (orRegex) deferredPart += SEARCH_MARKER + where
    return `| tstats summariesonly=false allow_old_summaries=true fillnull_value="null" count min(_time) as firstTime max(_time) as lastTime from datamodel=${modelSet} where ${where} by ${fields}${deferredPart}
| \`drop_dm_object_name(${dataSet ?? 'None'})\`
| convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(firstTime)
| convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(lastTime)
`.replace(/\n/g, ' ')
  },
}
