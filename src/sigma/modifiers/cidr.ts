/**
 * `cidr` (SIGMA-NOTES §3.8): parse an IPv4/IPv6 network exactly as Python's `ipaddress.ip_network(x)`
 * (strict: host bits must be zero), which is what pySigma calls, and render it canonically (`str(network)`).
 */
import type { Value } from '../../ir/value.js'

export type CidrValue = Extract<Value, { type: 'cidr' }>
type Result<T> = { ok: true; value: T } | { ok: false; error: string }

const isDigits = (s: string): boolean => /^[0-9]+$/.test(s)

function parseV4(addr: string): Result<number> {
  const octets = addr.split('.')
  if (octets.length !== 4) return { ok: false, error: `Expected 4 octets in '${addr}'` }
  let n = 0
  for (const o of octets) {
    if (o === '') return { ok: false, error: `Empty octet not permitted in '${addr}'` }
    if (!isDigits(o)) return { ok: false, error: `Only decimal digits permitted in '${o}' in '${addr}'` }
    if (o.length > 3) return { ok: false, error: `At most 3 characters permitted in '${o}' in '${addr}'` }
    if (o.length > 1 && o.startsWith('0')) return { ok: false, error: `Leading zeros are not permitted in '${o}' in '${addr}'` }
    const v = Number(o)
    if (v > 255) return { ok: false, error: `Octet ${v} (> 255) not permitted in '${addr}'` }
    n = n * 256 + v
  }
  return { ok: true, value: n }
}

/** Prefix length of a contiguous mask of `bits` bits, or undefined. */
function prefixOfMask(mask: bigint, bits: number): number | undefined {
  for (let p = 0; p <= bits; p++) {
    const m = p === 0 ? 0n : ((1n << BigInt(p)) - 1n) << BigInt(bits - p)
    if (m === mask) return p
  }
  return undefined
}

function v4Prefix(s: string): Result<number> {
  if (isDigits(s)) {
    const p = Number(s)
    return p <= 32 ? { ok: true, value: p } : { ok: false, error: `'${s}' is not a valid netmask` }
  }
  const m = parseV4(s)
  if (!m.ok) return { ok: false, error: `'${s}' is not a valid netmask` }
  const net = prefixOfMask(BigInt(m.value), 32)
  if (net !== undefined) return { ok: true, value: net }
  const host = prefixOfMask(BigInt(m.value) ^ 0xffffffffn, 32)
  if (host !== undefined) return { ok: true, value: host }
  return { ok: false, error: `'${s}' is not a valid netmask` }
}

function parseHextets(parts: readonly string[], addr: string): Result<number[]> {
  const out: number[] = []
  for (const h of parts) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(h)) return { ok: false, error: `Invalid hextet '${h}' in '${addr}'` }
    out.push(parseInt(h, 16))
  }
  return { ok: true, value: out }
}

/** IPv6 address → 8 hextets (Python's `_ip_int_from_string` rules, without scope ids). */
function parseV6(addr: string): Result<number[]> {
  if (addr === '') return { ok: false, error: 'Address cannot be empty' }
  if (addr.includes('%')) return { ok: false, error: `Scoped IPv6 addresses are not supported in '${addr}'` }
  let parts = addr.split(':')
  if (parts.length < 3) return { ok: false, error: `At least 3 parts expected in '${addr}'` }
  const last = parts[parts.length - 1]!
  if (last.includes('.')) {
    // An embedded IPv4 address stands for the last two hextets (Python does the same substitution).
    const v4 = parseV4(last)
    if (!v4.ok) return v4
    parts = [...parts.slice(0, -1), Math.floor(v4.value / 65536).toString(16), (v4.value % 65536).toString(16)]
  }
  if (parts.length > 9) return { ok: false, error: `At most 8 colons permitted in '${addr}'` }
  const maxParts = 8
  const gaps = parts.map((p, i) => (p === '' && i > 0 && i < parts.length - 1 ? i : -1)).filter((i) => i >= 0)
  if (gaps.length > 1) return { ok: false, error: `At most one '::' permitted in '${addr}'` }
  if (gaps.length === 1) {
    const gap = gaps[0]!
    let head = parts.slice(0, gap)
    let rest = parts.slice(gap + 1)
    if (head.length === 1 && head[0] === '') head = []
    else if (head[0] === '') return { ok: false, error: `Leading ':' only permitted as part of '::' in '${addr}'` }
    if (rest.length === 1 && rest[0] === '') rest = []
    else if (rest[rest.length - 1] === '') return { ok: false, error: `Trailing ':' only permitted as part of '::' in '${addr}'` }
    if (head.length + rest.length >= maxParts) return { ok: false, error: `Expected at most ${maxParts - 1} other parts with '::' in '${addr}'` }
    const h = parseHextets(head, addr)
    const r = parseHextets(rest, addr)
    if (!h.ok) return h
    if (!r.ok) return r
    return { ok: true, value: [...h.value, ...Array<number>(maxParts - head.length - rest.length).fill(0), ...r.value] }
  }
  if (parts.length !== maxParts) return { ok: false, error: `Exactly ${maxParts} parts expected without '::' in '${addr}'` }
  const h = parseHextets(parts, addr)
  if (!h.ok) return h
  return { ok: true, value: h.value }
}

/** Python's `_compress_hextets`: longest run (> 1) of zero hextets becomes `::`, leftmost on ties. */
export function formatV6(hextets: readonly number[]): string {
  let bestStart = -1
  let bestLen = 0
  let start = -1
  for (let i = 0; i <= hextets.length; i++) {
    if (i < hextets.length && hextets[i] === 0) {
      if (start < 0) start = i
    } else if (start >= 0) {
      if (i - start > bestLen) [bestStart, bestLen] = [start, i - start]
      start = -1
    }
  }
  const hex = hextets.map((h) => h.toString(16))
  if (bestLen < 2) return hex.join(':')
  const head = hex.slice(0, bestStart).join(':')
  const tail = hex.slice(bestStart + bestLen).join(':')
  return `${head}::${tail}`
}

function formatV4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.')
}

function toBig(hextets: readonly number[]): bigint {
  return hextets.reduce((acc, h) => (acc << 16n) | BigInt(h), 0n)
}

/** Parse a CIDR network like `ip_network(text)`; returns the canonical value or an error message. */
export function parseCidr(text: string): Result<CidrValue> {
  const pieces = text.split('/')
  if (pieces.length > 2) return { ok: false, error: `Only one '/' permitted in '${text}'` }
  const [addr = '', prefixText] = pieces
  const generic = { ok: false as const, error: `'${text}' does not appear to be an IPv4 or IPv6 network` }
  const v4 = parseV4(addr)
  if (v4.ok) {
    // As in Python, a bad IPv4 netmask makes the IPv6 attempt fail too: the generic message.
    const p = prefixText === undefined ? { ok: true as const, value: 32 } : v4Prefix(prefixText)
    if (!p.ok) return generic
    const hostBits = 2 ** (32 - p.value) - 1
    if (v4.value % (hostBits + 1) !== 0) return { ok: false, error: `${text} has host bits set` }
    const network = formatV4(v4.value)
    return { ok: true, value: { type: 'cidr', cidr: `${network}/${p.value}`, version: 4, network, prefix: p.value } }
  }
  const v6 = parseV6(addr)
  if (v6.ok) {
    let prefix = 128
    if (prefixText !== undefined) {
      if (!isDigits(prefixText) || Number(prefixText) > 128) return generic
      prefix = Number(prefixText)
    }
    const hostMask = (1n << BigInt(128 - prefix)) - 1n
    if ((toBig(v6.value) & hostMask) !== 0n) return { ok: false, error: `${text} has host bits set` }
    const network = formatV6(v6.value)
    return { ok: true, value: { type: 'cidr', cidr: `${network}/${prefix}`, version: 6, network, prefix } }
  }
  return generic
}
