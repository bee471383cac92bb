/**
 * The reference evaluator: does a rule match an event? It runs the Expr tree of `ruleExprs` — exactly what
 * the backends translate, after any pipelines — so a rule and its queries can be checked against real
 * events. Pure: events are not changed; what cannot be evaluated is returned as diagnostics.
 */
import { error, SigmaError, type Diagnostic } from '../diagnostics.js'
import type { Expr } from '../ir/expr.js'
import { assertNever } from '../ir/expr.js'
import type { Detection, SigmaRule, SourcePos } from '../ir/rule.js'
import { ruleExprs } from '../sigma/resolve.js'
import { valueText } from './describe.js'
import { eventView, type EventFormat, type EventView } from './event.js'
import { matchField, matchKeyword, type Hit, type MatchContext } from './match-value.js'

/** One detection item value that matched and made the rule match. */
export interface FiredItem {
  /** The search identifier the item belongs to (absent for items a pipeline added without a position). */
  readonly detection?: string
  /** The field (after pipelines); null for a keyword. */
  readonly field: string | null
  /** The item's modifiers as written. */
  readonly modifiers?: readonly string[]
  /** The rule value that matched, as Sigma-like text (`*\\sc.exe`, `/re/i`, `10.0.0.0/8`). */
  readonly value: string
  /** The event value it matched (absent for `exists`). */
  readonly matched?: string | number | boolean | null
  readonly line?: number
  readonly column?: number
}

export interface EvalResult {
  readonly match: boolean
  readonly fired: readonly FiredItem[]
  /** What could not be evaluated (e.g. a regex RE2 cannot run); such a value never matches. */
  readonly diagnostics: readonly Diagnostic[]
}

export interface EvalOptions {
  /** How to read the event: by default a Windows export is recognised by its `Event.System` shape. */
  readonly format?: EventFormat
}

interface ItemInfo {
  readonly detection: string
  readonly modifiers: readonly string[]
}

const posKey = (p: SourcePos): string => `${p.line}:${p.column}`

/** Search identifier and modifiers of every positioned detection item, to label the fired leaves. */
function itemIndex(rule: SigmaRule): Map<string, ItemInfo> {
  const index = new Map<string, ItemInfo>()
  const walk = (d: Detection, name: string): void => {
    for (const it of d.items) {
      if (it.kind === 'detection') walk(it, name)
      else if (it.pos) index.set(posKey(it.pos), { detection: name, modifiers: it.modifiers })
    }
  }
  for (const [name, d] of Object.entries(rule.detections)) walk(d, name)
  return index
}

interface Node {
  readonly ok: boolean
  readonly fired: readonly FiredItem[]
}

const FALSE: Node = { ok: false, fired: [] }

function scalar(x: unknown): FiredItem['matched'] {
  if (x === null || typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') return x
  return undefined
}

function fired(e: Extract<Expr, { kind: 'field' | 'keyword' }>, hit: Hit, index: ReadonlyMap<string, ItemInfo>): FiredItem {
  const info = e.pos ? index.get(posKey(e.pos)) : undefined
  const matched = hit.value.type === 'exists' ? undefined : scalar(hit.matched)
  return {
    ...(info ? { detection: info.detection, modifiers: info.modifiers } : {}),
    field: e.kind === 'field' ? e.field : null,
    value: valueText(hit.value),
    ...(matched === undefined ? {} : { matched }),
    ...(e.pos ? { line: e.pos.line, column: e.pos.column } : {}),
  }
}

interface Env {
  readonly index: ReadonlyMap<string, ItemInfo>
  /** The match context of a leaf at this position (its problems carry the position). */
  readonly at: (p?: SourcePos) => MatchContext
}

function evalNode(e: Expr, env: Env): Node {
  switch (e.kind) {
    case 'and': {
      const out: FiredItem[] = []
      for (const a of e.args) {
        const r = evalNode(a, env)
        if (!r.ok) return FALSE
        out.push(...r.fired)
      }
      return { ok: true, fired: out }
    }
    case 'or': {
      // No short-circuit: every alternative that matched is reported.
      let ok = false
      const out: FiredItem[] = []
      for (const a of e.args) {
        const r = evalNode(a, env)
        if (r.ok) {
          ok = true
          out.push(...r.fired)
        }
      }
      return ok ? { ok, fired: out } : FALSE
    }
    case 'not':
      // What matched under a NOT is why the rule did not match; it is not reported as fired.
      return { ok: !evalNode(e.arg, env).ok, fired: [] }
    case 'field': {
      const hit = matchField(e.field, e.value, env.at(e.pos))
      return hit ? { ok: true, fired: [fired(e, hit, env.index)] } : FALSE
    }
    case 'keyword': {
      const hit = matchKeyword(e.value, env.at(e.pos))
      return hit ? { ok: true, fired: [fired(e, hit, env.index)] } : FALSE
    }
    default:
      return assertNever(e)
  }
}

function run(exprs: readonly (Expr | null)[], event: EventView, index: ReadonlyMap<string, ItemInfo>, file?: string): EvalResult {
  const diagnostics = new Map<string, Diagnostic>()
  const at = (p?: SourcePos): MatchContext => ({
    event,
    problem: (code, message) => {
      const d = error(code, message, { ...(file === undefined ? {} : { file }), ...(p ? { line: p.line, column: p.column } : {}) })
      diagnostics.set(`${code}\u0000${message}\u0000${p ? posKey(p) : ''}`, d)
    },
  })
  let match = false
  const out: FiredItem[] = []
  // Several conditions are OR-linked (SIGMA-NOTES §2.1); an emptied condition matches nothing.
  for (const e of exprs) {
    if (e === null) continue
    const r = evalNode(e, { index, at })
    if (r.ok) {
      match = true
      out.push(...r.fired)
    }
  }
  return { match, fired: out, diagnostics: [...diagnostics.values()] }
}

/** A rule prepared once for many events: the returned function evaluates one event. */
export function ruleMatcher(rule: SigmaRule, opts: EvalOptions = {}): (event: unknown) => EvalResult {
  const file = rule.source.file
  let exprs: (Expr | null)[]
  try {
    exprs = ruleExprs(rule)
  } catch (e) {
    if (!(e instanceof SigmaError)) throw e
    const failed: EvalResult = { match: false, fired: [], diagnostics: [{ ...e.diagnostic, ...(file === undefined || e.diagnostic.file ? {} : { file }) }] }
    return () => failed
  }
  const index = itemIndex(rule)
  return (event) => run(exprs, eventView(event, opts.format), index, file)
}

/** Does the rule (after any pipelines) match the event, and which detection items fired? */
export function evaluateRule(rule: SigmaRule, event: unknown, opts: EvalOptions = {}): EvalResult {
  return ruleMatcher(rule, opts)(event)
}

/** One Expr (e.g. from `ruleExprs`) against an event. */
export function evaluateExpr(expr: Expr, event: unknown, opts: EvalOptions = {}): EvalResult {
  return run([expr], eventView(event, opts.format), new Map())
}
