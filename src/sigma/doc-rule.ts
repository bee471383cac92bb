/** A detection rule document → SigmaRule (pySigma `SigmaRule.from_dict`, all problems collected). */
import { error, type Diagnostic } from '../diagnostics.js'
import type { SigmaRule } from '../ir/rule.js'
import { buildDetectionSection, isPlainMap, whereIs, type DocContext } from './detection.js'
import { buildLogsource, buildMeta, hasErrors, type Built } from './doc-meta.js'

const RULE_KEYS = ['logsource', 'detection']

export function buildRule(raw: Record<string, unknown>, ctx: DocContext, index: number): Built<SigmaRule> {
  const meta = buildMeta(raw, ctx, index, RULE_KEYS)
  const logsource = buildLogsource(raw, ctx)
  const diagnostics: Diagnostic[] = [...meta.diagnostics, ...logsource.diagnostics]

  const det = raw['detection']
  let section: ReturnType<typeof buildDetectionSection> | undefined
  if (det === undefined) diagnostics.push(error('rule.missing_field', "'detection' is required", { ...whereIs(ctx, []), key: 'detection' }))
  else if (!isPlainMap(det)) diagnostics.push(error('rule.invalid_field', "'detection' must be a map", whereIs(ctx, ['detection'], 'value')))
  else {
    section = buildDetectionSection(ctx, det, ['detection'], 'rule')
    diagnostics.push(...section.diagnostics)
  }

  if (hasErrors(diagnostics) || !meta.value || !logsource.value || !section) return { diagnostics }
  const rule: SigmaRule = {
    kind: 'rule',
    ...meta.value,
    logsource: logsource.value,
    detections: section.detections,
    conditions: section.conditions,
    conditionText: section.conditionText,
    applied: [],
  }
  return { value: rule, diagnostics }
}
