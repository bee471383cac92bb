/**
 * Reading request bodies with limits: declared size (413 before reading), counted size for chunked bodies (413),
 * a receive deadline for slow clients (408), strict UTF-8 (400). NDJSON bodies are read line by line.
 */
import { ProblemError } from './problem.js'

export interface BodyLimits {
  readonly maxBytes: number
  readonly timeoutMs: number
}

const tooLarge = (max: number): ProblemError =>
  new ProblemError(413, 'body_too_large', `The request body is larger than the limit of ${max} bytes.`, { headers: { Connection: 'close' } })

/** 413 at once when Content-Length already says the body is too large. */
export function checkDeclaredLength(header: string | undefined, max: number): void {
  if (header === undefined) return
  if (!/^\d+$/.test(header)) throw new ProblemError(400, 'invalid_content_length', 'The Content-Length header is not a number.')
  if (Number(header) > max) throw tooLarge(max)
}

/** Reads chunks until done, a limit, or the deadline; cancels the stream on any failure. */
export async function* chunks(body: ReadableStream<Uint8Array> | null, limits: BodyLimits): AsyncGenerator<Uint8Array> {
  if (body === null) return
  const reader = body.getReader()
  let total = 0
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProblemError(408, 'body_timeout', `The request body was not received within ${limits.timeoutMs} ms.`, { headers: { Connection: 'close' } })), limits.timeoutMs)
  })
  timeout.catch(() => {})
  try {
    for (;;) {
      const r = await Promise.race([reader.read(), timeout])
      if (r.done) return
      total += r.value.byteLength
      if (total > limits.maxBytes) throw tooLarge(limits.maxBytes)
      yield r.value
    }
  } catch (e) {
    reader.cancel().catch(() => {})
    throw e
  } finally {
    clearTimeout(timer)
    reader.releaseLock()
  }
}

const invalidUtf8 = (): ProblemError => new ProblemError(400, 'invalid_utf8', 'The request body is not valid UTF-8.')

export function decodeUtf8(bytes: Uint8Array): string {
  try {
    // fatal: reject invalid sequences, overlong encodings and encoded surrogates instead of replacing them.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    throw invalidUtf8()
  }
}

/**
 * The whole body as text. With a Content-Length (already checked against the limit, and enforced by Node's HTTP
 * parser) the adapter's direct read is used: it skips building a web ReadableStream, which costs more than the
 * conversion of a typical rule. Without one (chunked), the stream is read and counted.
 */
export async function readRequestText(req: Request, declaredLength: string | undefined, limits: BodyLimits): Promise<string> {
  if (declaredLength === undefined) return readBodyText(req.body, limits)
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProblemError(408, 'body_timeout', `The request body was not received within ${limits.timeoutMs} ms.`, { headers: { Connection: 'close' } })), limits.timeoutMs)
  })
  try {
    const buf = await Promise.race([req.arrayBuffer(), timeout])
    if (buf.byteLength > limits.maxBytes) throw tooLarge(limits.maxBytes)
    return decodeUtf8(new Uint8Array(buf))
  } finally {
    clearTimeout(timer)
  }
}

export async function readBodyText(body: ReadableStream<Uint8Array> | null, limits: BodyLimits): Promise<string> {
  const parts: Uint8Array[] = []
  let n = 0
  for await (const ch of chunks(body, limits)) { parts.push(ch); n += ch.byteLength }
  const all = new Uint8Array(n)
  let o = 0
  for (const p of parts) { all.set(p, o); o += p.byteLength }
  return decodeUtf8(all)
}

/** NDJSON: yields each non-empty line (decoded, UTF-8 checked) with its 1-based line number. */
export async function* ndjsonLines(body: ReadableStream<Uint8Array> | null, limits: BodyLimits & { readonly maxLineBytes: number }): AsyncGenerator<{ line: number; text: string }> {
  let pending = new Uint8Array(0)
  let line = 0
  const emit = function* (bytes: Uint8Array): Generator<{ line: number; text: string }> {
    line++
    const text = decodeUtf8(bytes).replace(/\r$/, '')
    if (text.trim() !== '') yield { line, text }
  }
  for await (const ch of chunks(body, limits)) {
    const buf = new Uint8Array(pending.byteLength + ch.byteLength)
    buf.set(pending)
    buf.set(ch, pending.byteLength)
    let start = 0
    for (let i = pending.byteLength; i < buf.byteLength; i++) {
      if (buf[i] !== 0x0a) continue
      yield* emit(buf.subarray(start, i))
      start = i + 1
    }
    pending = buf.slice(start)
    if (pending.byteLength > limits.maxLineBytes) {
      throw new ProblemError(413, 'line_too_large', `An NDJSON line is larger than the limit of ${limits.maxLineBytes} bytes.`, { headers: { Connection: 'close' } })
    }
  }
  if (pending.byteLength > 0) yield* emit(pending)
}
