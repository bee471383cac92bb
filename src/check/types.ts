/** Rule validation (`sigmaport check`): validators, their findings and the checked set. Browser-safe. */
import type { YamlPath } from '../sigma/yaml-path.js'
import type { SourcePos, SigmaCorrelation, SigmaRule } from '../ir/rule.js'

/** pySigma's issue severities; `error` is a document that could not be loaded at all. */
export type CheckSeverity = 'error' | 'high' | 'medium' | 'low'

export const SEVERITY_ORDER: readonly CheckSeverity[] = ['low', 'medium', 'high', 'error']

export type CheckedDoc = SigmaRule | SigmaCorrelation

/** What a validator reports; the runner adds the validator id, severity, file and position. */
export interface Issue {
  readonly doc: CheckedDoc
  readonly message: string
  /** Key path of the offending node (positions are looked up from it), e.g. `['tags', 2]`. */
  readonly path?: YamlPath
  /** Point at the key of `path` instead of its value (default: the value). */
  readonly part?: 'key' | 'value'
  /** A position known already (detection items carry theirs). */
  readonly pos?: SourcePos
}

export interface Validator {
  /** pySigma's identifier where pySigma has the validator (`identifier_uniqueness`, `attacktag`, …). */
  readonly id: string
  readonly severity: Exclude<CheckSeverity, 'error'>
  readonly description: string
  /** Where the check comes from: `pySigma` (same semantics as its core validator) or `sigmaport`. */
  readonly origin: 'pySigma' | 'sigmaport'
  /** Off unless enabled explicitly (pySigma's TLP v1/v2 variants, conventions some rule sets do not follow). */
  readonly optIn?: boolean
  /** Issues of one document. */
  readonly rule?: (doc: CheckedDoc, text: string | undefined) => readonly Issue[]
  /** Issues across the whole set (uniqueness, references). */
  readonly set?: (docs: readonly CheckedDoc[]) => readonly Issue[]
}

export interface Finding {
  readonly validator: string
  readonly severity: CheckSeverity
  readonly message: string
  readonly file?: string
  readonly line?: number
  readonly column?: number
  readonly key?: string
  readonly ruleId?: string
  readonly title?: string
}
