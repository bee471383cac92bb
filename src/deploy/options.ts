/**
 * Schedule, threshold and switch options of the deployable formats (`-O name=value`), with their defaults,
 * per vendor, and the parsers that turn them into checked values. Invalid values fail the rule with a
 * `config.option` diagnostic naming the option.
 */
import type { OptionSpec } from '../backend.js'
import { fail } from '../diagnostics.js'
import { durationOption } from './duration.js'

type Options = Readonly<Record<string, string>>

export const ELASTIC_DEPLOY_OPTIONS = {
  lookback: { description: 'siem_rule formats: additional look-back added to the interval (from = now-(interval+lookback))', default: '1m' },
  enabled: { description: 'deployable formats: create the rule enabled (true/false)', default: 'true' },
  max_signals: { description: 'siem_rule formats: maximum alerts per run', default: '100' },
  dsl_size: { description: 'dsl format: number of hits returned', default: '100' },
  dsl_time_range: { description: 'dsl format: @timestamp look-back filter (e.g. 15m, 1d; "none" = no time filter)', default: 'none' },
} as const satisfies Record<string, OptionSpec>

export const SENTINEL_OPTIONS = {
  query_frequency: { description: 'analytics_rule/arm: how often the rule runs (ISO-8601 or 5m/1h/1d; 5m..14d)', default: 'PT5M' },
  query_period: { description: 'analytics_rule/arm: look-back of each run (ISO-8601 or 5m/1h/1d; 5m..14d; a correlation\'s timespan raises it)', default: 'PT5M' },
  trigger_operator: { description: 'analytics_rule/arm: GreaterThan | LessThan | Equal | NotEqual', default: 'GreaterThan' },
  trigger_threshold: { description: 'analytics_rule/arm: result-row count compared with trigger_operator', default: '0' },
  suppression_enabled: { description: 'analytics_rule/arm: stop the rule after it fired (true/false)', default: 'false' },
  suppression_duration: { description: 'analytics_rule/arm: how long suppression lasts (5m..24h)', default: 'PT1H' },
  create_incident: { description: 'analytics_rule/arm: create incidents from the alerts (true/false)', default: 'true' },
  enabled: { description: 'deployable formats: create the rule enabled (true/false)', default: 'true' },
  schedule_period: { description: 'custom_detection: Defender schedule period: 0 (continuous), 1H, 3H, 12H or 24H', default: '1H' },
  impacted_asset: { description: 'custom_detection: impacted-asset column (auto = by table: DeviceId, AccountObjectId, RecipientEmailAddress)', default: 'auto' },
} as const satisfies Record<string, OptionSpec>

export const SPLUNK_DEPLOY_OPTIONS = {
  cron_schedule: { description: 'saved_search_rest: cron schedule of the saved search', default: '*/5 * * * *' },
  earliest_time: { description: 'saved_search_rest/search_job: dispatch earliest time (a correlation\'s timespan widens the default)', default: '-5m@m' },
  latest_time: { description: 'saved_search_rest/search_job: dispatch latest time', default: 'now' },
  alert_type: { description: "saved_search_rest: 'number of events' | 'number of hosts' | 'number of sources' | always", default: 'number of events' },
  alert_comparator: { description: "saved_search_rest: 'greater than' | 'less than' | 'equal to' | 'not equal to' | 'rises by' | 'drops by'", default: 'greater than' },
  alert_threshold: { description: 'saved_search_rest: alert threshold (integer)', default: '0' },
  alert_suppress_period: { description: 'saved_search_rest: throttle period (e.g. 1h); empty = no suppression', default: '' },
  enabled: { description: 'deployable formats: create the saved search enabled (true/false)', default: 'true' },
  exec_mode: { description: 'search_job: normal | blocking | oneshot', default: 'normal' },
} as const satisfies Record<string, OptionSpec>

const dflt = <T extends Record<string, OptionSpec>>(specs: T, name: keyof T & string): string => specs[name]?.default ?? ''

/** The option's value, or its documented default. */
export function optionText<T extends Record<string, OptionSpec>>(o: Options, specs: T, name: keyof T & string): string {
  const v = o[name]
  return v === undefined || v.trim() === '' ? dflt(specs, name) : v.trim()
}

export function boolOption(name: string, text: string): boolean {
  const t = text.toLowerCase()
  if (['true', 'yes', '1', 'on'].includes(t)) return true
  if (['false', 'no', '0', 'off'].includes(t)) return false
  return fail('config.option', `option ${name}: '${text}' is not true or false`)
}

export function intOption(name: string, text: string, min: number, max: number): number {
  const n = Number(text)
  if (!/^-?\d+$/.test(text) || n < min || n > max) return fail('config.option', `option ${name}: '${text}' is not an integer from ${min} to ${max}`)
  return n
}

export function enumOption<T extends string>(name: string, text: string, values: readonly T[]): T {
  const found = values.find((v) => v.toLowerCase() === text.toLowerCase())
  if (found === undefined) return fail('config.option', `option ${name}: '${text}' is not one of ${values.join(', ')}`)
  return found
}

export function rangedDuration(name: string, text: string, min: number, max: number): number {
  const s = durationOption(name, text)
  if (s < min || s > max) return fail('config.option', `option ${name}: '${text}' is outside ${min / 60} minutes to ${max / 86400 >= 1 ? `${max / 86400} days` : `${max / 3600} hours`}`)
  return s
}
