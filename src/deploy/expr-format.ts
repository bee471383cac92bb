/**
 * Formats that need the condition tree rather than the query text (the native Elasticsearch DSL builds
 * a bool tree from the Expr). Such a format carries `fromExpr`, which replaces the backend's
 * convertCondition for that format; its `query` then finishes the text `fromExpr` returned.
 * `withExprFormats` wires it with no change to the converter: the backend's convertCondition dispatches.
 */
import type { Backend, OutputFormat, QueryContext } from '../backend.js'
import type { Expr } from '../ir/expr.js'

export interface ExprOutputFormat extends OutputFormat {
  /** One condition → the format's intermediate text (e.g. JSON), instead of the backend's query text. */
  readonly fromExpr: (expr: Expr, ctx: QueryContext) => string
}

export const isExprFormat = (f: OutputFormat): f is ExprOutputFormat => 'fromExpr' in f && typeof f.fromExpr === 'function'

/** The backend with convertCondition routed to the selected format's `fromExpr` when it has one. */
export function withExprFormats<B extends Backend>(backend: B): B {
  const convert = backend.convertCondition
  return {
    ...backend,
    convertCondition(expr: Expr, ctx: QueryContext): string {
      const f = backend.formats[ctx.format]
      return f !== undefined && isExprFormat(f) ? f.fromExpr(expr, ctx) : convert(expr, ctx)
    },
  }
}
