/** "All targets": the same rule translated for every target, side by side. */
import { el } from './dom.js'
import type { Translation, TranslateRequest } from './engine.js'
import type { PageState } from './state.js'
import { TARGETS, validPipelines, type TargetInfo } from './targets.js'

export interface Card {
  readonly target: TargetInfo
  readonly request: TranslateRequest
  readonly result: Translation
}

/** Per target: the chosen pipelines it accepts (so generic ones such as sysmon carry over), else its defaults. */
export function requestsFor(s: PageState): { target: TargetInfo; request: TranslateRequest }[] {
  return TARGETS.map((t) => ({
    target: t,
    request: { rule: s.rule, target: t.id, pipelines: validPipelines(t, s.pipelines), pipelineYaml: s.pipelineYaml, format: '' },
  }))
}

export function renderAll(host: HTMLElement, cards: readonly Card[], actions: { open: (target: string) => void; copy: (text: string) => void }): void {
  host.replaceChildren(...cards.map((c) => {
    const r = c.result
    const text = r.output ?? r.queries.join('\n\n')
    const firstError = r.diagnostics.find((d) => d.severity === 'error')
    const pipelines = c.request.pipelines.length > 0 ? c.request.pipelines.join(', ')
      : c.target.defaultPipelines.length > 0 ? `${c.target.defaultPipelines.join(', ')} (default)` : 'none'
    const copy = el('button', { type: 'button', title: `Copy the ${c.target.label} query`, disabled: text === '' }, 'Copy')
    copy.addEventListener('click', () => actions.copy(text))
    const open = el('button', { type: 'button', title: `Show ${c.target.label} in the Query view` }, 'Open')
    open.addEventListener('click', () => actions.open(c.target.id))
    const body = r.outcome === 'ok' && text !== ''
      ? el('pre', { class: 'query' }, text)
      : el('p', { class: 'fail' }, firstError ? `${firstError.message}${firstError.line === undefined ? '' : ` (line ${firstError.line})`}` : r.problem ?? 'no query')
    return el('article', { class: 'card', 'data-target': c.target.id, 'data-outcome': r.outcome },
      el('header', {}, el('h3', {}, c.target.label), el('div', { class: 'tools' }, copy, open)),
      el('div', { class: 'meta' }, `${c.target.id} · pipelines: ${pipelines}`),
      body)
  }))
}
