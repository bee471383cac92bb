/**
 * Pure chevrotain grammar of the Kusto `where` subset (the AST is built in visitor.ts). Kusto binds `and`
 * tighter than `or`; `not` is a function.
 *
 *   query   = (Ident '|' 'where')? or
 *   or      = and ('or' and)*                 and = compare ('and' compare)*
 *   compare = operand (CmpOp operand / StrOp operand / 'matches' 'regex' operand / ListOp '(' operand (',' operand)* ')')?
 *   operand = '(' or ')' / Ident '(' (or (',' or)*)? ')' / column / Str / Num / true / false / '*'
 *   column  = Ident ('.' Ident)* / '[' Str ']'
 */
import { CstParser } from 'chevrotain'
import { allTokens, And, CmpOp, Comma, Dot, False, Ident, LBracket, ListOp, LParen, Matches, Num, Or, Pipe, RBracket, Regex, RParen, Star, Str, StrOp, True, Where } from './tokens.js'

export class KustoWhereParser extends CstParser {
  constructor() {
    super([...allTokens], { maxLookahead: 3, nodeLocationTracking: 'none' })
    this.performSelfAnalysis()
  }

  public readonly query = this.RULE('query', () => {
    this.OPTION(() => {
      this.CONSUME(Ident, { LABEL: 'table' })
      this.CONSUME(Pipe)
      this.CONSUME(Where)
    })
    this.SUBRULE(this.orExpr)
  })

  public readonly orExpr = this.RULE('orExpr', () => {
    this.SUBRULE(this.andExpr, { LABEL: 'args' })
    this.MANY(() => {
      this.CONSUME(Or)
      this.SUBRULE2(this.andExpr, { LABEL: 'args' })
    })
  })

  public readonly andExpr = this.RULE('andExpr', () => {
    this.SUBRULE(this.compare, { LABEL: 'args' })
    this.MANY(() => {
      this.CONSUME(And)
      this.SUBRULE2(this.compare, { LABEL: 'args' })
    })
  })

  public readonly compare = this.RULE('compare', () => {
    this.SUBRULE(this.operand, { LABEL: 'left' })
    this.OPTION(() => {
      this.OR([
        {
          ALT: () => {
            this.OR2([{ ALT: () => this.CONSUME(CmpOp, { LABEL: 'op' }) }, { ALT: () => this.CONSUME(StrOp, { LABEL: 'op' }) }])
            this.SUBRULE2(this.operand, { LABEL: 'right' })
          },
        },
        {
          ALT: () => {
            this.CONSUME(Matches)
            this.CONSUME(Regex)
            this.SUBRULE3(this.operand, { LABEL: 'right' })
          },
        },
        {
          ALT: () => {
            this.CONSUME(ListOp, { LABEL: 'listOp' })
            this.CONSUME(LParen)
            this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.SUBRULE4(this.operand, { LABEL: 'items' }) })
            this.CONSUME(RParen)
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
        ALT: () => {
          this.CONSUME(Ident, { LABEL: 'call' })
          this.CONSUME2(LParen)
          this.MANY_SEP({ SEP: Comma, DEF: () => this.SUBRULE2(this.orExpr, { LABEL: 'args' }) })
          this.CONSUME2(RParen)
        },
      },
      {
        ALT: () => {
          this.AT_LEAST_ONE_SEP2({ SEP: Dot, DEF: () => this.CONSUME2(Ident, { LABEL: 'path' }) })
        },
      },
      {
        ALT: () => {
          this.CONSUME(LBracket)
          this.CONSUME(Str, { LABEL: 'bracketed' })
          this.CONSUME(RBracket)
        },
      },
      { ALT: () => this.CONSUME2(Str, { LABEL: 'string' }) },
      { ALT: () => this.CONSUME(Num) },
      { ALT: () => this.CONSUME(True) },
      { ALT: () => this.CONSUME(False) },
      { ALT: () => this.CONSUME(Star) },
    ])
  })
}

export const kustoWhereParser = new KustoWhereParser()
