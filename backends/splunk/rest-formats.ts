/**
 * Splunk REST request bodies (application/x-www-form-urlencoded form fields, given as a JSON object of strings):
 * `saved_search_rest` for POST /servicesNS/<owner>/<app>/saved/searches (a scheduled alert) and `search_job`
 * for POST /services/search/jobs (a one-off search). The search text is the default format's (plain terms
 * hoisted, `| table` of the rule's fields). The saved search `name` is the rule title, as in savedsearches.conf,
 * so the conf stanza and the REST object are the same saved search.
 */
import type { OutputFormat, QueryContext } from '../../src/backend.js'
import { fail } from '../../src/diagnostics.js'
import { deployRule } from '../../src/deploy/context.js'
import { splunkSeverity } from '../../src/deploy/levels.js'
import { parseDuration } from '../../src/deploy/duration.js'
import { SPLUNK_DEPLOY_OPTIONS, boolOption, enumOption, intOption, optionText } from '../../src/deploy/options.js'
import { defaultFormat } from './formats.js'

const ALERT_TYPES = ['number of events', 'number of hosts', 'number of sources', 'always'] as const
const COMPARATORS = ['greater than', 'less than', 'equal to', 'not equal to', 'rises by', 'drops by'] as const
const EXEC_MODES = ['normal', 'blocking', 'oneshot'] as const
const CRON_FIELD = /^(\*|\d+(-\d+)?)(\/\d+)?(,(\*|\d+(-\d+)?)(\/\d+)?)*$/

const opt = (ctx: QueryContext, name: keyof typeof SPLUNK_DEPLOY_OPTIONS): string => optionText(ctx.options, SPLUNK_DEPLOY_OPTIONS, name)

function cron(text: string): string {
  const fields = text.split(/\s+/)
  if (fields.length !== 5 || !fields.every((f) => CRON_FIELD.test(f))) fail('config.option', `option cron_schedule: '${text}' is not a five-field numeric cron expression`)
  return text
}

const GENERATING = /^\|\s*(tstats|inputlookup|datamodel|from|makeresults|multisearch|search|metadata|rest|pivot|mstats)\b/

/**
 * The query text a saved search or job runs (same as `-f default`). A query that starts with a non-generating
 * command (pySigma's regex post-filters: `| rex …`) has an implicit empty search before it, which Splunk
 * does not accept at the start of a search string: it gets an explicit `*`.
 */
function searchText(q: string, ctx: QueryContext): string {
  const out = defaultFormat.query ? defaultFormat.query(q, ctx) : q
  const text = (typeof out === 'string' ? out : q).trim()
  return text.startsWith('|') && !GENERATING.test(text) ? `* ${text}` : text
}

/** Default look-back: a correlation needs at least its timespan. */
function earliest(ctx: QueryContext, timespan: number | undefined): string {
  if (ctx.options.earliest_time === undefined && timespan !== undefined && timespan > 300) return `-${Math.ceil(timespan / 60)}m@m`
  return opt(ctx, 'earliest_time')
}

export const savedSearchRestFormat: OutputFormat = {
  description: 'Splunk POST /servicesNS/<owner>/<app>/saved/searches form fields: a scheduled alert (cron, dispatch window, alert condition)',
  query(q, ctx) {
    const d = deployRule(ctx)
    const enabled = boolOption('enabled', opt(ctx, 'enabled'))
    const suppress = opt(ctx, 'alert_suppress_period')
    if (suppress !== '' && parseDuration(suppress) === undefined) fail('config.option', `option alert_suppress_period: '${suppress}' is not a duration (e.g. 1h)`)
    const fields: Record<string, string> = {
      name: d.title.replace(/[[\]]/g, ''),
      search: searchText(q, ctx),
      description: d.description,
      disabled: enabled ? '0' : '1',
      is_scheduled: '1',
      cron_schedule: cron(opt(ctx, 'cron_schedule')),
      'dispatch.earliest_time': earliest(ctx, d.timespan),
      'dispatch.latest_time': opt(ctx, 'latest_time'),
      alert_type: enumOption('alert_type', opt(ctx, 'alert_type'), ALERT_TYPES),
      alert_comparator: enumOption('alert_comparator', opt(ctx, 'alert_comparator'), COMPARATORS),
      alert_threshold: String(intOption('alert_threshold', opt(ctx, 'alert_threshold'), 0, 1_000_000_000)),
      'alert.severity': String(splunkSeverity(d.level)),
      'alert.track': '1',
      'alert.digest_mode': '1',
      'alert.suppress': suppress === '' ? '0' : '1',
      ...(suppress === '' ? {} : { 'alert.suppress.period': suppress }),
    }
    return fields
  },
}

export const searchJobFormat: OutputFormat = {
  description: 'Splunk POST /services/search/jobs form fields (search, time window, exec_mode, output_mode=json)',
  query(q, ctx) {
    const d = deployRule(ctx)
    const text = searchText(q, ctx)
    return {
      search: GENERATING.test(text) ? text : `search ${text}`,
      earliest_time: earliest(ctx, d.timespan),
      latest_time: opt(ctx, 'latest_time'),
      exec_mode: enumOption('exec_mode', opt(ctx, 'exec_mode'), EXEC_MODES),
      output_mode: 'json',
    }
  },
}
