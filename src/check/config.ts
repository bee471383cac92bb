/**
 * Which validators run, and per-rule exclusions. The file format is sigma-cli's validation config
 * (`sigma check --validation-config`), so SigmaHQ's tests/sigma_cli_conf.yml works as is:
 *
 *   validators: [all, -tlptag, +tlpv2_tag]      # 'all' = every default validator; -x disables, x or +x enables
 *   exclusions:                                 # rule id → validator id or list of them
 *     5c84856b-55a5-45f1-826f-13f37250cf4e: number_as_string
 */
import { z } from 'zod'
import { parse } from 'yaml'
import { error } from '../diagnostics.js'
import type { Diagnostic } from '../diagnostics.js'
import { VALIDATORS, findValidator } from './registry.js'
import type { Validator } from './types.js'

export interface CheckConfig {
  readonly validators: readonly Validator[]
  /** Lower-case rule id → validator ids not reported for that rule. */
  readonly exclusions: ReadonlyMap<string, ReadonlySet<string>>
}

const fileSchema = z.strictObject({
  validators: z.array(z.string()).optional(),
  exclusions: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
})

export type ConfigResult = { readonly ok: true; readonly config: CheckConfig } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] }

/** `specs` are applied in order: `all`, `none`, `id`/`+id` (enable), `-id` (disable). */
export function resolveConfig(specs: readonly string[], exclusions: Readonly<Record<string, string | readonly string[]>> = {}, file?: string): ConfigResult {
  const problems: Diagnostic[] = []
  const unknown = (id: string): void => void problems.push(error('config.validator', `unknown validator '${id}' (see 'sigmaport check --list')`, file === undefined ? {} : { file }))
  let on = new Set(VALIDATORS.filter((v) => v.optIn !== true).map((v) => v.id))
  for (const raw of specs) {
    const spec = raw.trim()
    if (spec === 'all') on = new Set([...on, ...VALIDATORS.filter((v) => v.optIn !== true).map((v) => v.id)])
    else if (spec === 'none') on = new Set()
    else {
      const off = spec.startsWith('-')
      const id = spec.replace(/^[+-]/, '')
      if (findValidator(id) === undefined) unknown(id)
      else if (off) on.delete(id)
      else on.add(id)
    }
  }
  const ex = new Map<string, Set<string>>()
  for (const [rule, ids] of Object.entries(exclusions)) {
    for (const id of typeof ids === 'string' ? [ids] : ids) {
      if (findValidator(id) === undefined) unknown(id)
      ex.set(rule.toLowerCase(), (ex.get(rule.toLowerCase()) ?? new Set()).add(id))
    }
  }
  if (problems.length > 0) return { ok: false, diagnostics: problems }
  return { ok: true, config: { validators: VALIDATORS.filter((v) => on.has(v.id)), exclusions: ex } }
}

/** A config file (YAML or JSON) plus command-line `--validator` specs and `--exclude id:validator` pairs, applied after it. */
export function loadConfig(text: string | undefined, file: string | undefined, specs: readonly string[], excludes: readonly string[]): ConfigResult {
  let fromFile: z.output<typeof fileSchema> = {}
  if (text !== undefined) {
    let raw: unknown
    try {
      raw = parse(text, { maxAliasCount: 0, logLevel: 'error' })
    } catch (e) {
      return { ok: false, diagnostics: [error('config.check', `the validation config is not valid YAML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, file === undefined ? {} : { file })] }
    }
    const r = fileSchema.safeParse(raw ?? {})
    if (!r.success) {
      return { ok: false, diagnostics: r.error.issues.map((i) => error('config.check', `validation config: ${i.message}`, { ...(file === undefined ? {} : { file }), key: i.path.map(String).join('.') })) }
    }
    fromFile = r.data
  }
  const pairs: Record<string, string[]> = {}
  for (const [k, v] of Object.entries(fromFile.exclusions ?? {})) pairs[k] = typeof v === 'string' ? [v] : [...v]
  for (const e of excludes) {
    const i = e.indexOf(':')
    if (i <= 0) return { ok: false, diagnostics: [error('config.check', `--exclude '${e}' is not of the form RULE_ID:VALIDATOR`)] }
    pairs[e.slice(0, i)] = [...(pairs[e.slice(0, i)] ?? []), e.slice(i + 1)]
  }
  return resolveConfig([...(fromFile.validators ?? []), ...specs], pairs, file)
}
