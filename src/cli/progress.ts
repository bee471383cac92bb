/**
 * A one-line progress bar on stderr for long conversions, drawn only on an interactive terminal (never in CI,
 * never with --json or when stderr is a file), redrawn at most every 100 ms and erased when done.
 */
import type { Progress } from '../batch/types.js'

export interface ProgressBar {
  readonly update: (p: Progress) => void
  readonly done: () => void
}

const QUIET: ProgressBar = { update: () => {}, done: () => {} }
const WIDTH = 30

export function progressBar(write: (s: string) => void, enabled: boolean, now: () => number = () => performance.now()): ProgressBar {
  if (!enabled) return QUIET
  let last = -Infinity
  let drawn = false
  return {
    update(p) {
      const t = now()
      if (t - last < 100 && p.done < p.total) return
      last = t
      // Loading is most of the work: it fills the first 80 % of the bar.
      const share = p.total === 0 ? 1 : (p.phase === 'load' ? 0.8 * p.done : 0.8 * p.total + 0.2 * p.done) / p.total
      const filled = Math.round(share * WIDTH)
      write(`\r[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${p.phase === 'load' ? 'loading' : 'converting'} ${p.done}/${p.total}\x1b[K`)
      drawn = true
    },
    done() {
      if (drawn) write('\r\x1b[K')
      drawn = false
    },
  }
}
