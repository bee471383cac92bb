/**
 * Table → column schemas (see each JSON file's `_source`): used to refuse fields a table does not have,
 * and by the tests to check that every generated query names only existing tables and columns.
 */
import xdr from './microsoft_xdr.json' with { type: 'json' }
import asim from './sentinel_asim.json' with { type: 'json' }
import monitor from './azure_monitor.json' with { type: 'json' }

export type TableSchema = Readonly<Record<string, string>>
export type Schema = Readonly<Record<string, TableSchema>>

export const SCHEMAS: Readonly<Record<'microsoft_xdr' | 'sentinel_asim' | 'azure_monitor', Schema>> = {
  microsoft_xdr: xdr.tables,
  sentinel_asim: asim.tables,
  azure_monitor: monitor.tables,
}

export const SCHEMA_SOURCES: Readonly<Record<keyof typeof SCHEMAS, string>> = {
  microsoft_xdr: xdr._source,
  sentinel_asim: asim._source,
  azure_monitor: monitor._source,
}
