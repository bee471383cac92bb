/**
 * Splunk REST form fields (SIGMA-NOTES §9.4, Splunk REST API reference: saved/searches and search/jobs).
 * Form bodies are strings only; strict, so a misspelt parameter name fails.
 */
import { z } from 'zod'

const flag = z.enum(['0', '1'])
const relTime = z.string().regex(/^(now|[+-]\d+[smhdwqy](@[smhdwqy]\d*)?|@[smhdwqy]|\d+(\.\d+)?|rt(-\d+[smhd])?)$/)

export const savedSearchSchema = z.strictObject({
  name: z.string().min(1).refine((n) => !/[[\]]/.test(n), 'no brackets in a saved search name'),
  search: z.string().min(1),
  description: z.string(),
  disabled: flag,
  is_scheduled: flag,
  cron_schedule: z.string().regex(/^\S+ \S+ \S+ \S+ \S+$/),
  'dispatch.earliest_time': relTime,
  'dispatch.latest_time': relTime,
  alert_type: z.enum(['always', 'number of events', 'number of hosts', 'number of sources', 'custom']),
  alert_comparator: z.enum(['greater than', 'less than', 'equal to', 'not equal to', 'rises by', 'drops by', 'rises by perc', 'drops by perc']),
  alert_threshold: z.string().regex(/^\d+%?$/),
  'alert.severity': z.enum(['1', '2', '3', '4', '5', '6']),
  'alert.track': z.enum(['0', '1', 'true', 'false', 'auto']),
  'alert.digest_mode': flag,
  'alert.suppress': flag,
  'alert.suppress.period': z.string().regex(/^\d+[smhd]$/).optional(),
})

export const searchJobSchema = z.strictObject({
  search: z.string().regex(/^(search |\|)/),
  earliest_time: relTime,
  latest_time: relTime,
  exec_mode: z.enum(['normal', 'blocking', 'oneshot']),
  output_mode: z.enum(['json', 'xml', 'csv']),
})
