/**
 * A text query language described as data (pySigma's TextQueryBackend knobs, typed).
 * Templates use `{name}` placeholders; a missing optional template means "not supported by this target".
 */
import type { CompareOp, TimePart, RegexFlag } from '../ir/value.js'

export type Precedence = readonly ['not', 'and', 'or'] | readonly ['not', 'or', 'and']

export interface MatchTemplates {
  /** `{field}`, `{value}` (converted string without the wildcard that decided the form), `{regex}`. */
  readonly startswith?: string
  readonly endswith?: string
  readonly contains?: string
  /** Used for a string with wildcards elsewhere (e.g. Kusto `matches regex`). */
  readonly wildcard?: string
  /** Exact match (case-sensitive variant only; the case-insensitive one is `eq`). */
  readonly match?: string
  /** Allow wildcards inside the value of the startswith/endswith/contains forms. */
  readonly allowSpecial?: { readonly startswith?: boolean; readonly endswith?: boolean; readonly contains?: boolean }
}

export interface TextDialect {
  /** Strongest-binding first. Splunk's implicit AND binds looser than OR. */
  readonly precedence: Precedence
  /** Group every non-leaf child, whatever the precedence. */
  readonly parenthesize: boolean
  readonly group: string
  readonly tokenSeparator: string
  readonly or: string
  readonly and: string
  readonly not: string
  readonly eqToken: string
  /** Defaults to `{field}<eqToken>{value}`. */
  readonly eq?: string

  readonly field: {
    readonly quote?: string
    /** Quote when this pattern does NOT match (or does, with `quotePatternNegation: false`). No pattern = always quote. */
    readonly quotePattern?: RegExp
    readonly quotePatternNegation?: boolean
    readonly escape?: string
    readonly escapePattern?: RegExp
    readonly escapeQuote?: boolean
  }

  readonly str: {
    readonly quote: string
    readonly quotePattern?: RegExp
    readonly quotePatternNegation?: boolean
    readonly escapeChar?: string
    readonly wildcardMulti?: string
    readonly wildcardSingle?: string
    readonly addEscaped: string
    readonly filterChars?: string
    /** Unquoted values equal to one of these words (e.g. Lucene's AND/OR/NOT) get the escape character in front. */
    readonly reservedWords?: readonly string[]
    /**
     * Two-layer strings (ES|QL `like`, where the pattern's escape character is also the string literal's): a value
     * with wildcards is first written as a pattern (escapeChar before literal wildcard characters and addEscaped), a
     * value without them is taken as it is; then this function encodes the text as the inside of a string literal.
     */
    readonly literal?: (text: string) => string
  }

  readonly match: MatchTemplates
  readonly casedMatch?: MatchTemplates
  readonly bool?: { readonly true: string; readonly false: string }

  readonly re?: {
    /** `{field}`, `{regex}`, `{flag_i}`, `{flag_m}`, `{flag_s}`. */
    readonly expression: string
    readonly escapeChar: string
    readonly escape: readonly string[]
    readonly escapeEscapeChar: boolean
    readonly flagPrefix: boolean
    /** Template text per flag for `{flag_x}`; a flag without an entry is unsupported. */
    readonly flags?: Partial<Record<RegexFlag, string>>
  }
  /** Extra characters escaped when a Sigma string is turned into a regex. */
  readonly addEscapedRe?: string

  /** `{field}`, `{value}`, `{network}`, `{prefixlen}`, `{netmask}`. Absent → wildcard prefix expansion. */
  readonly cidr?: string
  readonly compare?: { readonly expression: string; readonly ops: Readonly<Record<CompareOp, string>> }
  readonly fieldRef?: {
    readonly eq?: string
    readonly startswith?: string
    readonly endswith?: string
    readonly contains?: string
    readonly escapeAndQuote?: readonly [boolean, boolean]
  }
  readonly timestampPart?: { readonly expression: string; readonly parts: Readonly<Record<TimePart, string>> }
  readonly null?: string
  readonly exists?: string
  readonly notExists?: string

  readonly inList?: {
    /** `{field}`, `{op}`, `{list}`. */
    readonly expression: string
    readonly orOp?: string
    readonly andOp?: string
    readonly separator: string
    readonly allowWildcards: boolean
  }

  readonly unbound?: { readonly str?: string; readonly num?: string; readonly re?: string }

  readonly deferred?: { readonly start: string; readonly separator: string; readonly onlyQuery: string }
  /** Wraps the finished condition: `{query}`; `{state.<key>}` reads pipeline state. */
  readonly queryExpression?: string
  readonly stateDefaults?: Readonly<Record<string, string>>
}
