/**
 * Time-part modifiers (SIGMA-NOTES §3.14): the part is read from the timestamp as written, with no
 * time-zone conversion. Accepted: ISO 8601 / RFC 3339 text (`2025-10-24T23:41:00.6Z`, `2025-10-24 23:41:00`)
 * and epoch numbers (seconds, or milliseconds when larger than 10^11), which are UTC.
 */
import type { TimePart } from '../ir/value.js'
import { assertNever } from '../ir/expr.js'

interface WallClock {
  readonly year: number
  readonly month: number
  readonly day: number
  readonly hour: number
  readonly minute: number
}

const ISO = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/

function fromEpoch(n: number): WallClock | undefined {
  if (!Number.isFinite(n)) return undefined
  const d = new Date(Math.abs(n) > 1e11 ? n : n * 1000)
  if (Number.isNaN(d.getTime())) return undefined
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() }
}

export function wallClock(v: unknown): WallClock | undefined {
  if (typeof v === 'number') return fromEpoch(v)
  if (typeof v !== 'string') return undefined
  if (/^\s*\d+(\.\d+)?\s*$/.test(v)) return fromEpoch(Number(v))
  const m = ISO.exec(v)
  if (!m) return undefined
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const [hour, minute] = [Number(m[4] ?? 0), Number(m[5] ?? 0)]
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return undefined
  return { year, month, day, hour, minute }
}

/** ISO 8601 week number (1–53) of a calendar date. */
export function isoWeek(year: number, month: number, day: number): number {
  const date = new Date(Date.UTC(year, month - 1, day))
  // The week belongs to the year of its Thursday.
  date.setUTCDate(date.getUTCDate() + 4 - (date.getUTCDay() || 7))
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1)
  return Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7)
}

export function timePart(c: WallClock, part: TimePart): number {
  switch (part) {
    case 'minute':
      return c.minute
    case 'hour':
      return c.hour
    case 'day':
      return c.day
    case 'week':
      return isoWeek(c.year, c.month, c.day)
    case 'month':
      return c.month
    case 'year':
      return c.year
    default:
      return assertNever(part)
  }
}
