/**
 * `sigmaport/node`: the Node-only batch API (files, directories, worker threads). The browser-safe core stays in
 * `sigmaport`.
 */
export { convertDirectory, createBatchConverter } from './convert-directory.js'
export type { BatchConverter, BatchOptions } from './convert-directory.js'
export type { DocumentResult, FileResult, Progress, SourceText } from './types.js'
export { runChecks } from '../check/run.js'
export type { CheckInput, CheckReport } from '../check/run.js'
export { loadConfig, resolveConfig } from '../check/config.js'
export type { CheckConfig } from '../check/config.js'
export { VALIDATORS } from '../check/registry.js'
export { renderReport, REPORT_FORMATS } from '../check/report/index.js'
export type { ReportFormat } from '../check/report/index.js'
export type { Finding, Validator, CheckSeverity } from '../check/types.js'
