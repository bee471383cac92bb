/**
 * `test` as a library call (the CLI and `POST /api/v1/test` both use it): Sigma rule text + events →
 * for every rule document and every event, whether it matches and which detection items fired.
 * Pure (no I/O): callers read files and bound sizes; pipelines, when given, are applied first.
 */
import { error, SigmaError, warning, type Diagnostic } from '../diagnostics.js'
import type { SigmaRule } from '../ir/rule.js'
import { applyPipelines } from '../pipeline/apply.js'
import type { Pipeline, PipelineEnv } from '../pipeline/types.js'
import { loadSigma, type LoadLimits } from '../sigma/load.js'
import { ruleMatcher, type FiredItem } from './evaluate.js'
import type { EventFormat } from './event.js'
import { parseEvents } from './parse-events.js'

export interface EventResult {
  /** 0-based index of the event in the input. */
  readonly event: number
  readonly match: boolean
  readonly fired: readonly FiredItem[]
}

export interface RuleTestResult {
  readonly id?: string
  readonly title: string
  readonly file?: string
  /** False when a pipeline rejected the rule (see diagnostics); then no event was evaluated. */
  readonly ok: boolean
  readonly events: readonly EventResult[]
  /** How many events matched. */
  readonly matched: number
  /** Pipeline warnings and what could not be evaluated (each problem once). */
  readonly diagnostics: readonly Diagnostic[]
}

export interface TestOutcome {
  readonly rules: readonly RuleTestResult[]
  readonly eventCount: number
  /** Problems loading the rule text or parsing the events. */
  readonly diagnostics: readonly Diagnostic[]
}

export interface TestOptions {
  /** Name of the rule file, for diagnostics. */
  readonly file?: string
  /** Name of the events file, for diagnostics. */
  readonly eventsFile?: string
  /** Pipelines applied to each rule before it is evaluated, with the environment they run in. */
  readonly pipelines?: readonly Pipeline[]
  readonly env?: PipelineEnv
  /** How to read events (default: recognise Windows exports by shape). */
  readonly format?: EventFormat
  readonly maxEvents?: number
  readonly limits?: Partial<LoadLimits>
}

const DEFAULT_ENV: PipelineEnv = { backend: 'test', format: 'default', options: {} }

function dedupe(ds: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Map<string, Diagnostic>()
  for (const d of ds) seen.set(JSON.stringify(d), d)
  return [...seen.values()]
}

function testOne(rule: SigmaRule, events: readonly unknown[], opts: TestOptions): RuleTestResult {
  const head = { ...(rule.id === undefined ? {} : { id: rule.id }), title: rule.title, ...(rule.source.file === undefined ? {} : { file: rule.source.file }) }
  let prepared = rule
  const diagnostics: Diagnostic[] = []
  if (opts.pipelines && opts.pipelines.length > 0) {
    try {
      const run = applyPipelines(rule, opts.pipelines, opts.env ?? DEFAULT_ENV)
      diagnostics.push(...run.diagnostics)
      if (run.doc.kind !== 'rule') throw new Error('a pipeline turned a rule into a correlation')
      prepared = run.doc
    } catch (e) {
      const d = e instanceof SigmaError ? e.diagnostic : error('internal', `internal error while applying pipelines: ${e instanceof Error ? e.message : String(e)}`)
      return { ...head, ok: false, events: [], matched: 0, diagnostics: [...diagnostics, d] }
    }
  }
  const match = ruleMatcher(prepared, opts.format === undefined ? {} : { format: opts.format })
  const results: EventResult[] = []
  events.forEach((ev, i) => {
    const r = match(ev)
    diagnostics.push(...r.diagnostics)
    results.push({ event: i, match: r.match, fired: r.fired })
  })
  return { ...head, ok: true, events: results, matched: results.filter((r) => r.match).length, diagnostics: dedupe(diagnostics) }
}

/** Events are JSON text (one value, an array, NDJSON or concatenated values) or already-parsed values. */
export function testRuleText(ruleText: string, events: string | readonly unknown[], opts: TestOptions = {}): TestOutcome {
  const loaded = loadSigma(ruleText, { ...(opts.file === undefined ? {} : { file: opts.file }), ...(opts.limits ? { limits: opts.limits } : {}) })
  const diagnostics: Diagnostic[] = [...loaded.diagnostics]
  const parsed =
    typeof events === 'string'
      ? parseEvents(events, { ...(opts.eventsFile === undefined ? {} : { file: opts.eventsFile }), ...(opts.maxEvents === undefined ? {} : { maxEvents: opts.maxEvents }) })
      : opts.maxEvents !== undefined && events.length > opts.maxEvents
        ? { events: events.slice(0, opts.maxEvents), diagnostics: [error('input.too_many_events', `more than ${opts.maxEvents} events; the rest are not read`)] }
        : { events, diagnostics: [] }
  diagnostics.push(...parsed.diagnostics)
  const rules: RuleTestResult[] = []
  for (const doc of loaded.documents) {
    if (doc.kind === 'rule') rules.push(testOne(doc, parsed.events, opts))
    else
      diagnostics.push(
        warning('test.not_a_rule', `'${doc.title}' is a ${doc.kind}; only detection rules are tested against events`, opts.file === undefined ? {} : { file: opts.file }),
      )
  }
  return { rules, eventCount: parsed.events.length, diagnostics }
}
