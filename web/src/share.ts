/**
 * Share links: the shared state in the URL fragment (`#s=…`), which browsers never send to a server.
 * `z` + base64url(deflate-raw(JSON)) where CompressionStream exists, else `j` + base64url(JSON).
 */
import { sharedSchema, type Shared } from './state.js'

const PREFIX = '#s='

function toBase64Url(bytes: Uint8Array): string {
  let bin = ''
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64Url(text: string): Uint8Array {
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  return Uint8Array.from(bin, (c) => c.charCodeAt(0))
}

/** Decoded output larger than this is refused (a deflate bomb must not freeze the tab). */
const MAX_DECODED = 4 * 1024 * 1024

async function pipeThrough(bytes: Uint8Array, stream: GenericTransformStream): Promise<Uint8Array> {
  const reader = (new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream) as ReadableStream<Uint8Array>).getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.length
    if (size > MAX_DECODED) {
      await reader.cancel()
      throw new Error('share link too large')
    }
    chunks.push(value)
  }
  const out = new Uint8Array(size)
  let at = 0
  for (const c of chunks) { out.set(c, at); at += c.length }
  return out
}

export async function encodeShare(s: Shared): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(s))
  if (typeof CompressionStream === 'undefined') return `${PREFIX}j${toBase64Url(json)}`
  return `${PREFIX}z${toBase64Url(await pipeThrough(json, new CompressionStream('deflate-raw')))}`
}

/** The state in a fragment, or undefined when the fragment is not a share link; throws on a damaged one. */
export async function decodeShare(hash: string): Promise<Shared | undefined> {
  if (!hash.startsWith(PREFIX)) return undefined
  const body = hash.slice(PREFIX.length)
  const kind = body[0]
  const bytes = fromBase64Url(body.slice(1))
  let json: Uint8Array
  if (kind === 'j') json = bytes
  else if (kind === 'z') {
    if (typeof DecompressionStream === 'undefined') throw new Error('this browser cannot read compressed share links')
    json = await pipeThrough(bytes, new DecompressionStream('deflate-raw'))
  } else throw new Error('unknown share link version')
  const parsed = sharedSchema.safeParse(JSON.parse(new TextDecoder().decode(json)))
  if (!parsed.success) throw new Error('share link content is not valid')
  return parsed.data
}
