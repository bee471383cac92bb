/**
 * Processing pipelines (pySigma semantics): compiled, immutable and reusable across rules.
 * A compiled pipeline holds no per-rule state; everything a run accumulates lives in `RunState`,
 * created fresh by `applyPipelines` for each document.
 */
import type { DetectionItem, SigmaCorrelation, SigmaRule } from '../ir/rule.js'
import type { Value } from '../ir/value.js'

export type Doc = SigmaRule | SigmaCorrelation

/**
 * Python's `None` used as a mapping key (the keyword pseudo-field), e.g. `field_name_mapping`
 * `{None: 'x'}` or Splunk's `add_condition {None: 'ParentProcessGuid'}`. YAML `null`/`~` keys load
 * as this key; definitions passed to `pipelineFromObject` use it the same way.
 */
export const NULL_KEY = '\u0000null'

export interface PipelineEnv {
  readonly backend: string
  readonly format: string
  readonly options: Readonly<Record<string, string>>
  /** Resolves a correlation's referenced rule (by id or name) for `logsource` rule conditions. */
  readonly resolveRule?: (ref: string) => Doc | undefined
}

/** Everything one run of the pipelines accumulates (pySigma keeps this on the pipeline object). */
export interface RunState {
  readonly vars: Readonly<Record<string, unknown>>
  /** `set_state` values; read by backends after the run. */
  readonly state: Record<string, unknown>
  /** Ids of items applied to the document itself (rule or correlation). */
  readonly ruleApplied: Set<string>
  /** Field name → ids of items that produced that name (field-name `processing_item_applied`). */
  readonly fieldApplied: Map<string, Set<string>>
  /** Initial field → final fields, and the reverse (for `strict_field_mapping_failure`). */
  readonly mappings: FieldMappings
  readonly env: PipelineEnv
}

export interface FieldMappings {
  readonly forward: Map<string | null, Set<string>>
  readonly targets: Map<string | null, Set<string | null>>
}

export interface RuleCondition {
  readonly type: string
  readonly match: (doc: Doc, run: RunState) => boolean
}

export interface DetectionItemCondition {
  readonly type: string
  readonly match: (item: DetectionItem, run: RunState) => boolean
}

export interface FieldNameCondition {
  readonly type: string
  readonly matchField: (field: string | null, run: RunState) => boolean
  /** Field or any field reference in the values (pySigma `match_detection_item`). */
  readonly matchItem: (item: DetectionItem, run: RunState) => boolean
  /** A single value: true only for field references whose field matches. */
  readonly matchValue: (value: Value, run: RunState) => boolean
}

/** Boolean expression over named conditions (`*_cond_expr`). */
export type CondExpr =
  | { readonly kind: 'id'; readonly name: string }
  | { readonly kind: 'not'; readonly arg: CondExpr }
  | { readonly kind: 'and' | 'or'; readonly args: readonly CondExpr[] }

/** A list linked by `op`, or a dict combined by an expression; `not` negates the result. */
export type CondSet<C> =
  | { readonly kind: 'list'; readonly op: 'and' | 'or'; readonly not: boolean; readonly conds: readonly C[] }
  | { readonly kind: 'expr'; readonly expr: CondExpr; readonly not: boolean; readonly conds: Readonly<Record<string, C>> }

export interface TransformContext {
  readonly item: ProcessingItem
  readonly run: RunState
}

export interface Transformation {
  readonly type: string
  readonly apply: (doc: Doc, cx: TransformContext) => Doc
}

export interface ProcessingItem {
  /** Explicit `id`, or a deterministic generated one (`<pipeline>#<index>`). */
  readonly id: string
  readonly explicitId: boolean
  readonly transformation: Transformation
  readonly ruleConditions: CondSet<RuleCondition>
  readonly detectionItemConditions: CondSet<DetectionItemCondition>
  readonly fieldNameConditions: CondSet<FieldNameCondition>
}

export interface PostprocessingContext {
  readonly doc: Doc
  readonly state: Readonly<Record<string, unknown>>
  readonly vars: Readonly<Record<string, unknown>>
}

export interface PostprocessingTransformation {
  readonly type: string
  readonly apply: (query: string | object, cx: PostprocessingContext) => string | object
}

export interface PostprocessingItem {
  readonly id: string
  readonly transformation: PostprocessingTransformation
  readonly ruleConditions: CondSet<RuleCondition>
}

export interface FinalizeContext {
  readonly vars: Readonly<Record<string, unknown>>
}

export interface Finalizer {
  readonly type: string
  readonly apply: (output: unknown, cx: FinalizeContext) => unknown
}

export interface Pipeline {
  readonly name: string
  readonly priority: number
  readonly allowedBackends: readonly string[]
  readonly vars: Readonly<Record<string, unknown>>
  readonly items: readonly ProcessingItem[]
  readonly postprocessing: readonly PostprocessingItem[]
  readonly finalizers: readonly Finalizer[]
}

/** Handed to transformation factories: how to report a bad parameter, and how to compile nested items. */
export interface FactoryContext {
  /** Throws a configuration error pointing at `key` (a parameter of the item). */
  readonly fail: (message: string, key?: string) => never
  /** Compiles a nested processing item definition (for `nest`). */
  readonly compileItem: (def: unknown, index: number) => ProcessingItem
}

export type TransformFactory = (params: Readonly<Record<string, unknown>>, cx: FactoryContext) => Transformation
