/**
 * The problem list under the query: errors and warnings with a link to their line, constructs the target refused
 * or widened, and how field names fared — all in plain words.
 */
import type { Diagnostic } from '../../src/index.js'
import { el } from './dom.js'
import type { Translation } from './engine.js'
import { PIPELINE_FILE } from './engine.js'

export type Reveal = (where: 'rule' | 'pipeline', line: number, column: number) => void

type Group = 'refused' | 'widened' | 'error' | 'warning' | 'info'

const TITLES: Readonly<Record<Group, string>> = {
  refused: 'Refused by the target',
  widened: 'Widened (the query matches more than the rule)',
  error: 'Errors',
  warning: 'Warnings',
  info: 'Notes',
}

export function groupOf(d: Diagnostic): Group {
  if (/unsupported|refused/.test(d.code)) return 'refused'
  if (/widen|lossy|approximat/.test(d.code)) return 'widened'
  return d.severity
}

function item(d: Diagnostic, reveal: Reveal): HTMLLIElement {
  const where = d.file === PIPELINE_FILE ? 'pipeline' : 'rule'
  const pos = d.line === undefined ? null
    : el('button', { type: 'button', class: 'where', title: `Go to this place in the ${where === 'rule' ? 'rule' : 'custom pipeline'}` },
      `${where === 'pipeline' ? 'pipeline ' : ''}line ${d.line}${d.column === undefined ? '' : `:${d.column}`}`)
  pos?.addEventListener('click', () => reveal(where, d.line ?? 1, d.column ?? 1))
  return el('li', { class: `diag ${d.severity}`, 'data-code': d.code, 'data-line': d.line === undefined ? undefined : String(d.line) },
    el('span', { class: 'sev' }, d.severity), pos, el('span', { class: 'msg' }, d.message + (d.key ? ` [${d.key}]` : '')), el('span', { class: 'code' }, d.code))
}

export function renderProblems(host: HTMLElement, t: Translation | undefined, reveal: Reveal): void {
  host.replaceChildren()
  if (!t) return
  if (t.problem) host.append(el('p', { class: 'diag error' }, el('span', { class: 'sev' }, 'error'), el('span', { class: 'msg' }, t.problem)))
  const groups = new Map<Group, Diagnostic[]>()
  for (const d of t.diagnostics) groups.set(groupOf(d), [...(groups.get(groupOf(d)) ?? []), d])
  for (const g of ['refused', 'error', 'widened', 'warning', 'info'] as const) {
    const ds = groups.get(g)
    if (!ds) continue
    host.append(el('h3', {}, `${TITLES[g]} (${ds.length})`), el('ul', { class: `group-${g}` }, ...ds.map((d) => item(d, reveal))))
  }
  const f = t.fields
  if (f && (f.mapped.length > 0 || f.kept.length > 0)) {
    const code = (s: string): HTMLElement => el('code', {}, s)
    const join = (xs: readonly Node[]): (Node | string)[] => xs.flatMap((x, i) => (i === 0 ? [x] : [', ', x]))
    host.append(el('h3', {}, 'Fields'))
    if (f.mapped.length > 0) {
      host.append(el('p', { class: 'fields', id: 'fields-mapped' }, 'Mapped by the pipelines: ',
        ...join(f.mapped.map((m) => el('span', {}, code(m.from), ' → ', ...join(m.to.map(code)))))))
    }
    if (f.kept.length > 0) {
      host.append(el('p', { class: 'fields', id: 'fields-kept' },
        f.mapped.length > 0 ? 'Not mapped (used as written; check the target has them): ' : 'No pipeline renamed any field; used as written: ',
        ...join(f.kept.map(code))))
    }
  }
}
