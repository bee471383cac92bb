/**
 * `cidr` membership (SIGMA-NOTES §3.8): the event value must be an IP address of the network's family.
 * Addresses are parsed as Python's `ipaddress` does (what pySigma relies on): IPv4 dotted quads without
 * leading zeros, IPv6 with one `::` and an optional trailing dotted quad. An IPv4-mapped IPv6 address
 * (`::ffff:10.0.0.1`) is an IPv6 address and so not inside an IPv4 network, as in Python.
 */
import type { Value } from '../ir/value.js'

type CidrValue = Extract<Value, { type: 'cidr' }>

const V4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/

function v4ToBig(text: string): bigint | undefined {
  if (!V4.test(text)) return undefined
  return text.split('.').reduce((acc, o) => (acc << 8n) | BigInt(Number(o)), 0n)
}

function hextets(parts: readonly string[]): bigint[] | undefined {
  const out: bigint[] = []
  for (const h of parts) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(h)) return undefined
    out.push(BigInt(parseInt(h, 16)))
  }
  return out
}

function v6ToBig(text: string): bigint | undefined {
  if (text.includes('%') || !text.includes(':')) return undefined
  let body = text
  const lastColon = text.lastIndexOf(':')
  const last = text.slice(lastColon + 1)
  if (last.includes('.')) {
    // An embedded dotted quad stands for the last two hextets (Python substitutes it the same way).
    const v4 = v4ToBig(last)
    if (v4 === undefined) return undefined
    body = `${text.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`
  }
  const halves = body.split('::')
  if (halves.length > 2) return undefined
  const split = (s: string): string[] => (s === '' ? [] : s.split(':'))
  let groups: bigint[]
  if (halves.length === 2) {
    const head = hextets(split(halves[0] as string))
    const rest = hextets(split(halves[1] as string))
    if (!head || !rest) return undefined
    const fill = 8 - head.length - rest.length
    if (fill < 1) return undefined
    groups = [...head, ...Array<bigint>(fill).fill(0n), ...rest]
  } else {
    const all = hextets(split(body))
    if (!all || all.length !== 8) return undefined
    groups = all
  }
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n)
}

/** Parse an IP address; undefined when the text is not one. */
export function parseIp(text: string): { readonly version: 4 | 6; readonly value: bigint } | undefined {
  const t = text.trim()
  const v4 = v4ToBig(t)
  if (v4 !== undefined) return { version: 4, value: v4 }
  const v6 = v6ToBig(t)
  return v6 === undefined ? undefined : { version: 6, value: v6 }
}

/** Is `text` an address inside the network? */
export function inCidr(net: CidrValue, text: string): boolean {
  const ip = parseIp(text)
  if (ip === undefined || ip.version !== net.version) return false
  const base = parseIp(net.network)
  if (base === undefined) return false
  const bits = net.version === 4 ? 32 : 128
  const shift = BigInt(bits - net.prefix)
  return ip.value >> shift === base.value >> shift
}
