/**
 * Pure chevrotain grammar of Kibana's KQL, rule for rule after grammar.peggy (the AST is built in visitor.ts):
 *
 *   start        = Space? orQuery? Space?
 *   orQuery      = andQuery (Or andQuery)*           andQuery = notQuery (And notQuery)*
 *   notQuery     = Not subQuery / subQuery
 *   subQuery     = '(' Space? orQuery Space? ')' / expression
 *   expression   = literal Space? ':' Space? '{' Space? orQuery Space? '}'     (nested)
 *                / literal Space? RangeOp Space? literal                       (range)
 *                / literal Space? ':' Space? listOfValues                      (field: values)
 *                / value                                                       (field-less)
 *   listOfValues = '(' Space? orList Space? ')' / value
 *   orList = andList (Or andList)*   andList = notList (And notList)*   notList = Not listOfValues / listOfValues
 */
import { CstParser, type TokenType } from 'chevrotain'
import { allTokens, And, Colon, LBrace, LParen, Not, Or, Quoted, RangeOp, RBrace, RParen, Space, Unquoted } from './tokens.js'

export class KqlParser extends CstParser {
  constructor() {
    super([...allTokens], { maxLookahead: 3, nodeLocationTracking: 'onlyOffset' })
    this.performSelfAnalysis()
  }

  public readonly start = this.RULE('start', () => {
    this.OPTION(() => this.CONSUME(Space))
    this.OPTION2(() => this.SUBRULE(this.orQuery))
    this.OPTION3(() => this.CONSUME2(Space))
  })

  public readonly orQuery = this.RULE('orQuery', () => {
    this.SUBRULE(this.andQuery, { LABEL: 'args' })
    this.MANY(() => {
      this.CONSUME(Or)
      this.SUBRULE2(this.andQuery, { LABEL: 'args' })
    })
  })

  public readonly andQuery = this.RULE('andQuery', () => {
    this.SUBRULE(this.notQuery, { LABEL: 'args' })
    this.MANY(() => {
      this.CONSUME(And)
      this.SUBRULE2(this.notQuery, { LABEL: 'args' })
    })
  })

  public readonly notQuery = this.RULE('notQuery', () => {
    this.OPTION(() => this.CONSUME(Not))
    this.SUBRULE(this.subQuery)
  })

  public readonly subQuery = this.RULE('subQuery', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(LParen)
          this.OPTION(() => this.CONSUME(Space))
          this.SUBRULE(this.orQuery)
          this.OPTION2(() => this.CONSUME2(Space))
          this.CONSUME(RParen)
        },
      },
      { ALT: () => this.SUBRULE(this.expression) },
    ])
  })

  public readonly expression = this.RULE('expression', () => {
    this.SUBRULE(this.literal, { LABEL: 'field' })
    this.OPTION({
      GATE: () => isOperator(this.LA(1).tokenType) || (this.LA(1).tokenType === Space && isOperator(this.LA(2).tokenType)),
      DEF: () => {
        this.OPTION2(() => this.CONSUME(Space))
        this.OR([
          {
            ALT: () => {
              this.CONSUME(RangeOp)
              this.OPTION3(() => this.CONSUME2(Space))
              this.SUBRULE2(this.literal, { LABEL: 'bound' })
            },
          },
          {
            ALT: () => {
              this.CONSUME(Colon)
              this.OPTION4(() => this.CONSUME3(Space))
              this.OR2([
                { GATE: () => this.LA(1).tokenType === LBrace, ALT: () => this.SUBRULE(this.nested) },
                { ALT: () => this.SUBRULE(this.listOfValues) },
              ])
            },
          },
        ])
      },
    })
  })

  public readonly nested = this.RULE('nested', () => {
    this.CONSUME(LBrace)
    this.OPTION(() => this.CONSUME(Space))
    this.SUBRULE(this.orQuery)
    this.OPTION2(() => this.CONSUME2(Space))
    this.CONSUME(RBrace)
  })

  public readonly listOfValues = this.RULE('listOfValues', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(LParen)
          this.OPTION(() => this.CONSUME(Space))
          this.SUBRULE(this.orList)
          this.OPTION2(() => this.CONSUME2(Space))
          this.CONSUME(RParen)
        },
      },
      { ALT: () => this.SUBRULE(this.literal) },
    ])
  })

  public readonly orList = this.RULE('orList', () => {
    this.SUBRULE(this.andList, { LABEL: 'args' })
    this.MANY(() => {
      this.CONSUME(Or)
      this.SUBRULE2(this.andList, { LABEL: 'args' })
    })
  })

  public readonly andList = this.RULE('andList', () => {
    this.SUBRULE(this.notList, { LABEL: 'args' })
    this.MANY(() => {
      this.CONSUME(And)
      this.SUBRULE2(this.notList, { LABEL: 'args' })
    })
  })

  public readonly notList = this.RULE('notList', () => {
    this.OPTION(() => this.CONSUME(Not))
    this.SUBRULE(this.listOfValues)
  })

  public readonly literal = this.RULE('literal', () => {
    this.OR([{ ALT: () => this.CONSUME(Quoted) }, { ALT: () => this.CONSUME(Unquoted) }])
  })
}

const isOperator = (t: TokenType): boolean => t === Colon || t === RangeOp

export const kqlParser = new KqlParser()
