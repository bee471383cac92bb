/** Reading chevrotain CSTs: the helpers every grammar's visitor shares (children by label, and/or folding). */
import type { CstElement, CstNode, IToken } from 'chevrotain'

export type Children = Record<string, CstElement[] | undefined>

export const isToken = (e: CstElement | undefined): e is IToken => e !== undefined && 'image' in e
export const nodes = (c: Children, key: string): CstNode[] => (c[key] ?? []).filter((e): e is CstNode => !isToken(e))
export const tokens = (c: Children, key: string): IToken[] => (c[key] ?? []).filter(isToken)

/** The first element, or an error naming the grammar and what is missing (a parser/visitor mismatch, not user input). */
export function firstOf(grammar: string): <T>(xs: readonly T[], what: string) => T {
  return <T>(xs: readonly T[], what: string): T => {
    const x = xs[0]
    if (x === undefined) throw new Error(`${grammar} visitor: missing ${what}`)
    return x
  }
}

/** The `args` children of an and/or rule: one child stands for itself, several make an n-ary node. */
export function junction<T, K extends 'and' | 'or'>(c: Children, kind: K, child: (c: Children) => T, first: <U>(xs: readonly U[], what: string) => U): T | { kind: K; args: T[] } {
  const args = nodes(c, 'args').map((n) => child(n.children))
  return args.length === 1 ? first(args, kind) : { kind, args }
}

/** A backquoted name (`` `a b` ``, a doubled backquote standing for one) as meant; other names unchanged. */
export const unquoteBackquoted = (name: string): string => (name.startsWith('`') ? name.slice(1, -1).split('``').join('`') : name)

/**
 * The value of a `"…"` string literal with backslash escapes (`escapes`: the character after `\` → its value; with
 * `braceUnicode`, also `\u{hex}`); `"""…"""` is raw. Undefined for an escape or a line break the language rejects.
 */
export function decodeBackslashString(image: string, escapes: Readonly<Record<string, string>>, braceUnicode: boolean): string | undefined {
  if (image.startsWith('"""')) return image.slice(3, -3)
  let out = ''
  const body = image.slice(1, -1)
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string
    if (c === '\n' || c === '\r') return undefined
    if (c !== '\\') {
      out += c
      continue
    }
    const n = body[++i] ?? ''
    const u = braceUnicode && n === 'u' ? /^\{([0-9a-fA-F]{1,8})\}/.exec(body.slice(i + 1)) : null
    if (u) {
      out += String.fromCodePoint(parseInt(u[1] as string, 16))
      i += u[0].length
    } else if (Object.hasOwn(escapes, n)) out += escapes[n] as string
    else return undefined
  }
  return out
}
