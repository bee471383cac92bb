/** The shape every target implements; the registry (backends/registry.ts) lists them. */
import type { Expr } from './ir/expr.js'
import type { SigmaCorrelation, SigmaRule } from './ir/rule.js'
import type { Pipeline } from './pipeline/types.js'

export interface OptionSpec {
  readonly description: string
  readonly default?: string
}

export interface QueryContext {
  readonly rule: SigmaRule | SigmaCorrelation
  /** 0-based index of the condition (a rule with a condition list yields several queries). */
  readonly index: number
  readonly pipelineState: Readonly<Record<string, unknown>>
  readonly options: Readonly<Record<string, string>>
  readonly format: string
}

export interface OutputFormat {
  readonly description: string
  /** Per-query finishing (pySigma finalize_query_<format>): the query text → text or a JSON body. */
  readonly query?: (query: string, ctx: QueryContext) => string | object
  /** Whole-output finishing (pySigma finalize_output_<format>). */
  readonly output?: (items: readonly (string | object)[], options: Readonly<Record<string, string>>) => string | readonly (string | object)[]
}

export interface PipelineProvider {
  readonly description: string
  readonly build: () => Pipeline
}

export interface CorrelationRenderer {
  /** Correlation methods (`-c`), first is the default. */
  readonly methods: Readonly<Record<string, string>>
  /** Render a correlation from the rendered queries of its referenced rules. */
  readonly render: (corr: SigmaCorrelation, refs: readonly CorrelationRef[], ctx: QueryContext & { readonly method: string }) => string
}

export interface CorrelationRef {
  readonly rule: SigmaRule | SigmaCorrelation
  /** The finished query of the referenced rule (before output formats). */
  readonly query: string
  /** Name used for it in multi-rule searches: rule name, else id. */
  readonly name: string
  readonly pipelineState: Readonly<Record<string, unknown>>
}

export interface Backend {
  readonly id: string
  readonly aliases?: readonly string[]
  readonly label: string
  readonly description: string
  /** Pipelines this target brings (ecs_windows, microsoft_xdr …), selectable with -p. */
  readonly pipelines?: Readonly<Record<string, PipelineProvider>>
  /** Applied to every conversion (pySigma's backend_processing_pipeline). */
  readonly backendPipeline?: () => Pipeline
  /** Pipelines used when the user names none (friendly targets such as `sentinel`). */
  readonly defaultPipelines?: readonly string[]
  /** pySigma's requires_pipeline: warn when converting without any pipeline. */
  readonly requiresPipeline?: boolean
  readonly options?: Readonly<Record<string, OptionSpec>>
  readonly formats: Readonly<Record<string, OutputFormat>>
  readonly defaultFormat: string
  /** One condition → query text (before output formats). Throws SigmaError for unsupported constructs. */
  readonly convertCondition: (expr: Expr, ctx: QueryContext) => string
  readonly correlation?: CorrelationRenderer
}
