/**
 * Pure chevrotain grammar of the EQL `where` expression subset (AST built in visitor.ts). Precedence as EQL:
 * `or` < `and` < `not` < predicates.
 *
 *   or   = and ('or' and)*        and = not ('and' not)*        not = 'not' not / pred
 *   pred = operand ((CmpOp / MatchOp) operand)?
 *   operand = '(' or (',' or)* ')' / Ident '(' or,* ')' / '?'? Ident / Str / Num / true / false / null
 */
import { CstParser } from 'chevrotain'
import { allTokens, And, CmpOp, Comma, False, Ident, LParen, MatchOp, Not, Null, Num, Or, Question, RParen, Str, True } from './tokens.js'

export class EqlWhereParser extends CstParser {
  constructor() {
    super([...allTokens], { maxLookahead: 3, nodeLocationTracking: 'none' })
    this.performSelfAnalysis()
  }

  public readonly orExpr = this.RULE('orExpr', () => {
    this.AT_LEAST_ONE_SEP({ SEP: Or, DEF: () => this.SUBRULE(this.andExpr, { LABEL: 'args' }) })
  })

  public readonly andExpr = this.RULE('andExpr', () => {
    this.AT_LEAST_ONE_SEP({ SEP: And, DEF: () => this.SUBRULE(this.notExpr, { LABEL: 'args' }) })
  })

  public readonly notExpr = this.RULE('notExpr', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Not)
          this.SUBRULE(this.notExpr, { LABEL: 'negated' })
        },
      },
      { ALT: () => this.SUBRULE(this.pred, { LABEL: 'pred' }) },
    ])
  })

  public readonly pred = this.RULE('pred', () => {
    this.SUBRULE(this.operand, { LABEL: 'left' })
    this.OPTION(() => {
      this.OR([{ ALT: () => this.CONSUME(CmpOp, { LABEL: 'op' }) }, { ALT: () => this.CONSUME(MatchOp, { LABEL: 'op' }) }])
      this.SUBRULE2(this.operand, { LABEL: 'right' })
    })
  })

  public readonly operand = this.RULE('operand', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(LParen)
          this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.orExpr, { LABEL: 'items' }) })
          this.CONSUME(RParen)
        },
      },
      {
        GATE: () => this.LA(2).tokenType === LParen,
        ALT: () => {
          this.CONSUME(Ident, { LABEL: 'call' })
          this.CONSUME2(LParen)
          this.MANY_SEP({ SEP: Comma, DEF: () => this.SUBRULE2(this.orExpr, { LABEL: 'args' }) })
          this.CONSUME2(RParen)
        },
      },
      {
        ALT: () => {
          this.OPTION(() => this.CONSUME(Question))
          this.CONSUME2(Ident, { LABEL: 'field' })
        },
      },
      { ALT: () => this.CONSUME(Str) },
      { ALT: () => this.CONSUME(Num) },
      { ALT: () => this.CONSUME(True) },
      { ALT: () => this.CONSUME(False) },
      { ALT: () => this.CONSUME(Null) },
    ])
  })
}

export const eqlWhereParser = new EqlWhereParser()
