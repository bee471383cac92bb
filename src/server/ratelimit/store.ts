/**
 * Fixed-window counters for rate limits. In-memory for a single node; Redis (RESP via ioredis) when the service
 * runs as several stateless instances behind a load balancer, so every instance sees the same counts.
 */
import { Redis } from 'ioredis'

export interface WindowCount {
  /** Hits in the current window, including this one (for `peek`: without adding one). */
  readonly count: number
  /** Milliseconds until the window resets. */
  readonly resetMs: number
}

export interface CounterStore {
  /** Add one hit to `key` and return the window's count. */
  hit(key: string, windowMs: number): Promise<WindowCount>
  /** Current count without adding a hit. */
  peek(key: string, windowMs: number): Promise<WindowCount>
  close(): Promise<void>
}

export class MemoryStore implements CounterStore {
  private readonly windows = new Map<string, { count: number; resetAt: number }>()
  private readonly sweeper: NodeJS.Timeout

  constructor(private readonly now: () => number = Date.now) {
    // Drop expired windows so a flood of distinct keys cannot grow the map without bound.
    this.sweeper = setInterval(() => this.sweep(), 10_000)
    this.sweeper.unref()
  }

  private current(key: string, windowMs: number): { count: number; resetAt: number } {
    const t = this.now()
    let w = this.windows.get(key)
    if (!w || w.resetAt <= t) {
      w = { count: 0, resetAt: t + windowMs }
      this.windows.set(key, w)
    }
    return w
  }

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const w = this.current(key, windowMs)
    w.count++
    return { count: w.count, resetMs: w.resetAt - this.now() }
  }

  async peek(key: string, windowMs: number): Promise<WindowCount> {
    const w = this.windows.get(key)
    const t = this.now()
    if (!w || w.resetAt <= t) return { count: 0, resetMs: windowMs }
    return { count: w.count, resetMs: w.resetAt - t }
  }

  private sweep(): void {
    const t = this.now()
    for (const [k, w] of this.windows) if (w.resetAt <= t) this.windows.delete(k)
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper)
  }
}

// INCR and set the expiry on the first hit, atomically; returns [count, pttl].
const HIT = `local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local t = redis.call('PTTL', KEYS[1])
if t < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); t = tonumber(ARGV[1]) end
return {c, t}`

export class RedisStore implements CounterStore {
  private readonly redis: Redis

  constructor(url: string, private readonly prefix = 'sigmaport:rl:') {
    this.redis = new Redis(url, {
      // Fail fast instead of queueing commands while Redis is down; the middleware decides open/closed.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      commandTimeout: 1000,
      lazyConnect: false,
    })
    this.redis.on('error', () => {}) // reported per command to the caller
  }

  /** Resolves once connected (or rejects after the connect timeout). */
  async ready(): Promise<void> {
    if (this.redis.status === 'ready') return
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('redis connect timeout')), 3000)
      this.redis.once('ready', () => { clearTimeout(t); resolve() })
    })
  }

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const r = (await this.redis.eval(HIT, 1, this.prefix + key, String(windowMs))) as [number, number]
    return { count: Number(r[0]), resetMs: Math.max(0, Number(r[1])) }
  }

  async peek(key: string, windowMs: number): Promise<WindowCount> {
    const [count, ttl] = await Promise.all([this.redis.get(this.prefix + key), this.redis.pttl(this.prefix + key)])
    return { count: count === null ? 0 : Number(count), resetMs: ttl > 0 ? ttl : windowMs }
  }

  async close(): Promise<void> {
    this.redis.disconnect()
  }
}
