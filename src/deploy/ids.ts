/**
 * Stable identity of a deployed rule: deploying the same Sigma rule twice must update, not duplicate.
 * The id is a UUIDv5 in a fixed namespace, named after the Sigma id (lower-cased) — so it never changes while
 * the Sigma id does not, and a second condition of the same rule (`#1`, `#2`…) gets its own id. A rule without
 * an id is named after its title, file and document index instead; that id changes when the rule is renamed
 * or moved, which is why such rules also get a warning.
 */
import type { RuleMeta } from '../ir/rule.js'
import { uuidV5 } from './uuid.js'

/** uuidV5(URL namespace, 'urn:sigmaport:deployed-rule'); never change it, every deployed id depends on it. */
export const DEPLOY_NAMESPACE = '3805f454-cc93-50be-b735-ef6f145763b8'

export interface DeployIdentity {
  /** The deployed rule's id (a UUID). */
  readonly id: string
  /** What it was derived from: the Sigma id, or title + file when the rule has none. */
  readonly from: 'sigma-id' | 'title-file'
  /** The UUIDv5 name, for documentation and tests. */
  readonly name: string
}

export function deployIdentity(rule: Pick<RuleMeta, 'id' | 'title' | 'source'>, index = 0): DeployIdentity {
  const suffix = index > 0 ? `#${index}` : ''
  if (rule.id !== undefined && rule.id.trim() !== '') {
    const name = `sigma:${rule.id.trim().toLowerCase()}${suffix}`
    return { id: uuidV5(DEPLOY_NAMESPACE, name), from: 'sigma-id', name }
  }
  const name = `title:${rule.title}\nfile:${rule.source.file ?? ''}\ndocument:${rule.source.document}${suffix}`
  return { id: uuidV5(DEPLOY_NAMESPACE, name), from: 'title-file', name }
}

export const NO_ID_WARNING = {
  code: 'deploy.no_id',
  message: 'the rule has no id: the deployed rule id is derived from its title and file and changes when either does; give the rule an id',
} as const
