/**
 * CIDR helpers for targets without native network matching: pySigma's wildcard-prefix expansion
 * (IPv4 on 8-bit, IPv6 on 4-bit boundaries) and Python-compatible address text.
 */
import type { StrPart, Value } from '../ir/value.js'
import { ANY } from '../ir/value.js'

type Cidr = Extract<Value, { type: 'cidr' }>

export function parseIpv4(s: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s)
  if (!m) return null
  const parts = m.slice(1).map(Number)
  if (parts.some((p) => p > 255)) return null
  return (((parts[0] as number) << 24) >>> 0) + ((parts[1] as number) << 16) + ((parts[2] as number) << 8) + (parts[3] as number)
}

export const ipv4Text = (n: number): string => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')

export function parseIpv6(s: string): bigint | null {
  let text = s
  let tail: number[] = []
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (v4) {
    const n = parseIpv4(v4[1] as string)
    if (n === null) return null
    tail = [n >>> 16, n & 0xffff]
    text = text.slice(0, -(v4[1] as string).length) + (text.endsWith('::' + v4[1]) ? '' : '0')
    if (text.endsWith(':0')) text = text.slice(0, -2)
  }
  const halves = text.split('::')
  if (halves.length > 2) return null
  const grp = (h: string): number[] | null => {
    if (h === '') return []
    const g = h.split(':')
    if (g.some((x) => !/^[0-9a-fA-F]{1,4}$/.test(x))) return null
    return g.map((x) => parseInt(x, 16))
  }
  const head = grp(halves[0] as string)
  const rest = halves.length === 2 ? grp(halves[1] as string) : []
  if (!head || !rest) return null
  const fixed = [...head, ...rest, ...tail]
  let groups: number[]
  if (halves.length === 2) {
    if (fixed.length > 7) return null
    groups = [...head, ...new Array<number>(8 - fixed.length).fill(0), ...rest, ...tail]
  } else {
    groups = fixed
  }
  if (groups.length !== 8) return null
  return groups.reduce((acc, g) => (acc << 16n) + BigInt(g), 0n)
}

/** Python ipaddress compressed text: longest run (≥ 2) of zero groups becomes `::`. */
export function ipv6Text(n: bigint): string {
  const groups: number[] = []
  for (let i = 7; i >= 0; i--) groups.push(Number((n >> BigInt(i * 16)) & 0xffffn))
  let bestStart = -1
  let bestLen = 0
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) { i++; continue }
    let j = i
    while (j < 8 && groups[j] === 0) j++
    if (j - i > bestLen) { bestStart = i; bestLen = j - i }
    i = j
  }
  const hex = groups.map((g) => g.toString(16))
  if (bestLen < 2) return hex.join(':')
  return hex.slice(0, bestStart).join(':') + '::' + hex.slice(bestStart + bestLen).join(':')
}

export function cidrNetmask(v: Cidr): string {
  if (v.version === 4) return ipv4Text(v.prefix === 0 ? 0 : ((0xffffffff << (32 - v.prefix)) >>> 0))
  const mask = v.prefix === 0 ? 0n : ((1n << 128n) - 1n) ^ ((1n << BigInt(128 - v.prefix)) - 1n)
  return ipv6Text(mask)
}

/** pySigma SigmaCIDRExpression.expand(): wildcard patterns covering the network. */
export function expandCidr(v: Cidr): StrPart[][] {
  if (v.version === 4) {
    const base = parseIpv4(v.network) ?? 0
    const diff = (8 - (v.prefix % 8)) % 8
    const newPrefix = v.prefix + diff
    const out: StrPart[][] = []
    for (let i = 0; i < 1 << diff; i++) {
      const addr = (base + i * 2 ** (32 - newPrefix)) >>> 0
      const group = Math.floor(newPrefix / 8)
      const octets = ipv4Text(addr).split('.')
      if (group === 0) out.push([ANY])
      else if (group < 4) out.push([octets.slice(0, group).join('.') + '.', ANY])
      else out.push([ipv4Text(addr)])
    }
    return out
  }
  const base = parseIpv6(v.network) ?? 0n
  const diff = (4 - (v.prefix % 4)) % 4
  const newPrefix = v.prefix + diff
  const out: StrPart[][] = []
  for (let i = 0; i < 1 << diff; i++) {
    const size = 1n << BigInt(128 - newPrefix)
    const first = base + BigInt(i) * size
    const last = first + size - 1n
    const a = ipv6Text(first)
    const b = ipv6Text(last)
    let k = 0
    while (k < a.length && a[k] === b[k]) k++
    if (k < a.length || a.length !== b.length) out.push([`${a}/${newPrefix}`.slice(0, k), ANY])
    else out.push([a])
  }
  return out
}
