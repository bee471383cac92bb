/** `rule_cond_expr` / `detection_item_cond_expr` / `field_name_cond_expr`: `not` > `and` > `or`, parentheses. */
import type { CondExpr } from '../types.js'

export class CondExprError extends Error {
  constructor(message: string, readonly column: number) {
    super(message)
  }
}

type Tok = { readonly t: 'id' | 'not' | 'and' | 'or' | '(' | ')'; readonly v: string; readonly col: number }

function lex(s: string): Tok[] {
  const toks: Tok[] = []
  const re = /\s*(?:([A-Za-z0-9_-]+)|([()]))/y
  let pos = 0
  while (pos < s.length) {
    if (/^\s*$/.test(s.slice(pos))) break
    re.lastIndex = pos
    const m = re.exec(s)
    if (!m) throw new CondExprError(`unexpected character '${s.slice(pos).trim()[0] ?? ''}'`, pos + 1)
    const col = m.index + m[0].length - (m[1] ?? m[2] ?? '').length + 1
    if (m[2]) toks.push({ t: m[2] as '(' | ')', v: m[2], col })
    else {
      const w = m[1] ?? ''
      const kw = w === 'not' || w === 'and' || w === 'or' ? w : 'id'
      toks.push({ t: kw, v: w, col })
    }
    pos = re.lastIndex
  }
  return toks
}

export function parseCondExpr(s: string): CondExpr {
  const toks = lex(s)
  let i = 0
  const peek = (): Tok | undefined => toks[i]
  const fail = (msg: string): never => {
    throw new CondExprError(msg, peek()?.col ?? s.length + 1)
  }
  const binary = (op: 'and' | 'or', next: () => CondExpr): CondExpr => {
    const args = [next()]
    while (peek()?.t === op) {
      i++
      args.push(next())
    }
    return args.length === 1 ? (args[0] as CondExpr) : { kind: op, args }
  }
  const atom = (): CondExpr => {
    const t = peek()
    if (!t) return fail('unexpected end of expression')
    if (t.t === 'not') {
      i++
      return { kind: 'not', arg: atom() }
    }
    if (t.t === '(') {
      i++
      const e = orExpr()
      if (peek()?.t !== ')') fail("expected ')'")
      i++
      return e
    }
    if (t.t === 'id') {
      i++
      return { kind: 'id', name: t.v }
    }
    return fail(`unexpected '${t.v}'`)
  }
  const andExpr = (): CondExpr => binary('and', atom)
  const orExpr = (): CondExpr => binary('or', andExpr)
  const e = orExpr()
  if (i < toks.length) fail(`unexpected '${peek()?.v ?? ''}'`)
  return e
}

export function exprIds(e: CondExpr, out: Set<string> = new Set()): Set<string> {
  switch (e.kind) {
    case 'id':
      out.add(e.name)
      break
    case 'not':
      exprIds(e.arg, out)
      break
    case 'and':
    case 'or':
      for (const a of e.args) exprIds(a, out)
      break
  }
  return out
}

export function evalCondExpr(e: CondExpr, leaf: (name: string) => boolean): boolean {
  switch (e.kind) {
    case 'id':
      return leaf(e.name)
    case 'not':
      return !evalCondExpr(e.arg, leaf)
    case 'and':
      return e.args.every((a) => evalCondExpr(a, leaf))
    case 'or':
      return e.args.some((a) => evalCondExpr(a, leaf))
  }
}
