/** Deployable formats of the Kusto targets (wired into backends/kusto/backend.ts `formats` and `options`). */
import type { OutputFormat } from '../../../src/backend.js'
import { SENTINEL_OPTIONS } from '../../../src/deploy/options.js'
import { analyticsRuleFormat, armFormat } from './sentinel.js'
import { customDetectionFormat } from './defender.js'

export const kustoDeployFormats: Readonly<Record<string, OutputFormat>> = {
  analytics_rule: analyticsRuleFormat,
  arm: armFormat,
  custom_detection: customDetectionFormat,
}

export const kustoDeployOptions = SENTINEL_OPTIONS
