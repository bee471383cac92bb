/**
 * Microsoft's own Kusto parser (@kusto/language-service-next, a Bridge.NET build that installs globals) for the
 * tests: syntax errors, and names that do not resolve against the schema of the tables our pipelines map.
 */
import { createRequire } from 'node:module'
import type { Schema } from '../../backends/kusto/schema/index.js'

/* eslint-disable @typescript-eslint/no-explicit-any -- the bridge has no usable ESM typings */
type Bridge = { Language: any }
let lib: Bridge | undefined

function kusto(): Bridge {
  if (!lib) {
    const require = createRequire(import.meta.url)
    const dir = '@kusto/language-service-next/'
    require(dir + 'bridge.js')
    require(dir + 'Kusto.Language.Bridge.js')
    lib = (globalThis as unknown as { Kusto: Bridge }).Kusto
  }
  return lib
}

export interface KqlProblem {
  readonly code: string
  readonly message: string
  /** Offset in the analysed text. */
  readonly start: number
}

function diagnostics(code: any): KqlProblem[] {
  const d = code.GetDiagnostics()
  const out: KqlProblem[] = []
  for (let i = 0; i < d.Count; i++) {
    const x = d.getItem(i)
    if (String(x.Severity) === 'Error') out.push({ code: String(x.Code), message: String(x.Message), start: Number(x.Start) })
  }
  return out
}

/** Syntax errors only (no schema). */
export function syntaxErrors(query: string): KqlProblem[] {
  return diagnostics(kusto().Language.KustoCode.Parse(query))
}

const TYPES: Readonly<Record<string, string>> = {
  string: 'String', int: 'Int', long: 'Long', bool: 'Bool', boolean: 'Bool', datetime: 'DateTime', dynamic: 'Dynamic',
  real: 'Real', double: 'Real', guid: 'Guid', timespan: 'TimeSpan', decimal: 'Decimal',
}

/** A GlobalState whose database holds the schema's tables (ASIM parser functions are modelled as tables). */
export function globalsFor(schema: Schema): unknown {
  const L = kusto().Language
  const S = L.Symbols
  const tables = Object.entries(schema).map(([name, cols]) => {
    const columns = Object.entries(cols).map(([c, t]) => new S.ColumnSymbol(c, S.ScalarTypes[TYPES[t.toLowerCase()] ?? 'Dynamic'] ?? S.ScalarTypes.Dynamic, null, null, null, null))
    return new S.TableSymbol.$ctor4(name, columns)
  })
  return L.GlobalState.Default.WithDatabase(new S.DatabaseSymbol.ctor('db', tables))
}

/** Codes the analyzer uses for names that resolve to nothing, and for a `where` operand that is not a predicate. */
export const NAME_CODES: ReadonlySet<string> = new Set(['KS142', 'KS204', 'KS211'])
export const NOT_PREDICATE = 'KS141'
/** The analyser's own nesting limit (long flat `or` chains); such queries are checked for syntax only. */
export const TOO_DEEP = 'KS245'

export function semanticErrors(query: string, globals: unknown): KqlProblem[] {
  return diagnostics(kusto().Language.KustoCode.ParseAndAnalyze(query, globals))
}

/** Number of string literal tokens (the injection property: a value stays exactly one literal). */
export function stringLiterals(query: string): string[] {
  const L = kusto().Language
  const code = L.KustoCode.Parse(query)
  const out: string[] = []
  let tok = code.Syntax.GetFirstToken()
  while (tok) {
    if (String(tok.Kind) === String(L.Syntax.SyntaxKind.StringLiteralToken)) out.push(String(tok.Text))
    tok = tok.GetNextToken()
  }
  return out
}

/** The value of a string literal as Kusto reads it. */
export function literalValue(literal: string): string {
  return String(kusto().Language.KustoFacts.GetStringLiteralValue(literal))
}

export interface ParsedNames {
  readonly syntax: KqlProblem[]
  /** Column (and table) names the query refers to: bare identifiers not called as functions or after a dot, and `['…']` names. */
  readonly names: string[]
}

/** One syntax-only parse (fast) that also lists the names a query refers to, for a schema check without the analyser. */
export function parseNames(query: string): ParsedNames {
  const L = kusto().Language
  const K = L.Syntax.SyntaxKind
  const code = L.KustoCode.Parse(query)
  const toks: any[] = []
  for (let t = code.Syntax.GetFirstToken(); t; t = t.GetNextToken()) toks.push(t)
  const names: string[] = []
  toks.forEach((t, i) => {
    const next = toks[i + 1]
    // `parse_json(AdditionalFields).PipeName`: a name after a dot is a JSON property, not a column.
    const property = i > 0 && toks[i - 1].Kind === K.DotToken
    if (t.Kind === K.IdentifierToken && !property && !(next && next.Kind === K.OpenParenToken)) names.push(String(t.Text))
    // `['name']` is a column; `x["@Name"]` after a name, call or element (a dynamic property) is not.
    const prev = i > 0 ? toks[i - 1].Kind : undefined
    const element = prev === K.IdentifierToken || prev === K.CloseParenToken || prev === K.CloseBracketToken
    if (t.Kind === K.OpenBracketToken && !element && next && next.Kind === K.StringLiteralToken && toks[i + 2]?.Kind === K.CloseBracketToken)
      names.push(literalValue(String(next.Text)))
  })
  return { syntax: diagnostics(code), names }
}

/**
 * Columns a query computes itself: the azure_monitor EventData prelude (backends/kusto/pipelines/event-data.ts) adds
 * `EventDataItems` (extend), `EventDataItem` (mv-apply) and the dynamic bag `EventDataFields` (its summarize) — only
 * when the prelude's exact stages are present; any other unknown name still fails the schema check.
 */
export const EVENT_DATA_COLUMNS: Readonly<Record<string, string>> = { EventDataItems: 'dynamic', EventDataItem: 'dynamic', EventDataFields: 'dynamic' }
const EVENT_DATA_STAGES =
  '\n| extend EventDataItems = parse_xml(EventData).DataItem.EventData.Data\n| mv-apply EventDataItem = iff(gettype(EventDataItems) == "array", EventDataItems, pack_array(EventDataItems)) on (summarize EventDataFields = make_bag(bag_pack(tostring(EventDataItem["@Name"]), tostring(EventDataItem["#text"]))))\n| where '

export function computedColumns(query: string): Readonly<Record<string, string>> {
  return query.startsWith('Event\n| where ') && query.includes(EVENT_DATA_STAGES) ? EVENT_DATA_COLUMNS : {}
}
