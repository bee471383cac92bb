/**
 * Durations for schedules: `30s`, `5m`, `1h`, `2d` (Sigma/Elastic style, also `w`) or ISO-8601 (`PT5M`, `P1DT2H`)
 * in, seconds inside, each vendor's notation out.
 */
import { fail } from '../diagnostics.js'

const SHORT = /^(\d+)\s*([smhdw])$/i
const ISO = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i
const UNIT: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }

/** Seconds of a duration, or undefined when the text is not one. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim()
  const s = SHORT.exec(t)
  if (s) return Number(s[1]) * (UNIT[(s[2] as string).toLowerCase()] as number)
  const i = ISO.exec(t)
  if (i && t.length > 1 && !/T$/i.test(t)) {
    const [w, d, h, m, sec] = i.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number]
    return w * 604800 + d * 86400 + h * 3600 + m * 60 + sec
  }
  return undefined
}

/** Seconds of an option value, failing with a diagnostic that names the option. */
export function durationOption(name: string, text: string): number {
  const v = parseDuration(text)
  if (v === undefined) return fail('config.option', `option ${name}: '${text}' is not a duration (use e.g. 5m, 1h, 1d or ISO-8601 PT5M)`)
  return v
}

/** ISO-8601 duration: `PT5M`, `PT1H30M`, `P1D`, `P1DT6H`, `PT0S`. */
export function isoDuration(seconds: number): string {
  if (seconds === 0) return 'PT0S'
  const d = Math.floor(seconds / 86400)
  const h = Math.floor((seconds % 86400) / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = seconds % 60
  const time = (h ? `${h}H` : '') + (m ? `${m}M` : '') + (s ? `${s}S` : '')
  return 'P' + (d ? `${d}D` : '') + (time ? `T${time}` : '')
}

/** Elastic date-math unit text: the largest of d/h/m/s that divides the duration (`5m`, `1h`, `90s`). */
export function elasticDuration(seconds: number): string {
  for (const [u, n] of [['d', 86400], ['h', 3600], ['m', 60]] as const) if (seconds >= n && seconds % n === 0) return `${seconds / n}${u}`
  return `${seconds}s`
}
