/**
 * Compiles pySigma pipeline definitions (YAML text or plain objects) into immutable Pipelines.
 * Every problem becomes a Diagnostic pointing at the offending key; nothing is thrown.
 */
import { error, warning, type Diagnostic } from '../diagnostics.js'
import { compileCondSets, CONDITION_KEYS } from './conditions/compile.js'
import { compileFinalizer } from './finalize.js'
import { ConfigError, isRecord } from './params.js'
import { POSTPROCESSING } from './postprocess.js'
import { EXTERNAL_TYPES, transformationFactory } from './transforms/index.js'
import type { Finalizer, Pipeline, PostprocessingItem, ProcessingItem } from './types.js'
import { noPositions, parsePipelineYaml, type PosLookup } from './yaml-source.js'

export { registerTransformation } from './transforms/index.js'

const TOP_KEYS = ['vars', 'transformations', 'postprocessing', 'finalizers', 'priority', 'name', 'allowed_backends']
const NOT_PARAMS = new Set([...CONDITION_KEYS, 'type', 'id', 'allow_template_vars', 'vars_allowed_paths', 'allow_external_sources'])

/** Raised after a nested problem was already reported, so callers do not report it twice. */
class Reported extends Error {}

interface Compiler {
  readonly diagnostics: Diagnostic[]
  readonly pos: PosLookup
  readonly file?: string
}

function report(c: Compiler, e: unknown, container: object, path: string, severity: 'error' | 'warning' = 'error'): void {
  if (e instanceof Reported) return
  const key = e instanceof ConfigError ? e.key : undefined
  const p = c.pos(container, key)
  const at = {
    ...(c.file ? { file: c.file } : {}),
    ...(p ? { line: p.line, column: p.column } : {}),
    key: key ? `${path}.${key}` : path,
  }
  const msg = e instanceof Error ? e.message : String(e)
  if (!(e instanceof ConfigError)) throw e
  c.diagnostics.push(severity === 'error' ? error('pipeline.config', msg, at) : warning('pipeline.config', msg, at))
}

function compileItem(c: Compiler, def: unknown, path: string, id: string): ProcessingItem {
  if (!isRecord(def)) throw new ConfigError('a processing item must be a mapping')
  const type = def.type
  if (type === undefined) throw new ConfigError('Missing transformation type', 'type')
  const factory = typeof type === 'string' ? transformationFactory(type) : undefined
  if (!factory) throw new ConfigError(`Unknown transformation type '${String(type)}'`, 'type')
  if (def.id !== undefined && typeof def.id !== 'string') throw new ConfigError("'id' must be a string", 'id')
  const itemId = typeof def.id === 'string' && def.id !== '' ? def.id : id
  const params = Object.fromEntries(Object.entries(def).filter(([k]) => !NOT_PARAMS.has(k)))
  if (EXTERNAL_TYPES.has(type as string))
    report(c, new ConfigError(`${String(type)} is disabled for security reasons: values from files, URLs or commands are never read`, 'type'), def, path, 'warning')
  const transformation = factory(params, {
    fail: (message, key) => {
      throw new ConfigError(message, key)
    },
    compileItem: (sub, i) => {
      const subPath = `${path}.items[${i}]`
      const items = def.items as object
      try {
        return compileItem(c, sub, subPath, `${itemId}.${i + 1}`)
      } catch (e) {
        report(c, e, isRecord(sub) ? sub : items, subPath)
        throw new Reported()
      }
    },
  })
  const conds = compileCondSets(def, ['rule', 'detection_item', 'field_name'])
  return {
    id: itemId,
    explicitId: itemId === def.id,
    transformation,
    ruleConditions: conds.rule,
    detectionItemConditions: conds.detection_item,
    fieldNameConditions: conds.field_name,
  }
}

function compilePostItem(c: Compiler, def: unknown, path: string, id: string): PostprocessingItem {
  if (!isRecord(def)) throw new ConfigError('a postprocessing item must be a mapping')
  const type = def.type
  if (type === undefined) throw new ConfigError('Missing transformation type', 'type')
  const factory = typeof type === 'string' ? POSTPROCESSING[type] : undefined
  if (!factory) throw new ConfigError(`Unknown transformation type '${String(type)}'`, 'type')
  for (const k of Object.keys(def))
    if (/^(detection_item|field_name)_cond/.test(k))
      report(c, new ConfigError(`'${k}' has no effect on postprocessing items`, k), def, path, 'warning')
  const params = Object.fromEntries(Object.entries(def).filter(([k]) => !NOT_PARAMS.has(k)))
  const itemId = typeof def.id === 'string' && def.id !== '' ? def.id : id
  const transformation = factory(params, (sub, i) => {
    const subPath = `${path}.items[${i}]`
    try {
      return compilePostItem(c, sub, subPath, `${itemId}.${i + 1}`)
    } catch (e) {
      report(c, e, isRecord(sub) ? sub : def, subPath)
      throw new Reported()
    }
  })
  return { id: itemId, transformation, ruleConditions: compileCondSets(def, ['rule']).rule }
}

function compileList<T>(c: Compiler, top: Readonly<Record<string, unknown>>, key: string, f: (def: unknown, path: string, i: number) => T): T[] {
  const list = top[key]
  if (list === undefined || list === null) return []
  if (!Array.isArray(list)) {
    report(c, new ConfigError(`'${key}' must be a list`, key), top, '')
    return []
  }
  const out: T[] = []
  list.forEach((def: unknown, i) => {
    const path = `${key}[${i}]`
    try {
      out.push(f(def, path, i))
    } catch (e) {
      report(c, e, isRecord(def) ? def : list, path)
    }
  })
  return out
}

function compile(def: unknown, name: string, file: string | undefined, pos: PosLookup): { pipeline?: Pipeline; diagnostics: Diagnostic[] } {
  const c: Compiler = { diagnostics: [], pos, ...(file ? { file } : {}) }
  if (!isRecord(def)) {
    return { diagnostics: [error('pipeline.config', 'a processing pipeline must be a mapping', file ? { file } : {})] }
  }
  for (const k of Object.keys(def))
    if (!TOP_KEYS.includes(k)) report(c, new ConfigError(`Unknown key '${k}' (allowed: ${TOP_KEYS.join(', ')})`, k), def, '')
  const pname = typeof def.name === 'string' ? def.name : name
  if (def.name !== undefined && def.name !== null && typeof def.name !== 'string') report(c, new ConfigError("'name' must be a string", 'name'), def, '')
  const priority = def.priority ?? 0
  if (typeof priority !== 'number' || !Number.isFinite(priority)) report(c, new ConfigError("'priority' must be a number", 'priority'), def, '')
  const ab = def.allowed_backends ?? []
  if (!Array.isArray(ab) || !ab.every((x) => typeof x === 'string'))
    report(c, new ConfigError("'allowed_backends' must be a list of backend names", 'allowed_backends'), def, '')
  const vars = def.vars ?? {}
  if (!isRecord(vars)) report(c, new ConfigError("'vars' must be a mapping", 'vars'), def, '')
  const items = compileList(c, def, 'transformations', (d, path, i) => compileItem(c, d, path, `${pname}#${i + 1}`))
  const postprocessing = compileList(c, def, 'postprocessing', (d, path, i) => compilePostItem(c, d, path, `${pname}#post${i + 1}`))
  const finalizers = compileList<Finalizer>(c, def, 'finalizers', (d) => compileFinalizer(d))
  if (c.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: c.diagnostics }
  const pipeline: Pipeline = {
    name: pname,
    priority: typeof priority === 'number' ? priority : 0,
    allowedBackends: Array.isArray(ab) ? (ab as string[]) : [],
    vars: isRecord(vars) ? vars : {},
    items,
    postprocessing,
    finalizers,
  }
  return { pipeline, diagnostics: c.diagnostics }
}

/** A pipeline from a parsed definition (same shape as the YAML; NULL_KEY stands for a `null` key). */
export function pipelineFromObject(def: unknown, name: string, file?: string): { pipeline?: Pipeline; diagnostics: Diagnostic[] } {
  return compile(def, name, file, noPositions)
}

/** A pipeline from pySigma pipeline YAML text. */
export function loadPipeline(text: string, file?: string): { pipeline?: Pipeline; diagnostics: Diagnostic[] } {
  const parsed = parsePipelineYaml(text, file)
  if (parsed.diagnostics.length) return { diagnostics: parsed.diagnostics }
  const base = file?.split(/[\\/]/).pop()?.replace(/\.ya?ml$/i, '') ?? 'pipeline'
  return compile(parsed.value, base, file, parsed.pos)
}
