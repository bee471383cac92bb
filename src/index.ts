/**
 * sigmaport — the library surface. Everything here is browser-safe (no Node-only imports).
 *
 *   import { loadSigma, createConverter } from 'sigmaport'
 *   const conv = createConverter({ target: 'splunk', pipelines: ['splunk_windows'] })
 *   const { results } = conv.convertText(yamlText, 'rule.yml')
 */
export { createConverter, ConfigError } from './convert.js'
export type { ConvertOptions, Converter, RuleResult } from './convert.js'
export { loadSigma } from './sigma/load.js'
export { parseCondition, expandSelector } from '../grammars/condition/index.js'
export { MODIFIERS } from './sigma/modifiers.js'
export { ruleExprs } from './sigma/resolve.js'
export { applyFilters } from './sigma/filters.js'
export { loadPipeline, pipelineFromObject, registerTransformation } from './pipeline/load.js'
export { applyPipelines } from './pipeline/apply.js'
export { BACKENDS, findBackend, allPipelines } from '../backends/registry.js'
export { formatDiagnostic, SigmaError } from './diagnostics.js'
export type { Diagnostic, Severity } from './diagnostics.js'
export type { Backend, OutputFormat, QueryContext } from './backend.js'
export type { SigmaRule, SigmaCorrelation, SigmaFilter, SigmaDocument, Detection, DetectionItem, LogSource } from './ir/rule.js'
export type { Expr } from './ir/expr.js'
export type { Value } from './ir/value.js'
export type { Condition } from './ir/condition.js'
export type { Pipeline } from './pipeline/types.js'
export * from './eval/index.js'
