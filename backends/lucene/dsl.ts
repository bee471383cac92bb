/** Lucene target's `dsl` format: the native bool-query _search body (elastic-common/dsl). */
export { nativeDslFormat as dslFormat } from '../elastic-common/dsl/format.js'
