/** What every deployable body needs from a rule, gathered once: identity, texts, level, ATT&CK coverage. */
import type { QueryContext } from '../backend.js'
import type { Level } from '../ir/rule.js'
import { deployIdentity, NO_ID_WARNING, type DeployIdentity } from './ids.js'
import { attackGroups, taggedTechniques, type AttackGroup, type Technique } from './attack.js'

export interface DeployRule {
  readonly identity: DeployIdentity
  readonly sigmaId: string | undefined
  readonly title: string
  readonly description: string
  readonly authors: readonly string[]
  readonly references: readonly string[]
  readonly falsePositives: readonly string[]
  readonly license: string | undefined
  readonly level: Level | undefined
  readonly tags: readonly string[]
  readonly attack: readonly AttackGroup[]
  readonly techniques: readonly Technique[]
  readonly kind: 'rule' | 'correlation'
  /** Correlation timespan in seconds (the minimum look-back a scheduled search needs). */
  readonly timespan: number | undefined
}

/**
 * A QueryContext may carry a `warn` sink (added by the converter, see docs/DEPLOY.md); formats report
 * non-fatal problems through it and stay silent when it is absent.
 */
export function warn(ctx: QueryContext, code: string, message: string): void {
  if ('warn' in ctx && typeof ctx.warn === 'function') (ctx.warn as (code: string, message: string) => void)(code, message)
}

/** Sigma `author` is one free-text field; SigmaHQ separates several authors with commas. */
export function splitAuthors(author: string | undefined): string[] {
  if (author === undefined) return []
  return author.split(',').map((a) => a.trim()).filter((a) => a !== '')
}

export function deployRule(ctx: QueryContext): DeployRule {
  const r = ctx.rule
  const identity = deployIdentity(r, ctx.index)
  if (identity.from === 'title-file') warn(ctx, NO_ID_WARNING.code, NO_ID_WARNING.message)
  return {
    identity,
    sigmaId: r.id,
    title: r.title,
    description: r.description?.trim() || r.title,
    authors: splitAuthors(r.author),
    references: r.references,
    falsePositives: r.falsepositives,
    license: r.license,
    level: r.level,
    tags: r.tags,
    attack: attackGroups(r.tags),
    techniques: taggedTechniques(r.tags),
    kind: r.kind,
    timespan: r.kind === 'correlation' ? r.timespan : undefined,
  }
}

/** Author, references, false positives, license and Sigma id as a text block for vendors without such fields. */
export function metadataText(d: DeployRule): string {
  const lines: string[] = []
  if (d.sigmaId) lines.push(`Sigma rule id: ${d.sigmaId}`)
  if (d.authors.length) lines.push(`Author: ${d.authors.join(', ')}`)
  if (d.license) lines.push(`License: ${d.license}`)
  if (d.references.length) lines.push('References:', ...d.references.map((x) => `- ${x}`))
  if (d.falsePositives.length) lines.push('False positives:', ...d.falsePositives.map((x) => `- ${x}`))
  return lines.join('\n')
}
