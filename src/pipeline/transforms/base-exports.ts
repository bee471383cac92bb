/** What backends need to write their own transformation types (see registerTransformation). */
export { applyToItems, itemTransform, markRule, ruleTransform, valueTransform, type ValueResult } from './base.js'
export { fieldMappingTransform, type FieldNameFn } from './fields.js'
export { DROP, mapDetection, markDetection, markItem, type ItemResult } from '../walk.js'
export { matchDetectionItem, matchFieldInValue, matchFieldName, matchRule } from '../conditions/match.js'
