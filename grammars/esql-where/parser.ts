/**
 * Pure chevrotain grammar of the ES|QL `where` expression subset (AST built in visitor.ts). Precedence as ES|QL:
 * `or` < `and` < `not` < predicates.
 *
 *   or   = and ('or' and)*        and = not ('and' not)*        not = 'not' not / pred
 *   pred = operand (CmpOp operand / 'not'? ('like' / 'rlike') operand / 'not'? 'in' '(' operand,+ ')' / 'is' 'not'? 'null')?
 *   operand = '(' or ')' / Ident '(' or,* ')' / Ident / Str / Num / true / false / null
 */
import { CstParser } from 'chevrotain'
import { allTokens, And, CmpOp, Comma, False, Ident, In, Is, Like, LParen, Not, Null, Num, Or, Rlike, RParen, Str, True } from './tokens.js'

export class EsqlWhereParser extends CstParser {
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
      this.OR([
        {
          ALT: () => {
            this.CONSUME(CmpOp, { LABEL: 'op' })
            this.SUBRULE2(this.operand, { LABEL: 'right' })
          },
        },
        {
          ALT: () => {
            this.OPTION2(() => this.CONSUME(Not, { LABEL: 'neg' }))
            this.OR2([
              {
                ALT: () => {
                  this.OR3([{ ALT: () => this.CONSUME(Like, { LABEL: 'match' }) }, { ALT: () => this.CONSUME(Rlike, { LABEL: 'match' }) }])
                  this.SUBRULE3(this.operand, { LABEL: 'right' })
                },
              },
              {
                ALT: () => {
                  this.CONSUME(In)
                  this.CONSUME(LParen)
                  this.AT_LEAST_ONE_SEP2({ SEP: Comma, DEF: () => this.SUBRULE4(this.operand, { LABEL: 'items' }) })
                  this.CONSUME(RParen)
                },
              },
            ])
          },
        },
        {
          ALT: () => {
            this.CONSUME(Is)
            this.OPTION3(() => this.CONSUME2(Not, { LABEL: 'neg' }))
            this.CONSUME(Null, { LABEL: 'isNull' })
          },
        },
      ])
    })
  })

  public readonly operand = this.RULE('operand', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(LParen)
          this.SUBRULE(this.orExpr, { LABEL: 'inner' })
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
      { ALT: () => this.CONSUME2(Ident, { LABEL: 'field' }) },
      { ALT: () => this.CONSUME(Str) },
      { ALT: () => this.CONSUME(Num) },
      { ALT: () => this.CONSUME(True) },
      { ALT: () => this.CONSUME(False) },
      { ALT: () => this.CONSUME(Null) },
    ])
  })
}

export const esqlWhereParser = new EsqlWhereParser()
