/** Builds the condition AST (src/ir/condition.ts) from the chevrotain CST. Only called on error-free CSTs. */
import type { CstNode, IToken } from 'chevrotain'
import type { Condition, Span } from '../../src/ir/condition.js'
import { conditionParser } from './parser.js'

interface ExprCtx { readonly operands: readonly CstNode[] }
interface NotCtx { readonly Not?: readonly IToken[]; readonly primary: readonly CstNode[] }
interface PrimaryCtx { readonly group?: readonly CstNode[]; readonly selector?: readonly CstNode[]; readonly Identifier?: readonly IToken[] }
interface GroupCtx { readonly orExpr: readonly CstNode[] }
interface SelectorCtx { readonly quantifier: readonly IToken[]; readonly target: readonly IToken[] }

/** Thrown only if the CST is not what the grammar promises — a bug, never a user error. */
class CstShapeError extends Error {}

const need = <T>(xs: readonly T[] | undefined, what: string): T => {
  const x = xs?.[0]
  if (x === undefined) throw new CstShapeError(`condition CST: missing ${what}`)
  return x
}

const tokenSpan = (t: IToken): Span => ({ offset: t.startOffset, line: t.startLine ?? 1, column: t.startColumn ?? 1 })

function nodeSpan(n: CstNode): Span {
  const loc = n.location
  return { offset: loc?.startOffset ?? 0, line: loc?.startLine ?? 1, column: loc?.startColumn ?? 1 }
}

const BaseVisitor = conditionParser.getBaseCstVisitorConstructor<undefined, Condition>()

class ConditionAstBuilder extends BaseVisitor {
  constructor() {
    super()
    // Fails at start-up (module load) if a grammar rule has no visitor method.
    this.validateVisitor()
  }

  /** `a and b and c` becomes one n-ary node: flat trees keep emitters shallow on long chains. */
  private nary(kind: 'and' | 'or', ctx: ExprCtx): Condition {
    const args = ctx.operands.map((o) => this.visit(o))
    if (args.length === 1) return need(args, 'operand')
    // The first operand starts where this node starts (nodeLocationTracking is on).
    return { kind, args, span: nodeSpan(need(ctx.operands, 'operand')) }
  }

  orExpr(ctx: ExprCtx): Condition {
    return this.nary('or', ctx)
  }

  andExpr(ctx: ExprCtx): Condition {
    return this.nary('and', ctx)
  }

  notExpr(ctx: NotCtx): Condition {
    // Innermost `not` applies first: fold from the right.
    return (ctx.Not ?? []).reduceRight<Condition>(
      (arg, tok) => ({ kind: 'not', arg, span: tokenSpan(tok) }),
      this.visit(need(ctx.primary, 'primary')),
    )
  }

  primary(ctx: PrimaryCtx): Condition {
    if (ctx.group) return this.visit(need(ctx.group, 'group'))
    if (ctx.selector) return this.visit(need(ctx.selector, 'selector'))
    const id = need(ctx.Identifier, 'identifier')
    return { kind: 'ref', name: id.image, span: tokenSpan(id) }
  }

  group(ctx: GroupCtx): Condition {
    return this.visit(need(ctx.orExpr, 'expression'))
  }

  selector(ctx: SelectorCtx): Condition {
    const q = need(ctx.quantifier, 'quantifier')
    const target = need(ctx.target, 'pattern')
    const pattern = target.tokenType.name === 'Them' ? 'them' : target.image
    return { kind: 'of', quantifier: q.image.toLowerCase() === 'all' ? 'all' : 'any', pattern, span: tokenSpan(q) }
  }
}

export const astBuilder = new ConditionAstBuilder()

/** Visit a parsed `orExpr` CST. */
export const buildCondition = (cst: CstNode): Condition => astBuilder.visit(cst)
