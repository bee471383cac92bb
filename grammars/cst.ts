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
