/** Output finalizers (pySigma sigma/processing/finalization.py). */
import { stringify } from 'yaml'
import { fail } from '../diagnostics.js'
import { compileJinja } from './jinja.js'
import { ConfigError, checkKeys, isRecord, optBool, optStr, reqStr, type Params } from './params.js'
import { checkTemplateSource } from './postprocess.js'
import { pyJsonDumps } from './pyjson.js'
import { pyStr, TemplateError } from './template.js'
import type { Finalizer } from './types.js'

export type FinalizerFactory = (p: Params) => Finalizer

function optInt(p: Params, key: string, what: string): number | undefined {
  const v = p[key]
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new ConfigError(`${what}: '${key}' must be a non-negative integer`, key)
  return v
}

const concat: FinalizerFactory = (p) => {
  checkKeys(p, ['separator', 'prefix', 'suffix'], 'concat finalizer')
  const sep = optStr(p, 'separator', 'concat finalizer') ?? '\n'
  const prefix = optStr(p, 'prefix', 'concat finalizer') ?? ''
  const suffix = optStr(p, 'suffix', 'concat finalizer') ?? ''
  return {
    type: 'concat',
    apply: (out) => {
      if (!Array.isArray(out) || !out.every((x) => typeof x === 'string'))
        return fail('pipeline.finalizer', 'concat finalizer needs a list of string queries')
      return prefix + out.join(sep) + suffix
    },
  }
}

const json: FinalizerFactory = (p) => {
  checkKeys(p, ['indent'], 'json finalizer')
  const indent = optInt(p, 'indent', 'json finalizer')
  return { type: 'json', apply: (out) => pyJsonDumps(out, indent) }
}

const yaml: FinalizerFactory = (p) => {
  checkKeys(p, ['indent'], 'yaml finalizer')
  const indent = optInt(p, 'indent', 'yaml finalizer') ?? 2
  // PyYAML's safe_dump layout is approximated (block style, 80 columns).
  return { type: 'yaml', apply: (out) => stringify(out, { indent: Math.max(indent, 2), lineWidth: 80 }) }
}

const template: FinalizerFactory = (p) => {
  checkKeys(p, ['template', 'path', 'autoescape', 'vars'], 'template finalizer')
  checkTemplateSource(p, 'template finalizer')
  let t: ReturnType<typeof compileJinja>
  try {
    t = compileJinja(reqStr(p, 'template', 'template finalizer'), optBool(p, 'autoescape', 'template finalizer', false))
  } catch (e) {
    throw new ConfigError(`template finalizer: ${e instanceof Error ? e.message : String(e)}`, 'template')
  }
  return {
    type: 'template',
    apply: (out, cx) => {
      try {
        return t({ queries: out, pipeline: { vars: cx.vars, state: {} } })
      } catch (e) {
        if (e instanceof TemplateError) return fail('pipeline.template', `template finalizer: ${e.message}`)
        throw e
      }
    },
  }
}

const nested: FinalizerFactory = (p) => {
  checkKeys(p, ['finalizers'], 'nested finalizer')
  if (!Array.isArray(p.finalizers)) throw new ConfigError("Nested finalizer requires a 'finalizers' key.", 'finalizers')
  const fs = p.finalizers.map((d: unknown) => compileFinalizer(d))
  return { type: 'nested', apply: (out, cx) => fs.reduce((o, f) => f.apply(o, cx), out) }
}

export const FINALIZERS: Readonly<Record<string, FinalizerFactory>> = { concat, json, yaml, template, nested }

/** A finalizer definition (`type` plus parameters; security-relevant keys are stripped like pySigma). */
export function compileFinalizer(def: unknown): Finalizer {
  if (!isRecord(def)) throw new ConfigError('Finalizer definition must be a mapping')
  const { type, allow_template_vars: _a, vars_allowed_paths: _b, allow_external_sources: _c, ...params } = def
  if (type === undefined) throw new ConfigError("Finalizer type must be specified in 'type' attribute", 'type')
  const f = typeof type === 'string' ? FINALIZERS[type] : undefined
  if (!f) throw new ConfigError(`Finalizer '${pyStr(type)}' is unknown`, 'type')
  return f(params)
}
