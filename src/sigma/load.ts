/**
 * Sigma YAML text → typed SigmaDocuments + positioned diagnostics. Pure (no fs): the CLI/server read files.
 * Kind by content (SIGMA-NOTES §1.1): `action` → collection directive, `correlation`, `filter`, else rule.
 * Collections (§1.6) follow pySigma `SigmaCollection.from_dicts`, including its merge order.
 * A broken document never stops the others: every document that loads is returned.
 */
import { error, type Diagnostic } from '../diagnostics.js'
import type { SigmaDocument } from '../ir/rule.js'
import { isPlainMap, whereIs, type DocContext } from './detection.js'
import { buildCorrelation } from './doc-correlation.js'
import { buildFilter } from './doc-filter.js'
import type { Built } from './doc-meta.js'
import { buildRule } from './doc-rule.js'
import { DEFAULT_LIMITS, parseYaml, parseYamlFully, type LoadLimits, type YamlSource } from './yaml.js'

export { DEFAULT_LIMITS, type LoadLimits } from './yaml.js'

export interface LoadOptions {
  file?: string
  limits?: Partial<LoadLimits>
  /** Always use the full positioned `yaml` parser, never the fast path (tests compare the two). */
  fullYaml?: boolean
}

export interface LoadResult {
  documents: SigmaDocument[]
  diagnostics: Diagnostic[]
}

type Raw = Record<string, unknown>

/** A document's content with the YAML documents it came from, winners first (for positions). */
interface Entry {
  readonly value: Raw
  readonly sources: readonly YamlSource[]
}

const EMPTY: Entry = { value: {}, sources: [] }

/** pySigma `deep_dict_update`: maps merge recursively, anything else from `src` replaces `dest`. Returns a new object. */
export function deepMerge(dest: Raw, src: Raw): Raw {
  const out: Raw = { ...dest }
  for (const [k, v] of Object.entries(src)) {
    const d = out[k]
    out[k] = isPlainMap(v) ? deepMerge(isPlainMap(d) ? d : {}, v) : v
  }
  return out
}

export function loadSigma(text: string, opts: LoadOptions = {}): LoadResult {
  const limits: LoadLimits = { ...DEFAULT_LIMITS, ...opts.limits }
  const file = opts.file
  const parsed = opts.fullYaml === true ? parseYamlFully(text, file, limits) : parseYaml(text, file, limits)
  const diagnostics: Diagnostic[] = [...parsed.diagnostics]
  const documents: SigmaDocument[] = []
  const ctxOf = (sources: readonly YamlSource[]): DocContext => ({ ...(file === undefined ? {} : { file }), sources })
  const take = (r: Built<SigmaDocument>): void => {
    diagnostics.push(...r.diagnostics)
    if (r.value) documents.push(r.value)
  }

  let global: Entry = EMPTY
  let prev: Entry = EMPTY
  // pySigma quirk kept on purpose: after `action: global`, `prev` *is* the global template, so a following
  // `action: repeat` updates the template in place and later rules inherit the repeat's keys too.
  let prevIsGlobal = false

  for (const doc of parsed.documents) {
    if (doc.value === null) continue // empty document, e.g. a trailing `---`
    const ctx = ctxOf([doc.source])
    if (!isPlainMap(doc.value)) {
      diagnostics.push(error('rule.invalid_document', 'a Sigma document must be a YAML map', whereIs(ctx, [])))
      continue
    }
    const value = doc.value
    if (!Object.hasOwn(value, 'action')) {
      if (Object.hasOwn(value, 'correlation')) take(buildCorrelation(value, ctx, doc.index))
      else if (Object.hasOwn(value, 'filter')) take(buildFilter(value, ctx, doc.index))
      else {
        const merged: Entry = { value: deepMerge(value, global.value), sources: [...global.sources, doc.source] }
        take(buildRule(merged.value, ctxOf(merged.sources), doc.index))
        prev = merged
        prevIsGlobal = false
      }
      continue
    }
    switch (value['action']) {
      case 'global': {
        const { action: _, ...template } = value
        global = { value: template, sources: [doc.source] }
        prev = global
        prevIsGlobal = true
        break
      }
      case 'reset':
        global = EMPTY
        break
      case 'repeat': {
        prev = { value: deepMerge(prev.value, value), sources: [doc.source, ...prev.sources] }
        if (prevIsGlobal) global = prev
        take(buildRule(prev.value, ctxOf(prev.sources), doc.index))
        break
      }
      default:
        diagnostics.push(error('collection.action', `unknown collection action '${String(value['action'])}'; expected global, reset or repeat`, whereIs(ctx, ['action'], 'value')))
    }
  }
  return { documents, diagnostics }
}

/** Several files at once (no fs: the caller reads them). Documents and diagnostics in file order. */
export function loadSigmaFiles(files: readonly { path: string; text: string }[], limits?: Partial<LoadLimits>): LoadResult {
  const documents: SigmaDocument[] = []
  const diagnostics: Diagnostic[] = []
  for (const f of files) {
    const r = loadSigma(f.text, { file: f.path, ...(limits ? { limits } : {}) })
    documents.push(...r.documents)
    diagnostics.push(...r.diagnostics)
  }
  return { documents, diagnostics }
}
