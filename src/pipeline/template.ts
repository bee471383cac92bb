/**
 * The template languages pipeline YAML uses: a Jinja2 subset (`template` postprocessing/finalizer)
 * and Python `str.format` (`simple_template`). Values print the way Python prints them.
 * Jinja subset: {{ expr }}, {% if/elif/else/endif %}, {% for x in expr %}…{% else %}…{% endfor %}
 * (loop.index, loop.index0, loop.first, loop.last, loop.length), {# comments #}, `-` whitespace
 * control; expressions with literals, names, `.attr`, `[key]`, filters, `~`, comparisons, `in`,
 * `is [not] defined|none`, not/and/or and parentheses.
 */

export class TemplateError extends Error {}

export type Scope = Readonly<Record<string, unknown>>

/** Python `repr` of a value inside a container. */
function pyRepr(v: unknown): string {
  if (typeof v === 'string') return v.includes("'") && !v.includes('"') ? `"${v}"` : `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
  return pyStr(v)
}

/** Python `str()`. */
export function pyStr(v: unknown): string {
  if (v === undefined) return ''
  if (v === null) return 'None'
  if (typeof v === 'boolean') return v ? 'True' : 'False'
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v)
  if (typeof v === 'string') return v
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`
  if (v instanceof Set) return `{${[...v].map(pyRepr).join(', ')}}`
  if (typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`
  return String(v)
}

export function getAttr(obj: unknown, key: string | number): unknown {
  if (obj === null || obj === undefined) return undefined
  if (Array.isArray(obj) && typeof key === 'number') return obj[key < 0 ? obj.length + key : key]
  if (typeof obj === 'object' && Object.prototype.hasOwnProperty.call(obj, key)) return (obj as Record<string, unknown>)[key]
  return undefined
}

const truthy = (v: unknown): boolean =>
  Array.isArray(v) ? v.length > 0 : v !== null && typeof v === 'object' ? Object.keys(v).length > 0 : Boolean(v)

// ---- expressions -------------------------------------------------------------------------

type Tok = { t: 'num' | 'str' | 'name' | 'op'; v: string }

function lexExpr(s: string): Tok[] {
  const re = /\s*(?:(\d+(?:\.\d+)?)|'((?:\\.|[^'\\])*)'|"((?:\\.|[^"\\])*)"|([A-Za-z_][A-Za-z0-9_]*)|(==|!=|<=|>=|[<>()[\].,|~]))/y
  const out: Tok[] = []
  let pos = 0
  while (pos < s.length && !/^\s*$/.test(s.slice(pos))) {
    re.lastIndex = pos
    const m = re.exec(s)
    if (!m) throw new TemplateError(`unexpected character in expression: ${s.slice(pos).trim().slice(0, 10)}`)
    if (m[1] !== undefined) out.push({ t: 'num', v: m[1] })
    else if (m[2] !== undefined || m[3] !== undefined) out.push({ t: 'str', v: (m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1') })
    else if (m[4] !== undefined) out.push({ t: 'name', v: m[4] })
    else out.push({ t: 'op', v: m[5] ?? '' })
    pos = re.lastIndex
  }
  return out
}

const FILTERS: Readonly<Record<string, (v: unknown, ...a: unknown[]) => unknown>> = {
  join: (v, sep = '') => (Array.isArray(v) ? v.map(pyStr).join(pyStr(sep)) : pyStr(v)),
  lower: (v) => pyStr(v).toLowerCase(),
  upper: (v) => pyStr(v).toUpperCase(),
  default: (v, d = '', boolean = false) => (v === undefined || (boolean === true && !truthy(v)) ? d : v),
  d: (v, d = '') => (v === undefined ? d : v),
  length: (v) => (Array.isArray(v) || typeof v === 'string' ? v.length : v && typeof v === 'object' ? Object.keys(v).length : 0),
  count: (v) => (Array.isArray(v) || typeof v === 'string' ? v.length : 0),
  first: (v) => (Array.isArray(v) ? v[0] : undefined),
  last: (v) => (Array.isArray(v) ? v[v.length - 1] : undefined),
  trim: (v) => pyStr(v).trim(),
  string: (v) => pyStr(v),
  replace: (v, a, b) => pyStr(v).split(pyStr(a)).join(pyStr(b)),
  tojson: (v) => JSON.stringify(v ?? null),
  list: (v) => (Array.isArray(v) ? v : typeof v === 'string' ? [...v] : []),
  sort: (v) => (Array.isArray(v) ? [...v].sort() : v),
  int: (v) => Math.trunc(Number(v)) || 0,
  capitalize: (v) => {
    const s = pyStr(v)
    return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase()
  },
}

class ExprParser {
  private i = 0
  constructor(private readonly toks: Tok[]) {}
  private peek(v?: string): boolean {
    const t = this.toks[this.i]
    return t !== undefined && (v === undefined || ((t.t === 'op' || t.t === 'name') && t.v === v))
  }
  private take(v: string): void {
    if (!this.peek(v)) throw new TemplateError(`expected '${v}'`)
    this.i++
  }
  done(): boolean {
    return this.i >= this.toks.length
  }
  parse(): (s: Scope) => unknown {
    return this.or()
  }
  private or(): (s: Scope) => unknown {
    let l = this.and()
    while (this.peek('or')) {
      this.i++
      const a = l
      const b = this.and()
      l = (s) => (truthy(a(s)) ? a(s) : b(s))
    }
    return l
  }
  private and(): (s: Scope) => unknown {
    let l = this.not()
    while (this.peek('and')) {
      this.i++
      const a = l
      const b = this.not()
      l = (s) => (truthy(a(s)) ? b(s) : a(s))
    }
    return l
  }
  private not(): (s: Scope) => unknown {
    if (this.peek('not')) {
      this.i++
      const a = this.not()
      return (s) => !truthy(a(s))
    }
    return this.compare()
  }
  private compare(): (s: Scope) => unknown {
    const l = this.concat()
    const t = this.toks[this.i]
    if (!t) return l
    if (t.t === 'op' && ['==', '!=', '<', '>', '<=', '>='].includes(t.v)) {
      this.i++
      const r = this.concat()
      const op = t.v
      return (s) => {
        const a = l(s) as number | string
        const b = r(s) as number | string
        return op === '==' ? a === b : op === '!=' ? a !== b : op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b
      }
    }
    const negIn = this.peek('not') && this.toks[this.i + 1]?.v === 'in'
    if (this.peek('in') || negIn) {
      this.i += negIn ? 2 : 1
      const r = this.concat()
      return (s) => {
        const c = r(s)
        const x = l(s)
        const has = typeof c === 'string' ? c.includes(pyStr(x)) : Array.isArray(c) ? c.includes(x) : c !== null && typeof c === 'object' && Object.prototype.hasOwnProperty.call(c, pyStr(x))
        return negIn ? !has : has
      }
    }
    if (this.peek('is')) {
      this.i++
      const neg = this.peek('not') ? (this.i++, true) : false
      const test = this.toks[this.i++]?.v
      if (test !== 'defined' && test !== 'none' && test !== 'undefined') throw new TemplateError(`unsupported test '${test ?? ''}'`)
      return (s) => {
        const v = l(s)
        const r = test === 'defined' ? v !== undefined : test === 'undefined' ? v === undefined : v === null
        return neg ? !r : r
      }
    }
    return l
  }
  private concat(): (s: Scope) => unknown {
    let l = this.filtered()
    while (this.peek('~')) {
      this.i++
      const a = l
      const b = this.filtered()
      l = (s) => pyStr(a(s)) + pyStr(b(s))
    }
    return l
  }
  private filtered(): (s: Scope) => unknown {
    let l = this.postfix()
    while (this.peek('|')) {
      this.i++
      const name = this.toks[this.i++]
      const f = name && FILTERS[name.v]
      if (!f) throw new TemplateError(`unsupported filter '${name?.v ?? ''}'`)
      const args = this.peek('(') ? this.args() : []
      const a = l
      l = (s) => f(a(s), ...args.map((x) => x(s)))
    }
    return l
  }
  private args(): ((s: Scope) => unknown)[] {
    this.take('(')
    const out: ((s: Scope) => unknown)[] = []
    while (!this.peek(')')) {
      out.push(this.or())
      if (!this.peek(')')) this.take(',')
    }
    this.take(')')
    return out
  }
  private postfix(): (s: Scope) => unknown {
    let l = this.atom()
    for (;;) {
      if (this.peek('.')) {
        this.i++
        const k = this.toks[this.i++]
        if (!k || (k.t !== 'name' && k.t !== 'num')) throw new TemplateError('expected attribute name')
        const a = l
        const key = k.t === 'num' ? Number(k.v) : k.v
        l = (s) => getAttr(a(s), key)
      } else if (this.peek('[')) {
        this.i++
        const k = this.or()
        this.take(']')
        const a = l
        l = (s) => getAttr(a(s), k(s) as string | number)
      } else return l
    }
  }
  private atom(): (s: Scope) => unknown {
    const t = this.toks[this.i++]
    if (!t) throw new TemplateError('unexpected end of expression')
    if (t.t === 'num') return () => Number(t.v)
    if (t.t === 'str') return () => t.v
    if (t.t === 'op' && t.v === '(') {
      const e = this.or()
      this.take(')')
      return e
    }
    if (t.t === 'name') {
      const lit: Record<string, unknown> = { true: true, True: true, false: false, False: false, none: null, None: null }
      if (t.v in lit) return () => lit[t.v]
      return (s) => getAttr(s, t.v)
    }
    throw new TemplateError(`unexpected '${t.v}'`)
  }
}

export function compileExpr(src: string): (s: Scope) => unknown {
  const p = new ExprParser(lexExpr(src))
  const e = p.parse()
  if (!p.done()) throw new TemplateError(`unexpected trailing tokens in '${src}'`)
  return e
}
