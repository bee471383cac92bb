/** A filter document → SigmaFilter (SIGMA-NOTES §6.1; pySigma `SigmaFilter.from_dict`). */
import { error, type Diagnostic } from '../diagnostics.js'
import type { SigmaFilter } from '../ir/rule.js'
import { buildDetectionSection, isPlainMap, whereIs, type DocContext } from './detection.js'
import { buildLogsource, buildMeta, customAttributes, hasErrors, type Built } from './doc-meta.js'

/** Keys a SigmaFilter carries itself; every other key (author, tags, …) is checked as metadata and kept in `custom`. */
const FILTER_KEYS = ['title', 'id', 'name', 'description', 'date', 'modified', 'logsource', 'filter']

export function buildFilter(raw: Record<string, unknown>, ctx: DocContext, index: number): Built<SigmaFilter> {
  const meta = buildMeta(raw, ctx, index, ['logsource', 'filter'])
  const logsource = buildLogsource(raw, ctx)
  const diagnostics: Diagnostic[] = [...meta.diagnostics, ...logsource.diagnostics]
  const f = raw['filter']
  let rules: string[] | undefined
  let section: ReturnType<typeof buildDetectionSection> | undefined
  if (!isPlainMap(f)) {
    diagnostics.push(error('rule.invalid_field', "'filter' must be a map with rules, search identifiers and a condition", whereIs(ctx, ['filter'], 'value')))
  } else {
    rules = filterRules(f['rules'], ctx, diagnostics)
    section = buildDetectionSection(ctx, f, ['filter'], 'filter')
    diagnostics.push(...section.diagnostics)
  }
  const m = meta.value
  const condition = section?.conditions[0]
  if (hasErrors(diagnostics) || !m || !logsource.value || !section || !rules || condition === undefined) return { diagnostics }
  const value: SigmaFilter = {
    kind: 'filter',
    title: m.title,
    ...(m.id === undefined ? {} : { id: m.id }),
    ...(m.name === undefined ? {} : { name: m.name }),
    ...(m.description === undefined ? {} : { description: m.description }),
    ...(m.date === undefined ? {} : { date: m.date }),
    ...(m.modified === undefined ? {} : { modified: m.modified }),
    logsource: logsource.value,
    rules,
    detections: section.detections,
    condition,
    conditionText: section.conditionText[0] ?? '',
    custom: customAttributes(raw, FILTER_KEYS),
    source: m.source,
  }
  return { value, diagnostics }
}

/** `rules`: a list of ids/names, one id/name, or `any` / an empty list (= every rule with a matching logsource). */
function filterRules(v: unknown, ctx: DocContext, diagnostics: Diagnostic[]): string[] | undefined {
  const at = whereIs(ctx, ['filter', 'rules'], 'value')
  if (v === undefined || v === null) {
    // pySigma requires the key; `rules:` left empty reads as null and is treated like an empty list here.
    if (v === undefined) diagnostics.push(error('rule.missing_field', "a filter needs 'rules' (use 'any' for every rule with a matching logsource)", { ...whereIs(ctx, ['filter']), key: 'filter.rules' }))
    return v === null ? [] : undefined
  }
  if (typeof v === 'string') return v.toLowerCase() === 'any' ? [] : [v]
  if (Array.isArray(v)) {
    const bad = v.findIndex((r) => typeof r !== 'string')
    if (bad >= 0) {
      diagnostics.push(error('rule.invalid_field', 'filter rules must be rule ids or names (strings)', whereIs(ctx, ['filter', 'rules', bad], 'value')))
      return undefined
    }
    return v as string[]
  }
  diagnostics.push(error('rule.invalid_field', "filter 'rules' must be 'any', a rule id/name, or a list of them", at))
  return undefined
}
