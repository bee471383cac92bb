/** Shapes of batch conversion results: serialisable (they cross worker threads) and independent of the backend. */
import type { Diagnostic } from '../diagnostics.js'
import type { SigmaDocument } from '../ir/rule.js'

/** A rule file's text, as read by the caller. */
export interface SourceText {
  readonly file: string
  readonly text: string
}

/** The converted (or refused) result of one Sigma document. */
export interface DocumentResult {
  readonly file: string
  /** 0-based index of the YAML document in its file. */
  readonly document: number
  readonly kind: SigmaDocument['kind']
  readonly id?: string
  readonly name?: string
  readonly title: string
  readonly ok: boolean
  /** One query (or API body) per condition, formatted with the converter's output format. */
  readonly queries: readonly (string | object)[]
  readonly diagnostics: readonly Diagnostic[]
}

/** Everything about one input file: problems reading or loading it, and the results of its documents in order. */
export interface FileResult {
  readonly file: string
  /** Read and load problems (`input.*`, `yaml.*`, `rule.*`, …); errors here mean some documents were not loaded. */
  readonly diagnostics: readonly Diagnostic[]
  readonly results: readonly DocumentResult[]
}

/** What a loaded file tells the coordinator: its problems and the documents other files may depend on. */
export interface FileLoad {
  readonly file: string
  readonly diagnostics: readonly Diagnostic[]
  /** Correlations and filters in full: they are converted/applied across files. */
  readonly linked: readonly SigmaDocument[]
  /** Ids and names of the rules in the file (a correlation may reference them). */
  readonly ruleKeys: readonly (readonly [id: string | undefined, name: string | undefined])[]
}

/** What every worker needs to convert the rules it holds exactly as a whole-set conversion would. */
export interface ConvertPlan {
  /** Every filter of the set, in set order (the order names their private prefixes). */
  readonly filters: readonly SigmaDocument[]
  /** Ids/names referenced by correlations: such rules are converted with their correlations instead. */
  readonly referenced: readonly string[]
}

/** A worker's answer to a plan: results of the rules it converted, and referenced rules handed back in full. */
export interface ConvertedPart {
  readonly results: readonly DocumentResult[]
  readonly held: readonly SigmaDocument[]
}

export type Progress = { readonly phase: 'load' | 'convert'; readonly done: number; readonly total: number }
