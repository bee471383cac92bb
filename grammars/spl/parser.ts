/**
 * Pure chevrotain grammar of the SPL subset (the AST is built in visitor.ts). Splunk's search command binds
 * OR tighter than the implicit AND, and NOT tightest:
 *
 *   query   = search? ('|' stage)*
 *   search  = orExpr (AND? orExpr)*        orExpr = notExpr (OR notExpr)*        notExpr = NOT notExpr / atom
 *   atom    = '(' search ')' / term          term = word (('=' / '!=' / cmp) value / IN '(' value (',' value)* ')')?
 *   stage   = 'search' search / 'regex' word ('=' / '!=') quoted / 'rex' 'field' '=' word quoted
 *           / 'eval' word '=' expr / 'where' expr
 *   expr    = NOT expr / primary (('=' / '!=') primary)?
 *   primary = word '(' (expr (',' expr)*)? ')' / word / 'quoted field' / "string" / '(' expr ')'
 */
import { CstParser, type IToken } from 'chevrotain'
import { allTokens, And, Cmp, Comma, Eq, In, LParen, Neq, Not, Or, Pipe, Quoted, RParen, SingleQuoted, Word } from './tokens.js'

export const COMMANDS = ['search', 'regex', 'rex', 'eval', 'where'] as const

export class SplParser extends CstParser {
  constructor() {
    super([...allTokens], { maxLookahead: 3, nodeLocationTracking: 'none' })
    this.performSelfAnalysis()
  }

  private isCommand(name: string): boolean {
    const t: IToken = this.LA(1)
    return t.tokenType === Word && t.image === name
  }

  public readonly query = this.RULE('query', () => {
    this.OPTION(() => this.SUBRULE(this.search))
    this.MANY(() => {
      this.CONSUME(Pipe)
      this.SUBRULE(this.stage)
    })
  })

  public readonly search = this.RULE('search', () => {
    this.SUBRULE(this.orExpr, { LABEL: 'args' })
    this.MANY(() => {
      this.OPTION(() => this.CONSUME(And))
      this.SUBRULE2(this.orExpr, { LABEL: 'args' })
    })
  })

  public readonly orExpr = this.RULE('orExpr', () => {
    this.SUBRULE(this.notExpr, { LABEL: 'args' })
    this.MANY(() => {
      this.CONSUME(Or)
      this.SUBRULE2(this.notExpr, { LABEL: 'args' })
    })
  })

  public readonly notExpr = this.RULE('notExpr', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Not)
          this.SUBRULE(this.notExpr)
        },
      },
      { ALT: () => this.SUBRULE(this.atom) },
    ])
  })

  public readonly atom = this.RULE('atom', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(LParen)
          this.SUBRULE(this.search)
          this.CONSUME(RParen)
        },
      },
      { ALT: () => this.SUBRULE(this.term) },
    ])
  })

  public readonly term = this.RULE('term', () => {
    this.SUBRULE(this.value, { LABEL: 'head' })
    this.OPTION(() => {
      this.OR([
        {
          ALT: () => {
            this.OR2([{ ALT: () => this.CONSUME(Eq, { LABEL: 'op' }) }, { ALT: () => this.CONSUME(Neq, { LABEL: 'op' }) }, { ALT: () => this.CONSUME(Cmp, { LABEL: 'op' }) }])
            this.SUBRULE2(this.value, { LABEL: 'values' })
          },
        },
        {
          ALT: () => {
            this.CONSUME(In)
            this.CONSUME(LParen)
            this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.SUBRULE3(this.value, { LABEL: 'values' }) })
            this.CONSUME(RParen)
          },
        },
      ])
    })
  })

  public readonly value = this.RULE('value', () => {
    this.OR([{ ALT: () => this.CONSUME(Word) }, { ALT: () => this.CONSUME(Quoted) }])
  })

  public readonly stage = this.RULE('stage', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          GATE: () => this.isCommand('search'),
          ALT: () => {
            this.CONSUME(Word, { LABEL: 'command' })
            this.SUBRULE(this.search)
          },
        },
        {
          GATE: () => this.isCommand('regex'),
          ALT: () => {
            this.CONSUME2(Word, { LABEL: 'command' })
            this.CONSUME3(Word, { LABEL: 'field' })
            this.OR2([{ ALT: () => this.CONSUME(Eq, { LABEL: 'op' }) }, { ALT: () => this.CONSUME(Neq, { LABEL: 'op' }) }])
            this.CONSUME(Quoted, { LABEL: 'regex' })
          },
        },
        {
          GATE: () => this.isCommand('rex'),
          ALT: () => {
            this.CONSUME4(Word, { LABEL: 'command' })
            this.CONSUME5(Word, { LABEL: 'option' })
            this.CONSUME2(Eq)
            this.CONSUME6(Word, { LABEL: 'field' })
            this.CONSUME2(Quoted, { LABEL: 'regex' })
          },
        },
        {
          GATE: () => this.isCommand('eval'),
          ALT: () => {
            this.CONSUME7(Word, { LABEL: 'command' })
            this.CONSUME8(Word, { LABEL: 'field' })
            this.CONSUME3(Eq)
            this.SUBRULE(this.expr)
          },
        },
        {
          GATE: () => this.isCommand('where'),
          ALT: () => {
            this.CONSUME9(Word, { LABEL: 'command' })
            this.SUBRULE2(this.expr)
          },
        },
      ],
    })
  })

  public readonly expr = this.RULE('expr', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Not)
          this.SUBRULE(this.expr)
        },
      },
      {
        ALT: () => {
          this.SUBRULE(this.primary, { LABEL: 'left' })
          this.OPTION(() => {
            this.OR2([{ ALT: () => this.CONSUME(Eq, { LABEL: 'op' }) }, { ALT: () => this.CONSUME(Neq, { LABEL: 'op' }) }])
            this.SUBRULE2(this.primary, { LABEL: 'right' })
          })
        },
      },
    ])
  })

  public readonly primary = this.RULE('primary', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Word, { LABEL: 'call' })
          this.CONSUME(LParen)
          this.MANY_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.expr, { LABEL: 'args' }) })
          this.CONSUME(RParen)
        },
      },
      { ALT: () => this.CONSUME2(Word, { LABEL: 'word' }) },
      { ALT: () => this.CONSUME(SingleQuoted) },
      { ALT: () => this.CONSUME(Quoted) },
      {
        ALT: () => {
          this.CONSUME2(LParen)
          this.SUBRULE2(this.expr, { LABEL: 'inner' })
          this.CONSUME2(RParen)
        },
      },
    ])
  })
}

export const splParser = new SplParser()
