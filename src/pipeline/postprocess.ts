/** Query postprocessing types (pySigma sigma/processing/postprocessing.py). */
import { fail } from '../diagnostics.js'
import { compileFormat, compileJinja } from './jinja.js'
import { ConfigError, checkKeys, optBool, optStr, reqStr, type Params } from './params.js'
import { pyJsonDumps } from './pyjson.js'
import { checkTemplate, compilePy, pySub, PyRegexError } from './pyregex.js'
import { TemplateError } from './template.js'
import type { PostprocessingContext, PostprocessingItem, PostprocessingTransformation } from './types.js'
import { matchRule } from './conditions/match.js'

export type PostprocessingFactory = (p: Params, compileItem: (def: unknown, index: number) => PostprocessingItem) => PostprocessingTransformation

/** What templates see; `custom_attributes` is pySigma's name for `custom`. */
const scope = (query: unknown, cx: PostprocessingContext) => ({
  query,
  rule: { ...cx.doc, custom_attributes: cx.doc.custom },
  pipeline: { state: cx.state, vars: cx.vars },
})

const templateError = (what: string, e: unknown, key = 'template'): never => {
  throw new ConfigError(`${what}: ${e instanceof Error ? e.message : String(e)}`, key)
}

/** `path` and `vars` would read files or run Python; neither is allowed here. */
export function checkTemplateSource(p: Params, what: string): void {
  if (p.path !== undefined && p.path !== null)
    throw new ConfigError(`${what}: templates from files ('path') are not supported; put the template text in 'template'`, 'path')
  if (p.vars !== undefined && p.vars !== null)
    throw new ConfigError(
      `${what}: The 'vars' feature executes Python code from an external file and is disabled for security reasons.`,
      'vars',
    )
}

const runtime = <T>(what: string, f: () => T): T => {
  try {
    return f()
  } catch (e) {
    if (e instanceof TemplateError) return fail('pipeline.template', `${what}: ${e.message}`)
    throw e
  }
}

const embed: PostprocessingFactory = (p) => {
  checkKeys(p, ['prefix', 'suffix'], 'embed')
  const prefix = optStr(p, 'prefix', 'embed') ?? ''
  const suffix = optStr(p, 'suffix', 'embed') ?? ''
  return {
    type: 'embed',
    apply: (q) => (typeof q === 'string' ? prefix + q + suffix : fail('pipeline.postprocessing', 'Query must be a string for EmbedQueryTransformation.')),
  }
}

const simpleTemplate: PostprocessingFactory = (p) => {
  checkKeys(p, ['template'], 'simple_template')
  let t: ReturnType<typeof compileFormat>
  try {
    t = compileFormat(reqStr(p, 'template', 'simple_template'))
  } catch (e) {
    return templateError('simple_template', e)
  }
  return { type: 'simple_template', apply: (q, cx) => runtime('simple_template', () => t(scope(q, cx))) }
}

const template: PostprocessingFactory = (p) => {
  checkKeys(p, ['template', 'path', 'autoescape', 'vars'], 'template')
  checkTemplateSource(p, 'template')
  let t: ReturnType<typeof compileJinja>
  try {
    t = compileJinja(reqStr(p, 'template', 'template'), optBool(p, 'autoescape', 'template', false))
  } catch (e) {
    return templateError('template', e)
  }
  return { type: 'template', apply: (q, cx) => runtime('template', () => t(scope(q, cx))) }
}

const json: PostprocessingFactory = (p) => {
  checkKeys(p, ['json_template'], 'json')
  let parsed: unknown
  try {
    parsed = JSON.parse(reqStr(p, 'json_template', 'json'))
  } catch (e) {
    return templateError('json', e, 'json_template')
  }
  const fill = (v: unknown, q: unknown): unknown =>
    Array.isArray(v)
      ? v.map((x) => fill(x, q))
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x, q)]))
        : v === '%QUERY%'
          ? q
          : v
  return { type: 'json', apply: (q) => pyJsonDumps(fill(parsed, q)) }
}

const replace: PostprocessingFactory = (p) => {
  checkKeys(p, ['pattern', 'replacement'], 'replace')
  const pattern = reqStr(p, 'pattern', 'replace')
  const replacement = reqStr(p, 'replacement', 'replace')
  let re: RegExp
  try {
    re = compilePy(pattern)
    checkTemplate(replacement)
  } catch (e) {
    throw new ConfigError(`Regular expression '${pattern}' is invalid: ${e instanceof PyRegexError ? e.message : String(e)}`, 'pattern')
  }
  return {
    type: 'replace',
    apply: (q) => (typeof q === 'string' ? pySub(re, replacement, q) : fail('pipeline.postprocessing', 'replace postprocessing needs a string query')),
  }
}

const nest: PostprocessingFactory = (p, compileItem) => {
  checkKeys(p, ['items'], 'nest')
  if (!Array.isArray(p.items)) throw new ConfigError("Nested post-processing transformation requires an 'items' key.", 'items')
  const items = p.items.map((d: unknown, i: number) => compileItem(d, i))
  return { type: 'nest', apply: (q, cx) => runPostprocessing(q, items, cx) }
}

export const POSTPROCESSING: Readonly<Record<string, PostprocessingFactory>> = {
  embed,
  simple_template: simpleTemplate,
  template,
  json,
  replace,
  nest,
}

/** Postprocessing item conditions only see the document and the run's final state. */
export function runPostprocessing(query: string | object, items: readonly PostprocessingItem[], cx: PostprocessingContext): string | object {
  const run = {
    vars: cx.vars,
    state: { ...cx.state },
    ruleApplied: new Set(cx.doc.kind === 'rule' ? cx.doc.applied : []),
    fieldApplied: new Map(),
    mappings: { forward: new Map(), targets: new Map() },
    env: { backend: '', format: '', options: {} },
  }
  let q = query
  for (const item of items) if (matchRule(item, cx.doc, run)) q = item.transformation.apply(q, cx)
  return q
}
