/** The reference Sigma evaluator: rules against events (browser-safe). */
export { evaluateRule, evaluateExpr, ruleMatcher } from './evaluate.js'
export type { EvalOptions, EvalResult, FiredItem } from './evaluate.js'
export { eventView, isWindowsExport } from './event.js'
export type { EventFormat, EventView, FieldLookup } from './event.js'
export { parseEvents } from './parse-events.js'
export type { ParsedEvents, ParseEventsOptions } from './parse-events.js'
export { testRuleText } from './test-rule.js'
export type { EventResult, RuleTestResult, TestOptions, TestOutcome } from './test-rule.js'
