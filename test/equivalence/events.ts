/**
 * Events near a rule's boundary, derived from the detection items of the Expr a backend received.
 * Each leaf (field + value) yields candidate field values of a class: `match` (wildcards filled in), `case`
 * (letters swapped), `near` (one character off), `prefix`/`suffix` (extended), `escaped` (a `\`, `"`, `*` or `?`
 * written differently), `embedded` (a keyword glued inside a word), `missing`, `null`. An event is built from
 * fast-check's choices: the condition is first satisfied (or falsified) by picking candidates for the leaves it
 * needs, then one leaf is replaced by a candidate of any class. The Sigma evaluator, not the generator, decides
 * whether the event should match.
 */
import fc from 'fast-check'
import type { Expr } from '../../src/ir/expr.js'
import { evaluateExpr } from '../../src/eval/index.js'
import type { StrPart, Value } from '../../src/ir/value.js'

export const ABSENT = Symbol('absent')
type Slot = string | number | boolean | null | typeof ABSENT

export type CandClass = 'match' | 'case' | 'near' | 'prefix' | 'suffix' | 'escaped' | 'embedded' | 'missing' | 'null' | 'other'

interface Cand {
  readonly cls: CandClass
  /** Field → value; a keyword leaf uses its own field. */
  readonly assign: Readonly<Record<string, Slot>>
  /** A string to append to (rather than replace) an existing value of the same field (contains-style items). */
  readonly appendable?: boolean
}

interface Leaf {
  readonly cands: readonly Cand[]
  /** Whether the leaf alone matches each candidate (the Sigma evaluator's answer), to satisfy or falsify it. */
  readonly truth: readonly boolean[]
}

const toEvent = (assign: Readonly<Record<string, Slot>>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(assign).filter(([, v]) => v !== ABSENT))

function leaf(e: Expr, cands: readonly Cand[]): Leaf {
  return { cands, truth: cands.map((c) => evaluateExpr(e, toEvent(c.assign), { format: 'plain' }).match) }
}

const swapCase = (s: string): string => [...s].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('')

function bump(s: string): string {
  const chars = [...s]
  for (let i = chars.length - 1; i >= 0; i--) {
    const c = chars[i] as string
    if (/[A-Za-z0-9]/.test(c)) {
      chars[i] = c === 'z' ? 'y' : c === 'Z' ? 'Y' : c === '9' ? '8' : String.fromCharCode(c.charCodeAt(0) + 1)
      return chars.join('')
    }
  }
  return s + 'x'
}

function fill(parts: readonly StrPart[], any: string): string {
  return parts.map((p) => (typeof p === 'string' ? p : 'placeholder' in p ? `%${p.placeholder}%` : p.special === 'any' ? any : 'q')).join('')
}

/** Variants of a literal with its special characters written differently (should not match). */
function escapedVariants(s: string): string[] {
  const out = new Set<string>()
  if (s.includes('\\')) out.add(s.replace(/\\/g, '\\\\')).add(s.replace(/\\/g, '/'))
  if (s.includes('"')) out.add(s.replace(/"/g, '\\"'))
  if (s.includes('*')) out.add(s.replace(/\*/g, 'ab'))
  if (s.includes('?')) out.add(s.replace(/\?/g, 'x'))
  if (s.includes("'")) out.add(s.replace(/'/g, "''"))
  return [...out]
}

function strCands(field: string, parts: readonly StrPart[], keyword: boolean): Cand[] {
  const m0 = fill(parts, '')
  const m1 = fill(parts, 'zQ-9 ')
  const literal = parts.filter((p): p is string => typeof p === 'string').join('')
  const opensLeft = typeof parts[0] !== 'string' && parts[0] !== undefined
  const opensRight = typeof parts[parts.length - 1] !== 'string' && parts[parts.length - 1] !== undefined
  const appendable = keyword || (opensLeft && opensRight)
  const c = (cls: CandClass, v: Slot): Cand => ({ cls, assign: { [field]: v }, ...(appendable && typeof v === 'string' ? { appendable } : {}) })
  const out: Cand[] = [c('match', m0), c('match', m1), c('case', swapCase(m0)), c('near', bump(m0)), c('prefix', 'a' + m0), c('suffix', m0 + 'z')]
  if (m0.length > 1) out.push(c('near', m0.slice(1)))
  for (const e of escapedVariants(literal.length > 0 ? m0 : '')) out.push(c('escaped', e))
  if (keyword) out.push(c('embedded', `pre${m0}post`), c('match', `pre ${m0} post`), c('case', `pre ${swapCase(m0)} post`))
  return out
}

function v4Text(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.')
}

function v6Text(n: bigint): string {
  return Array.from({ length: 8 }, (_, i) => ((n >> BigInt((7 - i) * 16)) & 0xffffn).toString(16)).join(':')
}

function parseNet(v: Extract<Value, { type: 'cidr' }>): bigint {
  if (v.version === 4) return v.network.split('.').reduce((a, o) => (a << 8n) | BigInt(Number(o)), 0n)
  const [head = '', tail = ''] = v.network.split('::')
  const h = head === '' ? [] : head.split(':')
  const t = tail === '' ? [] : tail.split(':')
  const groups = v.network.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h
  return groups.reduce((a, g) => (a << 16n) | BigInt(parseInt(g, 16)), 0n)
}

function cidrCands(field: string, v: Extract<Value, { type: 'cidr' }>): Cand[] {
  const bits = v.version === 4 ? 32 : 128
  const net = parseNet(v)
  const fmt = v.version === 4 ? v4Text : v6Text
  const host = bits - v.prefix > 0 ? net + 1n : net
  const outside = v.prefix > 0 ? net ^ (1n << BigInt(bits - v.prefix)) : net
  const c = (cls: CandClass, s: Slot): Cand => ({ cls, assign: { [field]: s } })
  return [c('match', fmt(host)), c('near', fmt(outside)), c('other', v.cidr), c('missing', ABSENT)]
}

export type RegexPool = (regex: string, flags: readonly string[]) => readonly string[]

function valueCands(field: string, v: Value, keyword: boolean, pool: RegexPool, other: (f: string) => Slot): Cand[] {
  const c = (cls: CandClass, s: Slot, extra: Record<string, Slot> = {}): Cand => ({ cls, assign: { [field]: s, ...extra } })
  const absent = keyword ? [c('missing', ABSENT)] : [c('missing', ABSENT), c('null', null)]
  switch (v.type) {
    case 'str':
      return [...strCands(field, v.parts, keyword), ...absent]
    case 'num':
      return [c('match', String(v.value)), c('match', v.value), c('near', String(v.value + 1)), c('suffix', `${v.value}.5`), ...absent]
    case 'bool':
      return [c('match', String(v.value)), c('match', v.value), c('case', String(v.value).toUpperCase()), c('near', String(!v.value)), ...absent]
    case 'null':
      return [c('match', null), c('missing', ABSENT), c('other', ''), c('other', 'null'), c('other', 'x')]
    case 're': {
      const samples = pool(v.regex, v.flags)
      const out: Cand[] = samples.map((s) => c('match', s))
      for (const s of samples.slice(0, 2)) out.push(c('case', swapCase(s)), c('near', bump(s)), c('prefix', '\n' + s), c('suffix', s + 'z'))
      return [...out, ...absent]
    }
    case 'cidr':
      return cidrCands(field, v)
    case 'cmp':
      return [c('match', String(v.value)), c('near', String(v.value - 1)), c('near', String(v.value + 1)), c('other', 'abc'), ...absent]
    case 'exists':
      return [c('match', 'x'), c('missing', ABSENT), c('null', null), c('other', '')]
    case 'fieldref': {
      const base = typeof other(v.field) === 'string' ? (other(v.field) as string) : 'Value1'
      return [
        c('match', base, { [v.field]: base }),
        c('case', swapCase(base), { [v.field]: base }),
        c('suffix', base + 'z', { [v.field]: base }),
        c('prefix', 'a' + base, { [v.field]: base }),
        c('missing', ABSENT, { [v.field]: base }),
      ]
    }
    case 'expansion':
      return v.values.flatMap((x) => valueCands(field, x, keyword, pool, other))
    case 'timepart':
    case 'query':
      return [c('other', 'x'), ...absent]
  }
}

/** The leaves of an Expr, in order (keywords get a field of their own). */
function leaves(e: Expr, out: Map<Expr, Leaf>, pool: RegexPool): void {
  switch (e.kind) {
    case 'and':
    case 'or':
      for (const a of e.args) leaves(a, out, pool)
      return
    case 'not':
      leaves(e.arg, out, pool)
      return
    case 'field':
      out.set(e, leaf(e, valueCands(e.field, e.value, false, pool, () => ABSENT)))
      return
    case 'keyword':
      out.set(e, leaf(e, valueCands(`kw_text_${out.size}`, e.value, true, pool, () => ABSENT)))
      return
  }
}

export interface GeneratedEvent {
  readonly event: Record<string, unknown>
  /** Classes of the candidates the event was built from (the last one is the mutation). */
  readonly classes: readonly CandClass[]
}

class Builder {
  private i = 0
  readonly event: Record<string, Slot> = {}
  readonly classes: CandClass[] = []
  constructor(
    private readonly picks: readonly number[],
    private readonly leafOf: ReadonlyMap<Expr, Leaf>,
  ) {}

  pick(n: number): number {
    const p = this.picks[this.i++ % this.picks.length] ?? 0
    return n <= 0 ? 0 : p % n
  }

  assign(c: Cand): void {
    this.classes.push(c.cls)
    for (const [k, v] of Object.entries(c.assign)) {
      const old = this.event[k]
      this.event[k] = c.appendable && typeof old === 'string' && typeof v === 'string' && this.pick(2) === 0 ? `${old} ${v}` : v
    }
  }

  satisfy(e: Expr, want: boolean): void {
    switch (e.kind) {
      case 'and':
      case 'or': {
        // One flip away from the boundary: all arguments agree, or all but one chosen argument.
        const all = (e.kind === 'and') === want
        const odd = all ? -1 : this.pick(e.args.length)
        e.args.forEach((a, i) => this.satisfy(a, i === odd ? want : !all ? !want : want))
        return
      }
      case 'not':
        this.satisfy(e.arg, !want)
        return
      default: {
        const leaf = this.leafOf.get(e)
        if (!leaf) return
        const fit = leaf.cands.filter((_, i) => leaf.truth[i] === want)
        const from = fit.length > 0 ? fit : leaf.cands
        if (from.length > 0) this.assign(from[this.pick(from.length)] as Cand)
      }
    }
  }

  mutate(): void {
    const all = [...this.leafOf.values()]
    const leaf = all[this.pick(all.length)]
    if (!leaf || leaf.cands.length === 0) return
    // Class first, so the rarer boundary classes (escaped, embedded) are drawn as often as the common ones.
    const classes = [...new Set(leaf.cands.map((c) => c.cls))]
    const cls = classes[this.pick(classes.length)]
    const of = leaf.cands.filter((c) => c.cls === cls)
    this.assign(of[this.pick(of.length)] as Cand)
  }
}

/** fast-check arbitrary of boundary events for one Expr. */
export function boundaryEvents(expr: Expr, pool: RegexPool): fc.Arbitrary<GeneratedEvent> {
  const leafOf = new Map<Expr, Leaf>()
  leaves(expr, leafOf, pool)
  return fc
    .record({
      want: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      mutate: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      picks: fc.array(fc.nat({ max: 1_000_000 }), { minLength: 32, maxLength: 32 }),
    })
    .map(({ want, mutate, picks }) => {
      const b = new Builder(picks, leafOf)
      b.satisfy(expr, want)
      if (mutate) b.mutate()
      return { event: toEvent(b.event), classes: b.classes }
    })
}

/** Strings matching a Sigma regex, from fast-check's stringMatching where JavaScript can read the pattern. */
export function regexPool(seed: number): RegexPool {
  const cache = new Map<string, readonly string[]>()
  return (regex, flags) => {
    const key = flags.join('') + '/' + regex
    const hit = cache.get(key)
    if (hit) return hit
    let out: string[] = []
    try {
      let body = regex
      const f = new Set(flags)
      const inline = /^\(\?([ims]+)\)/.exec(body)
      if (inline) {
        for (const x of inline[1] as string) f.add(x)
        body = body.slice(inline[0].length)
      }
      const re = new RegExp(body, [...f].join(''))
      out = fc.sample(fc.stringMatching(re, { size: 'xsmall' }), { numRuns: 4, seed })
    } catch {
      out = [regex.replace(/[\\^$.*+?()[\]{}|]/g, '')]
    }
    cache.set(key, out)
    return out
  }
}
