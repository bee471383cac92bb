/**
 * `sigmaport list …`: the registry as tables (targets, formats, pipelines, modifiers, correlation methods).
 * Pure data from backends/registry.ts and MODIFIERS; the same rows feed `--json` and the README lists.
 */
import type { Backend } from '../backend.js'
import { BACKENDS, allPipelines } from '../../backends/registry.js'
import { MODIFIERS } from '../sigma/modifiers.js'

export const LIST_KINDS = ['targets', 'formats', 'pipelines', 'modifiers', 'correlation-methods'] as const
export type ListKind = (typeof LIST_KINDS)[number]

export type Cell = string | boolean | readonly string[]
export type Row = Readonly<Record<string, Cell>>

export interface Table {
  /** Column key → heading, in display order. */
  readonly columns: readonly (readonly [key: string, heading: string])[]
  readonly rows: readonly Row[]
}

const targetsOf = (target: Backend | undefined): readonly Backend[] => (target ? [target] : BACKENDS)

function targets(): Table {
  return {
    columns: [['id', 'Target'], ['aliases', 'Aliases'], ['label', 'Query language'], ['formats', 'Formats'], ['pipelines', 'Own pipelines'], ['defaultPipelines', 'Default pipelines'], ['requiresPipeline', 'Pipeline required']],
    rows: BACKENDS.map((b) => ({
      id: b.id,
      aliases: b.aliases ?? [],
      label: b.label,
      description: b.description,
      formats: Object.keys(b.formats),
      defaultFormat: b.defaultFormat,
      pipelines: Object.keys(b.pipelines ?? {}),
      defaultPipelines: b.defaultPipelines ?? [],
      requiresPipeline: b.requiresPipeline === true,
      correlationMethods: Object.keys(b.correlation?.methods ?? {}),
    })),
  }
}

function formats(target: Backend | undefined): Table {
  return {
    columns: [['target', 'Target'], ['format', 'Format'], ['default', 'Default'], ['description', 'Description']],
    rows: targetsOf(target).flatMap((b) => Object.entries(b.formats).map(([format, f]) => ({ target: b.id, format, default: format === b.defaultFormat, description: f.description }))),
  }
}

function pipelines(target: Backend | undefined): Table {
  const usable = (backends: readonly string[]): boolean =>
    target === undefined || backends.length === 0 || backends.includes(target.id) || (target.aliases ?? []).some((a) => backends.includes(a))
  return {
    columns: [['id', 'Pipeline'], ['targets', 'Targets'], ['description', 'Description']],
    rows: Object.entries(allPipelines())
      .filter(([, p]) => usable(p.backends))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, p]) => ({ id, targets: p.backends.length === 0 ? ['any'] : p.backends, description: p.description })),
  }
}

function modifiers(): Table {
  return {
    columns: [['modifier', 'Modifier'], ['description', 'Description'], ['since', 'Since']],
    rows: Object.entries(MODIFIERS).map(([modifier, m]) => ({ modifier, description: m.description, since: m.since ?? '' })),
  }
}

function correlationMethods(target: Backend | undefined): Table {
  return {
    columns: [['target', 'Target'], ['method', 'Method'], ['default', 'Default'], ['description', 'Description']],
    rows: targetsOf(target).flatMap((b) =>
      Object.entries(b.correlation?.methods ?? {}).map(([method, description], i) => ({ target: b.id, method, default: i === 0, description })),
    ),
  }
}

export function listTable(kind: ListKind, target?: Backend): Table {
  switch (kind) {
    case 'targets': return targets()
    case 'formats': return formats(target)
    case 'pipelines': return pipelines(target)
    case 'modifiers': return modifiers()
    case 'correlation-methods': return correlationMethods(target)
  }
}

export const cellText = (c: Cell | undefined): string => (c === undefined ? '' : typeof c === 'boolean' ? (c ? 'yes' : 'no') : typeof c === 'string' ? c : c.join(', '))

/** A plain aligned text table (left-aligned columns, a rule under the headings). */
export function renderTable(t: Table): string {
  const head = t.columns.map(([, h]) => h)
  const body = t.rows.map((r) => t.columns.map(([k]) => cellText(r[k]).replace(/\s*\n\s*/g, ' ')))
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] as string).length)))
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ').trimEnd()
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n') + '\n'
}
