/** Block structure of the Jinja2 subset, and Python `str.format` for `simple_template`. */
import { compileExpr, getAttr, pyStr, TemplateError, type Scope } from './template.js'

type Node =
  | { readonly k: 'text'; readonly s: string }
  | { readonly k: 'out'; readonly e: (s: Scope) => unknown }
  | { readonly k: 'if'; readonly branches: readonly { readonly cond: ((s: Scope) => unknown) | null; readonly body: readonly Node[] }[] }
  | { readonly k: 'for'; readonly name: string; readonly iter: (s: Scope) => unknown; readonly body: readonly Node[]; readonly orelse: readonly Node[] }

type Piece = { readonly kind: 'text' | 'out' | 'tag'; readonly s: string }

function split(src: string): Piece[] {
  const out: Piece[] = []
  const re = /\{\{(-?)([\s\S]*?)(-?)\}\}|\{%(-?)([\s\S]*?)(-?)%\}|\{#[\s\S]*?#\}/g
  let last = 0
  let trimNext = false
  for (const m of src.matchAll(re)) {
    let text = src.slice(last, m.index)
    if (trimNext) text = text.replace(/^\s+/, '')
    if (m[1] === '-' || m[4] === '-') text = text.replace(/\s+$/, '')
    if (text) out.push({ kind: 'text', s: text })
    if (m[2] !== undefined) out.push({ kind: 'out', s: m[2] })
    else if (m[5] !== undefined) out.push({ kind: 'tag', s: m[5].trim() })
    trimNext = m[3] === '-' || m[6] === '-'
    last = (m.index ?? 0) + m[0].length
  }
  let tail = src.slice(last)
  if (trimNext) tail = tail.replace(/^\s+/, '')
  if (tail) out.push({ kind: 'text', s: tail })
  return out
}

function parseNodes(pieces: Piece[], pos: { i: number }, stop: readonly string[]): { nodes: Node[]; end: string } {
  const nodes: Node[] = []
  while (pos.i < pieces.length) {
    const p = pieces[pos.i++] as Piece
    if (p.kind === 'text') nodes.push({ k: 'text', s: p.s })
    else if (p.kind === 'out') nodes.push({ k: 'out', e: compileExpr(p.s) })
    else {
      const [word = '', ...rest] = p.s.split(/\s+/)
      const arg = rest.join(' ')
      if (stop.includes(word)) {
        pos.i--
        return { nodes, end: word }
      }
      if (word === 'if') {
        const branches: { cond: ((s: Scope) => unknown) | null; body: Node[] }[] = []
        let cond: ((s: Scope) => unknown) | null = compileExpr(arg)
        for (;;) {
          const r = parseNodes(pieces, pos, ['elif', 'else', 'endif'])
          branches.push({ cond, body: r.nodes })
          const tag = pieces[pos.i++]
          if (!tag) throw new TemplateError('missing {% endif %}')
          if (r.end === 'endif') break
          cond = r.end === 'elif' ? compileExpr(tag.s.replace(/^elif\s+/, '')) : null
        }
        nodes.push({ k: 'if', branches })
      } else if (word === 'for') {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)\s+in\s+([\s\S]+)$/.exec(arg)
        if (!m) throw new TemplateError(`invalid for tag: ${p.s}`)
        const body = parseNodes(pieces, pos, ['else', 'endfor'])
        let orelse: Node[] = []
        if (pieces[pos.i++] === undefined) throw new TemplateError('missing {% endfor %}')
        if (body.end === 'else') {
          orelse = parseNodes(pieces, pos, ['endfor']).nodes
          if (pieces[pos.i++] === undefined) throw new TemplateError('missing {% endfor %}')
        }
        nodes.push({ k: 'for', name: m[1] ?? '', iter: compileExpr(m[2] ?? ''), body: body.nodes, orelse })
      } else throw new TemplateError(`unsupported tag '${word}'`)
    }
  }
  if (stop.length) throw new TemplateError(`missing {% ${stop[stop.length - 1] ?? ''} %}`)
  return { nodes, end: '' }
}

const HTML: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' }

function render(nodes: readonly Node[], scope: Scope, esc: boolean): string {
  let out = ''
  for (const n of nodes) {
    switch (n.k) {
      case 'text':
        out += n.s
        break
      case 'out': {
        const s = pyStr(n.e(scope))
        out += esc ? s.replace(/[&<>"']/g, (c) => HTML[c] ?? c) : s
        break
      }
      case 'if': {
        const b = n.branches.find((x) => x.cond === null || truthy(x.cond(scope)))
        if (b) out += render(b.body, scope, esc)
        break
      }
      case 'for': {
        const it = n.iter(scope)
        const items: unknown[] = Array.isArray(it) ? it : it && typeof it === 'object' ? Object.keys(it) : typeof it === 'string' ? [...it] : []
        if (items.length === 0) out += render(n.orelse, scope, esc)
        items.forEach((x, i) => {
          const loop = { index: i + 1, index0: i, first: i === 0, last: i === items.length - 1, length: items.length }
          out += render(n.body, { ...scope, [n.name]: x, loop }, esc)
        })
        break
      }
    }
  }
  return out
}

const truthy = (v: unknown): boolean =>
  Array.isArray(v) ? v.length > 0 : v !== null && typeof v === 'object' ? Object.keys(v).length > 0 : Boolean(v)

/** Compile a Jinja2-subset template once; render many times. Throws TemplateError on syntax errors. */
export function compileJinja(src: string, autoescape = false): (scope: Scope) => string {
  // Jinja drops a single trailing newline of the source by default (keep_trailing_newline=False).
  const nodes = parseNodes(split(src.replace(/\n$/, '')), { i: 0 }, []).nodes
  return (scope) => render(nodes, scope, autoescape)
}

/** Python `str.format` with named fields, `.attr` and `[key]` lookups, `!s`/`!r`, `{{`/`}}`. */
export function compileFormat(src: string): (scope: Scope) => string {
  const parts: ((s: Scope) => string)[] = []
  const re = /\{\{|\}\}|\{([^{}]*)\}|[{}]/g
  let last = 0
  for (const m of src.matchAll(re)) {
    const lit = src.slice(last, m.index)
    parts.push(() => lit)
    last = (m.index ?? 0) + m[0].length
    if (m[0] === '{{' || m[0] === '}}') {
      const c = m[0][0] as string
      parts.push(() => c)
      continue
    }
    if (m[1] === undefined) throw new TemplateError(`Single '${m[0]}' encountered in format string`)
    const fm = /^([A-Za-z_][A-Za-z0-9_]*)((?:\.[A-Za-z_][A-Za-z0-9_]*|\[[^\]]*\])*)(?:!([sra]))?(?::(.*))?$/.exec(m[1])
    if (!fm) throw new TemplateError(`unsupported replacement field '{${m[1]}}'`)
    if (fm[4]) throw new TemplateError(`format specifications are not supported ('{${m[1]}}')`)
    const path = [...(fm[2] ?? '').matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)|\[([^\]]*)\]/g)].map((x) =>
      x[1] !== undefined ? x[1] : /^\d+$/.test(x[2] ?? '') ? Number(x[2]) : (x[2] ?? ''),
    )
    const name = fm[1] ?? ''
    const repr = fm[3] === 'r'
    parts.push((s) => {
      let v: unknown = getAttr(s, name)
      for (const k of path) v = getAttr(v, k)
      if (v === undefined) throw new TemplateError(`unknown field '${m[1] ?? ''}' in format string`)
      return repr && typeof v === 'string' ? `'${v}'` : pyStr(v)
    })
  }
  const tail = src.slice(last)
  parts.push(() => tail)
  return (scope) => parts.map((p) => p(scope)).join('')
}
