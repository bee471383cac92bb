/**
 * Sigma level → each vendor's severity scale, in one place. A rule without a level is treated as `low`
 * (pySigma's Elastic default: severity low, risk score 21).
 */
import type { Level } from '../ir/rule.js'

export const DEFAULT_LEVEL: Level = 'low'
const level = (l: Level | undefined): Level => l ?? DEFAULT_LEVEL

/** Elastic detection engine: severity enum + risk score (pySigma's 21/47/73/99; informational → low, 1). */
export const ELASTIC_LEVELS: Readonly<Record<Level, { readonly severity: 'low' | 'medium' | 'high' | 'critical'; readonly riskScore: number }>> = {
  informational: { severity: 'low', riskScore: 1 },
  low: { severity: 'low', riskScore: 21 },
  medium: { severity: 'medium', riskScore: 47 },
  high: { severity: 'high', riskScore: 73 },
  critical: { severity: 'critical', riskScore: 99 },
}

/** Sentinel AlertSeverity has no Critical. */
export const SENTINEL_LEVELS: Readonly<Record<Level, 'Informational' | 'Low' | 'Medium' | 'High'>> = {
  informational: 'Informational',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'High',
}

/** Defender XDR (Graph alertSeverity) has no critical either. */
export const DEFENDER_LEVELS: Readonly<Record<Level, 'informational' | 'low' | 'medium' | 'high'>> = {
  informational: 'informational',
  low: 'low',
  medium: 'medium',
  high: 'high',
  critical: 'high',
}

/** Splunk alert.severity: 1 debug, 2 info, 3 warn, 4 error, 5 severe, 6 fatal. */
export const SPLUNK_LEVELS: Readonly<Record<Level, 2 | 3 | 4 | 5 | 6>> = {
  informational: 2,
  low: 3,
  medium: 4,
  high: 5,
  critical: 6,
}

export const elasticLevel = (l: Level | undefined): (typeof ELASTIC_LEVELS)[Level] => ELASTIC_LEVELS[level(l)]
export const sentinelSeverity = (l: Level | undefined): (typeof SENTINEL_LEVELS)[Level] => SENTINEL_LEVELS[level(l)]
export const defenderSeverity = (l: Level | undefined): (typeof DEFENDER_LEVELS)[Level] => DEFENDER_LEVELS[level(l)]
export const splunkSeverity = (l: Level | undefined): (typeof SPLUNK_LEVELS)[Level] => SPLUNK_LEVELS[level(l)]
