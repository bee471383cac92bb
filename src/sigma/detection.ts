/**
 * The detection section (SIGMA-NOTES §2.1): search identifiers → Detection trees, `condition` → Condition ASTs,
 * with every diagnostic placed at its YAML node. Also used for the search identifiers of filters (§6.1).
 */
import { expandSelector, parseCondition } from '../../grammars/condition/index.js'
import type { ConditionDiagnostic } from '../../grammars/condition/index.js'
import { error, warning, type Diagnostic } from '../diagnostics.js'
import type { Condition } from '../ir/condition.js'
import type { Detection, DetectionItem } from '../ir/rule.js'
import { buildDetectionItem, buildKeywordItem } from './modifiers.js'
import { formatPath, locate, locateScalar, type YamlPath, type YamlSource } from './yaml.js'

/** Where a document came from: positions are looked up in `sources` (several for merged collection documents). */
export interface DocContext {
  readonly file?: string
  readonly sources: readonly YamlSource[]
}

export interface Where { file?: string; line?: number; column?: number; key: string }

export function whereIs(ctx: DocContext, path: YamlPath, part: 'key' | 'value' = 'key'): Where {
  const loc = locate(ctx.sources, path, part)
  return { ...(ctx.file === undefined ? {} : { file: ctx.file }), ...(loc ? { line: loc.line, column: loc.column } : {}), key: formatPath(path) }
}

const isScalar = (v: unknown): boolean => v === null || ['string', 'number', 'boolean'].includes(typeof v)
export const isPlainMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

interface Built<T> { value?: T; diagnostics: Diagnostic[] }

function withFile(ctx: DocContext, ds: readonly Diagnostic[]): Diagnostic[] {
  return ctx.file === undefined ? [...ds] : ds.map((d) => (d.file === undefined ? { ...d, file: ctx.file } : d))
}

function item(ctx: DocContext, r: { item?: DetectionItem; diagnostics: Diagnostic[] }): Built<DetectionItem> {
  return { ...(r.item ? { value: r.item } : {}), diagnostics: withFile(ctx, r.diagnostics) }
}

function keyword(ctx: DocContext, raw: readonly unknown[], path: YamlPath): Built<DetectionItem> {
  const at = whereIs(ctx, path, 'value')
  return item(ctx, buildKeywordItem(raw, at.line === undefined ? undefined : { line: at.line, column: at.column ?? 1, key: at.key }))
}

/** One search identifier's value (map, list or scalar) → Detection (pySigma `SigmaDetection.from_definition`). */
export function buildDetection(ctx: DocContext, raw: unknown, path: YamlPath): Built<Detection> {
  const here = whereIs(ctx, path)
  const pos = here.line === undefined ? {} : { pos: { line: here.line, column: here.column ?? 1 } }
  const diagnostics: Diagnostic[] = []
  const items: (DetectionItem | Detection)[] = []
  let link: 'and' | 'or' = 'and'
  if (isPlainMap(raw)) {
    for (const [key, value] of Object.entries(raw)) {
      const at = whereIs(ctx, [...path, key])
      const r = item(ctx, buildDetectionItem(key, value, at.line === undefined ? undefined : { line: at.line, column: at.column ?? 1, key: at.key }))
      diagnostics.push(...r.diagnostics)
      if (r.value) items.push(r.value)
    }
  } else if (Array.isArray(raw) && raw.every(isScalar)) {
    const r = keyword(ctx, raw, path)
    diagnostics.push(...r.diagnostics)
    if (r.value) items.push(r.value)
  } else if (Array.isArray(raw)) {
    link = 'or'
    raw.forEach((element, i) => {
      const r = isScalar(element) ? keyword(ctx, [element], [...path, i]) : buildDetection(ctx, element, [...path, i])
      diagnostics.push(...r.diagnostics)
      if (r.value) items.push(r.value)
    })
  } else {
    const r = keyword(ctx, [raw], path)
    diagnostics.push(...r.diagnostics)
    if (r.value) items.push(r.value)
  }
  const empty = (isPlainMap(raw) && Object.keys(raw).length === 0) || (Array.isArray(raw) && raw.length === 0)
  if (empty) diagnostics.push(error('detection.empty', 'search identifier is empty', here))
  const failed = diagnostics.some((d) => d.severity === 'error')
  return { ...(failed ? {} : { value: { kind: 'detection', items, link, ...pos } }), diagnostics }
}

export interface DetectionSection {
  readonly detections: Readonly<Record<string, Detection>>
  readonly conditions: readonly Condition[]
  readonly conditionText: readonly string[]
  readonly diagnostics: readonly Diagnostic[]
}

/**
 * `detection:` of a rule (`kind: 'rule'`: condition string or list) or `filter:` of a filter
 * (`kind: 'filter'`: `rules` is not an identifier, condition is one string).
 */
export function buildDetectionSection(ctx: DocContext, raw: Record<string, unknown>, base: YamlPath, kind: 'rule' | 'filter'): DetectionSection {
  const diagnostics: Diagnostic[] = []
  const detections: Record<string, Detection> = {}
  const reserved = kind === 'rule' ? ['condition'] : ['condition', 'rules']
  const names: string[] = []
  for (const [name, value] of Object.entries(raw)) {
    if (reserved.includes(name)) continue
    if (name === 'timeframe' && kind === 'rule') {
      diagnostics.push(warning('detection.timeframe', "'timeframe' in the detection section is legacy Sigma v1 and is ignored; use a correlation rule", whereIs(ctx, [...base, name])))
      continue
    }
    names.push(name)
    const r = buildDetection(ctx, value, [...base, name])
    diagnostics.push(...r.diagnostics)
    if (r.value) detections[name] = r.value
  }
  if (names.length === 0) diagnostics.push(error('detection.missing', 'no search identifiers defined', whereIs(ctx, base)))

  const conditions: Condition[] = []
  const conditionText: string[] = []
  const rawCond = raw['condition']
  const condPath = [...base, 'condition']
  let texts: { text: string; path: YamlPath }[] = []
  if (rawCond === undefined || rawCond === null) {
    diagnostics.push(error('condition.missing', 'a condition is required', whereIs(ctx, base)))
  } else if (typeof rawCond === 'string') {
    texts = [{ text: rawCond, path: condPath }]
  } else if (Array.isArray(rawCond) && kind === 'rule') {
    if (rawCond.length === 0) diagnostics.push(error('condition.missing', 'condition list is empty', whereIs(ctx, condPath)))
    rawCond.forEach((c, i) => {
      if (typeof c === 'string') texts.push({ text: c, path: [...condPath, i] })
      else diagnostics.push(error('condition.invalid', 'each condition must be a string', whereIs(ctx, [...condPath, i])))
    })
  } else {
    diagnostics.push(error('condition.invalid', kind === 'rule' ? 'condition must be a string or a list of strings' : 'a filter condition must be one string', whereIs(ctx, condPath, 'value')))
  }
  for (const { text, path } of texts) {
    const parsed = parseConditionCached(text)
    diagnostics.push(...parsed.diagnostics.map((d) => translate(ctx, path, d)))
    if (parsed.condition === undefined) continue
    diagnostics.push(...checkReferences(ctx, path, parsed.condition, names))
    conditions.push(parsed.condition)
    conditionText.push(text)
  }
  return { detections, conditions, conditionText, diagnostics }
}

/**
 * Condition texts repeat across a rule set (`selection`, `selection and not filter`, …) and parsing is pure with
 * positions relative to the text, so results are shared. Bounded: the cache is dropped when it fills up.
 */
const conditionCache = new Map<string, ReturnType<typeof parseCondition>>()
function parseConditionCached(text: string): ReturnType<typeof parseCondition> {
  const hit = conditionCache.get(text)
  if (hit !== undefined) return hit
  const parsed = parseCondition(text)
  if (conditionCache.size >= 4096) conditionCache.clear()
  if (text.length <= 1024) conditionCache.set(text, parsed)
  return parsed
}

/** A diagnostic positioned inside a condition string → a position in the file. */
export function translate(ctx: DocContext, path: YamlPath, d: { severity: Diagnostic['severity']; code: string; message: string; line?: number; column?: number; key?: string }): Diagnostic {
  const scalar = locateScalar(ctx.sources, path)
  const where = whereIs(ctx, path, 'value')
  const token = d.key !== undefined && d.key !== '' ? ` (at '${d.key}')` : ''
  const base = { severity: d.severity, code: d.code, message: d.message + (d.message.includes(`'${d.key}'`) ? '' : token), ...where }
  if (scalar === undefined) return base
  const inside = scalar.inline && (d.line ?? 1) === 1 && d.column !== undefined
  return { ...base, line: scalar.line, column: inside ? scalar.column + (d.column ?? 1) - 1 : scalar.column }
}

function walkCondition(c: Condition, visit: (c: Condition) => void): void {
  visit(c)
  switch (c.kind) {
    case 'and':
    case 'or':
      c.args.forEach((a) => walkCondition(a, visit))
      break
    case 'not':
      walkCondition(c.arg, visit)
      break
    case 'ref':
    case 'of':
      break
  }
}

function checkReferences(ctx: DocContext, path: YamlPath, cond: Condition, names: readonly string[]): Diagnostic[] {
  const out: Diagnostic[] = []
  const at = (c: Condition, sev: 'error' | 'warning', code: string, message: string): ConditionDiagnostic =>
    ({ severity: sev, code, message, line: c.span?.line ?? 1, column: c.span?.column ?? 1, offset: c.span?.offset ?? 0 })
  walkCondition(cond, (c) => {
    if (c.kind === 'ref' && !names.includes(c.name)) {
      out.push(translate(ctx, path, at(c, 'error', 'condition.undefined_identifier', `search identifier '${c.name}' is not defined in the detection section`)))
    } else if (c.kind === 'of' && expandSelector(c.pattern, names).length === 0) {
      out.push(translate(ctx, path, at(c, 'warning', 'condition.empty_selector', `'${c.pattern}' matches no search identifier; the selector is dropped`)))
    }
  })
  return out
}
