/** Kusto output formats. */
import type { OutputFormat } from '../../src/backend.js'

export const defaultFormat: OutputFormat = { description: 'Kusto Query Language queries (`Table\\n| where …` when a pipeline chose the table)' }
