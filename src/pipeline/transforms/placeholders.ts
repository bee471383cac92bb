/** Placeholder resolution (pySigma transformations/placeholder.py; external sources stay disabled). */
import { ANY, type StrPart, type StrValue } from '../../ir/value.js'
import { fail } from '../../diagnostics.js'
import { ConfigError, checkKeys, isRecord, optStrList, type Params } from '../params.js'
import type { Transformation } from '../types.js'
import { pyNumStr, sigmaStr, strValue } from '../values.js'
import { valueTransform } from './base.js'

type Filter = (name: string) => boolean

function includeExclude(p: Params, what: string): Filter {
  const include = optStrList(p, 'include', what)
  const exclude = optStrList(p, 'exclude', what)
  if (include && exclude) throw new ConfigError('Placeholder transformation include and exclude lists can only be used exclusively!', 'exclude')
  return (name) => (include ? include.includes(name) : exclude ? !exclude.includes(name) : true)
}

const phName = (p: StrPart): string | undefined => (typeof p !== 'string' && 'placeholder' in p ? p.placeholder : undefined)

/** pySigma SigmaString.replace_placeholders: every combination of the replacements, left to right. */
export function replacePlaceholders(parts: readonly StrPart[], cb: (name: string) => readonly (readonly StrPart[])[]): StrPart[][] {
  const i = parts.findIndex((p) => phName(p) !== undefined)
  if (i < 0) return [[...parts]]
  const prefix = parts.slice(0, i)
  const suffixes = replacePlaceholders(parts.slice(i + 1), cb)
  return cb(phName(parts[i] as StrPart) as string).flatMap((rep) => suffixes.map((suf) => [...prefix, ...rep, ...suf]))
}

function placeholderTransform(type: string, p: Params, extra: readonly string[], replace: (name: string, vars: Readonly<Record<string, unknown>>) => readonly (readonly StrPart[])[]): Transformation {
  checkKeys(p, ['include', 'exclude', ...extra], type)
  const handled = includeExclude(p, type)
  return valueTransform(type, (_f, v, cx) => {
    if (v.type !== 'str' || !v.parts.some((x) => phName(x) !== undefined && handled(phName(x) as string))) return null
    const cb = (name: string): readonly (readonly StrPart[])[] => (handled(name) ? replace(name, cx.run.vars) : [[{ placeholder: name }]])
    return replacePlaceholders(v.parts, cb).map((parts): StrValue => strValue(parts, v.cased))
  })
}

export const wildcardPlaceholders = (p: Params): Transformation => placeholderTransform('wildcard_placeholders', p, [], () => [[ANY]])

export const valuePlaceholders = (p: Params): Transformation =>
  placeholderTransform('value_placeholders', p, [], (name, vars) => {
    if (!(name in vars)) return fail('pipeline.placeholder', `Placeholder replacement variable '${name}' doesn't exists.`, { key: name })
    const raw = vars[name]
    const list = Array.isArray(raw) ? raw : [raw]
    return list.map((x: unknown) => {
      if (typeof x === 'string') return sigmaStr(x).parts
      if (typeof x === 'number') return sigmaStr(pyNumStr(x)).parts
      if (typeof x === 'boolean') return sigmaStr(x ? 'True' : 'False').parts
      return fail('pipeline.placeholder', `Replacement variable '${name}' contains value which is not a string or number.`, { key: name })
    })
  })

export function queryExpressionPlaceholders(p: Params): Transformation {
  const type = 'query_expression_placeholders'
  checkKeys(p, ['include', 'exclude', 'expression', 'mapping'], type)
  const handled = includeExclude(p, type)
  const expression = p.expression ?? ''
  if (typeof expression !== 'string') throw new ConfigError(`${type}: 'expression' must be a string`, 'expression')
  const mapping = p.mapping ?? {}
  if (!isRecord(mapping) || !Object.values(mapping).every((x) => typeof x === 'string'))
    throw new ConfigError(`${type}: 'mapping' must map placeholder names to strings`, 'mapping')
  return valueTransform(type, (_f, v) => {
    if (v.type !== 'str' || !v.parts.some((x) => phName(x) !== undefined)) return null
    const only = v.parts.length === 1 ? phName(v.parts[0] as StrPart) : undefined
    if (only === undefined) return fail('pipeline.placeholder', 'Placeholder query expression transformation only allows placeholder-only strings.')
    if (!handled(only)) return null
    const id = mapping[only]
    return { type: 'query', expression, id: typeof id === 'string' && id !== '' ? id : only }
  })
}

const EXTERNAL_DISABLED =
  'External data source transformations are disabled by default for security reasons. Enable them with allow_external_sources=True when loading the pipeline or by setting the environment variable PYSIGMA_ALLOW_EXTERNAL_SOURCES=1.'

/** file/http/command placeholders: accepted for compatibility, fail as soon as they would fetch anything. */
export const externalPlaceholders =
  (type: string) =>
  (p: Params): Transformation => {
    const handled = includeExclude(p, type)
    return valueTransform(type, (_f, v) => {
      if (v.type === 'str' && v.parts.some((x) => phName(x) !== undefined && handled(phName(x) as string)))
        fail('pipeline.external_disabled', `${type}: ${EXTERNAL_DISABLED} (sigmaport never reads files, URLs or commands from pipelines)`)
      return null
    })
  }
