/**
 * Pure chevrotain grammar of the Sigma condition (no embedded actions; the AST is built in visitor.ts).
 * Rules are class properties so a wrong sub-rule reference is a compile error.
 */
import { CstParser, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain'
import { All, allTokens, And, Any, Identifier, LParen, Not, Of, One, Or, Pattern, RParen, Them } from './tokens.js'

const MAX_IMAGE = 40

/** Offending text as shown to users: long tokens are cut so a message stays one readable line. */
export const shorten = (s: string): string => (s.length > MAX_IMAGE ? `${s.slice(0, MAX_IMAGE)}…` : s)

/** A token as users see it in a message: quoted, truncated, `end of condition` for EOF. */
export function describeToken(token: IToken | undefined): string {
  if (!token || token.tokenType.name === 'EOF') return 'end of condition'
  return `'${shorten(token.image)}'`
}

const label = (t: TokenType): string => (t.name === 'EOF' ? 'end of condition' : t.LABEL ?? t.name)

function oneOf(types: readonly TokenType[]): string {
  // Wherever an operand ('(' …) may start, a `not` may too — but `not` lives in another rule, so chevrotain omits it.
  const withNot = types.includes(LParen) ? [Not, ...types] : types
  const names = [...new Set(withNot.map(label))]
  if (names.length <= 1) return names[0] ?? 'something else'
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1] ?? ''}`
}

const afterOperand = (actual: IToken): string => `expected 'and', 'or' or end of condition but found ${describeToken(actual)}`

/** Messages in plain words; chevrotain's default ones name grammar rules, which mean nothing to a rule author. */
const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual }) =>
    expected.name === 'EOF' ? afterOperand(actual) : `expected ${label(expected)} but found ${describeToken(actual)}`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) => afterOperand(firstRedundant),
  buildNoViableAltMessage: ({ expectedPathsPerAlt, actual }) =>
    `expected ${oneOf(expectedPathsPerAlt.flatMap((alt) => alt.map((path) => path[0]).filter((t): t is TokenType => t !== undefined)))}` +
    ` but found ${describeToken(actual[0])}`,
  buildEarlyExitMessage: ({ expectedIterationPaths, actual }) =>
    `expected ${oneOf(expectedIterationPaths.map((p) => p[0]).filter((t): t is TokenType => t !== undefined))} but found ${describeToken(actual[0])}`,
}

export class ConditionParser extends CstParser {
  constructor() {
    super([...allTokens], { recoveryEnabled: true, errorMessageProvider: messages, maxLookahead: 2, nodeLocationTracking: 'full' })
    this.performSelfAnalysis()
  }

  // or_expr = and_expr { "or" and_expr }
  public readonly orExpr = this.RULE('orExpr', () => {
    this.SUBRULE(this.andExpr, { LABEL: 'operands' })
    this.MANY(() => {
      this.CONSUME(Or)
      this.SUBRULE2(this.andExpr, { LABEL: 'operands' })
    })
  })

  // and_expr = not_expr { "and" not_expr }
  public readonly andExpr = this.RULE('andExpr', () => {
    this.SUBRULE(this.notExpr, { LABEL: 'operands' })
    this.MANY(() => {
      this.CONSUME(And)
      this.SUBRULE2(this.notExpr, { LABEL: 'operands' })
    })
  })

  // not_expr = { "not" } primary — a loop, not recursion, so `not not … a` costs no stack.
  public readonly notExpr = this.RULE('notExpr', () => {
    this.MANY(() => this.CONSUME(Not))
    this.SUBRULE(this.primary)
  })

  public readonly primary = this.RULE('primary', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.group) },
      { ALT: () => this.SUBRULE(this.selector) },
      { ALT: () => this.CONSUME(Identifier) },
    ])
  })

  public readonly group = this.RULE('group', () => {
    this.CONSUME(LParen)
    this.SUBRULE(this.orExpr)
    this.CONSUME(RParen)
  })

  // selector = ( "1" | "any" | "all" ) "of" ( "them" | pattern )
  public readonly selector = this.RULE('selector', () => {
    this.OR([
      { ALT: () => this.CONSUME(One, { LABEL: 'quantifier' }) },
      { ALT: () => this.CONSUME(Any, { LABEL: 'quantifier' }) },
      { ALT: () => this.CONSUME(All, { LABEL: 'quantifier' }) },
    ])
    this.CONSUME(Of)
    this.OR2([
      { ALT: () => this.CONSUME(Them, { LABEL: 'target' }) },
      { ALT: () => this.CONSUME(Pattern, { LABEL: 'target' }) },
      { ALT: () => this.CONSUME(Identifier, { LABEL: 'target' }) },
    ])
  })
}

/** One shared instance: chevrotain parsers are reusable (assigning `.input` resets them) and costly to build. */
export const conditionParser = new ConditionParser()
