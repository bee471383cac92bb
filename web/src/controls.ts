/** Target, format and pipeline controls, rebuilt from the registry whenever the target changes. */
import { el } from './dom.js'
import type { PageState } from './state.js'
import { TARGETS, targetInfo } from './targets.js'

export interface ControlHosts {
  readonly target: HTMLSelectElement
  readonly format: HTMLSelectElement
  readonly pipelineList: HTMLElement
  readonly pipelineDefault: HTMLElement
}

export function renderControls(h: ControlHosts, s: PageState): void {
  const t = targetInfo(s.target)
  h.target.replaceChildren(...TARGETS.map((x) => el('option', { value: x.id, title: x.description, selected: x.id === t?.id }, x.label)))
  if (!t) return
  const defaultFormat = t.formats.find((f) => f.id === t.defaultFormat)
  h.format.replaceChildren(
    el('option', { value: '', title: defaultFormat?.description, selected: s.format === '' }, t.defaultFormat === 'default' ? 'default' : `${t.defaultFormat} (default)`),
    ...t.formats.filter((f) => f.id !== t.defaultFormat).map((f) => el('option', { value: f.id, title: f.description, selected: f.id === s.format }, f.id)),
  )
  h.format.disabled = t.formats.length < 2
  h.pipelineList.replaceChildren(...t.pipelines.map((p) =>
    el('label', { class: 'chip', title: p.description },
      el('input', { type: 'checkbox', name: 'pipeline', value: p.id, checked: s.pipelines.includes(p.id) }), p.id)))
  if (t.pipelines.length === 0) h.pipelineList.append(el('span', { class: 'muted' }, 'none for this target'))
  const note = t.defaultPipelines.length > 0 ? `(none chosen: ${t.defaultPipelines.join(', ')})`
    : t.requiresPipeline ? '(this target expects one)' : '(optional, applied in priority order)'
  h.pipelineDefault.textContent = note
}

/** The pipelines ticked, keeping the order they were chosen in. */
export function readPipelines(list: HTMLElement, previous: readonly string[]): string[] {
  const ticked = Array.from(list.querySelectorAll<HTMLInputElement>('input[name=pipeline]')).filter((i) => i.checked).map((i) => i.value)
  return [...previous.filter((p) => ticked.includes(p)), ...ticked.filter((p) => !previous.includes(p))]
}
