/**
 * What a parsed KQL query selects on keyword fields, written from Kibana's meaning and independent of the backend:
 * a quoted or wildcard-free value is an exact term, a wildcard value a Lucene wildcard (`*` = any run, nothing
 * else special), a range compares terms by code point (Elasticsearch orders keyword terms by UTF-8 bytes),
 * `field:*` tests existence. Case-sensitive, as Kibana's KQL on keyword fields is.
 */
import type { KqlLiteral, KqlNode, KqlPart, KqlValueExpr } from '../../grammars/kql/index.js'

export type Doc = Readonly<Record<string, string>>

/** Whole-value match of literal parts and `*` wildcards (leftmost placement of the middle parts suffices). */
export function wildcardMatch(parts: readonly KqlPart[], s: string): boolean {
  const segs: string[] = ['']
  for (const p of parts) {
    if (typeof p === 'string') segs[segs.length - 1] += p
    else segs.push('')
  }
  if (segs.length === 1) return s === segs[0]
  const head = segs[0] as string
  const tail = segs[segs.length - 1] as string
  if (s.length < head.length + tail.length || !s.startsWith(head) || !s.endsWith(tail)) return false
  let at = head.length
  const end = s.length - tail.length
  for (const mid of segs.slice(1, -1)) {
    const k = s.indexOf(mid, at)
    if (k < 0 || k + mid.length > end) return false
    at = k + mid.length
  }
  return true
}

/** Code point order (JavaScript's `<` compares UTF-16 units, which differs above U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a)
  const y = Array.from(b)
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = ((x[i] as string).codePointAt(0) as number) - ((y[i] as string).codePointAt(0) as number)
    if (d !== 0) return d
  }
  return x.length - y.length
}

function literalMatch(l: KqlLiteral, s: string): boolean {
  return l.quoted || !l.wildcard ? s === l.text : wildcardMatch(l.parts, s)
}

function values(v: KqlValueExpr, s: string): boolean {
  switch (v.kind) {
    case 'value':
      return literalMatch(v.value, s)
    case 'not':
      return !values(v.arg, s)
    case 'and':
      return v.args.every((a) => values(a, s))
    case 'or':
      return v.args.some((a) => values(a, s))
  }
}

/** Does the query select the document? Field-less searches and nested queries are outside this evaluator. */
export function evalKql(n: KqlNode, doc: Doc): boolean {
  switch (n.kind) {
    case 'all':
      return true
    case 'and':
      return n.args.every((a) => evalKql(a, doc))
    case 'or':
      return n.args.some((a) => evalKql(a, doc))
    case 'not':
      return !evalKql(n.arg, doc)
    case 'exists':
      return doc[n.field.text] !== undefined
    case 'match': {
      if (n.field === null) throw new Error('field-less search')
      const s = doc[n.field.text]
      return s !== undefined && values(n.value, s)
    }
    case 'range': {
      const s = doc[n.field.text]
      if (s === undefined) return false
      const c = compareCodePoints(s, n.value.text)
      return n.op === 'lt' ? c < 0 : n.op === 'lte' ? c <= 0 : n.op === 'gt' ? c > 0 : c >= 0
    }
    case 'nested':
      throw new Error('nested query')
  }
}
