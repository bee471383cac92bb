/**
 * The paste-and-translate page. State flows one way: a control or an editor changes the PageState, `update`
 * re-renders and schedules a translation; the translation result only renders (it never feeds back into the state).
 */
import './boot.js'
import './style.css'
import { renderAll, requestsFor, type Card } from './all-view.js'
import { readPipelines, renderControls } from './controls.js'
import { byId, el } from './dom.js'
import { createEditor } from './editor.js'
import { PIPELINE_FILE, translateLocal, translateServer, type TranslateRequest, type Translation } from './engine.js'
import { EXAMPLES } from './examples.js'
import { copyText, download, fileName, readRuleFile } from './files.js'
import { renderProblems } from './problems.js'
import { decodeShare, encodeShare } from './share.js'
import { fromShared, loadSaved, save, toShared, type PageState } from './state.js'
import { TARGETS, targetInfo, validFormat, validPipelines } from './targets.js'
import { initTheme } from './theme.js'

const storage = (() => { try { return window.localStorage } catch { return undefined } })()
const DEFAULTS: PageState = {
  rule: EXAMPLES[0]?.text ?? '',
  target: TARGETS.find((t) => t.id === 'splunk')?.id ?? TARGETS[0]?.id ?? '',
  format: '',
  pipelines: [],
  pipelineYaml: '',
  view: 'query',
  mode: 'local',
}

/** Keeps target, format and pipelines consistent with the registry (links and saved state may be stale). */
function normalize(s: PageState): PageState {
  const t = targetInfo(s.target) ?? targetInfo(DEFAULTS.target)
  if (!t) return s
  return { ...s, target: t.id, format: validFormat(t, s.format), pipelines: validPipelines(t, s.pipelines) }
}

let state = normalize(loadSaved(DEFAULTS, storage))
let last: Translation | undefined
let generation = 0
let timer: ReturnType<typeof setTimeout> | undefined

const hosts = {
  target: byId<HTMLSelectElement>('target'),
  format: byId<HTMLSelectElement>('format'),
  pipelineList: byId('pipeline-list'),
  pipelineDefault: byId('pipeline-default'),
}
const status = byId('status')
const queries = byId('queries')
const problems = byId('problems')
const customDetails = byId<HTMLDetailsElement>('custom-pipeline')

const ruleEditor = createEditor(byId('rule-editor'), {
  text: state.rule, label: 'Sigma rule (YAML)', placeholder: 'Paste a Sigma rule here, or drop a .yml file',
  onChange: (rule) => setState({ rule }, false),
})
const pipelineEditor = createEditor(byId('pipeline-editor'), {
  text: state.pipelineYaml, label: 'Custom processing pipeline (YAML)', placeholder: 'name: my pipeline\npriority: 100\ntransformations:\n  - type: field_name_mapping\n    mapping:\n      Image: process.executable',
  onChange: (pipelineYaml) => setState({ pipelineYaml }, false),
})
if (state.pipelineYaml.trim() !== '') customDetails.open = true

function setState(patch: Partial<PageState>, rerenderControls: boolean): void {
  state = normalize({ ...state, ...patch })
  if (rerenderControls) renderControls(hosts, state)
  save(state, storage)
  renderChrome()
  schedule()
}

/** Everything that depends on the state but not on the translation. */
function renderChrome(): void {
  const privacy = byId('privacy')
  privacy.className = `privacy ${state.mode}`
  privacy.replaceChildren(...(state.mode === 'local'
    ? [el('strong', { class: 'mode-tag' }, 'Private'), ' Translation runs in this browser: the rule never leaves this machine.']
    : [el('strong', { class: 'mode-tag' }, 'Server mode'), ` Each rule is sent to ${location.host || 'the service'} (/api/v1/translate) to be translated.`]))
  byId<HTMLInputElement>('server-mode').checked = state.mode === 'server'
  byId('custom-badge').hidden = state.pipelineYaml.trim() === ''
  document.body.dataset.view = state.view
  for (const v of ['query', 'all'] as const) {
    const tab = byId(`tab-${v}`)
    tab.setAttribute('aria-selected', String(state.view === v))
    tab.tabIndex = state.view === v ? 0 : -1
    byId(`view-${v}`).hidden = state.view !== v
  }
}

function schedule(): void {
  clearTimeout(timer)
  timer = setTimeout(() => void translate(), state.mode === 'server' ? 400 : 60)
}

function request(s: PageState): TranslateRequest {
  return { rule: s.rule, target: s.target, pipelines: s.pipelines, pipelineYaml: s.pipelineYaml, format: s.format }
}

const run = (r: TranslateRequest): Promise<Translation> | Translation => (state.mode === 'server' ? translateServer(r) : translateLocal(r))

async function translate(): Promise<void> {
  const mine = ++generation
  const started = performance.now()
  const where = state.mode === 'server' ? 'by the service' : 'in this browser'
  status.textContent = 'translating…'
  if (state.view === 'all') {
    const reqs = requestsFor(state)
    const results = await Promise.all(reqs.map((r) => run(r.request)))
    if (mine !== generation) return
    const cards: Card[] = reqs.map((r, i) => ({ ...r, result: results[i] as Translation }))
    renderAll(byId('all-grid'), cards, { open: (target) => setState({ target, view: 'query' }, true), copy: (text) => void copy(text) })
    last = cards.find((c) => c.target.id === state.target)?.result
  } else {
    const result = await run(request(state))
    if (mine !== generation) return
    last = result
    renderQuery(result)
  }
  const ms = Math.round(performance.now() - started)
  status.textContent = `translated ${where} in ${ms} ms`
  const ds = last?.diagnostics ?? []
  ruleEditor.showDiagnostics(ds.filter((d) => d.file !== PIPELINE_FILE))
  pipelineEditor.showDiagnostics(ds.filter((d) => d.file === PIPELINE_FILE))
}

function renderQuery(t: Translation): void {
  const texts = t.output !== undefined ? [t.output] : t.queries
  queries.replaceChildren(...(texts.length > 0
    ? texts.map((q, i) => el('pre', { class: 'query', 'data-index': String(i), tabindex: '0' }, q))
    : [el('p', { class: 'query-empty' }, t.outcome === 'ok' ? 'No query.' : 'No query: see the problems below.')]))
  byId('out-title').textContent = `${targetInfo(t.target)?.label ?? t.target} · ${t.format || 'default format'}${texts.length > 1 ? ` · ${texts.length} queries` : ''}`
  byId<HTMLButtonElement>('copy').disabled = texts.length === 0
  byId<HTMLButtonElement>('download').disabled = texts.length === 0
  renderProblems(problems, t, reveal)
}

function reveal(where: 'rule' | 'pipeline', line: number, column: number): void {
  if (where === 'pipeline') customDetails.open = true
  ;(where === 'rule' ? ruleEditor : pipelineEditor).reveal(line, column)
}

function currentText(): string {
  return last ? (last.output ?? last.queries.join('\n\n')) : ''
}

async function copy(text: string): Promise<void> {
  status.textContent = (await copyText(text)) ? 'copied to the clipboard' : 'copy failed: select the text and copy it by hand'
}

function loadRule(text: string): void {
  ruleEditor.setText(text)
  setState({ rule: text }, false)
}

async function restoreFromHash(): Promise<void> {
  try {
    const shared = await decodeShare(location.hash)
    if (!shared) return
    // A link never switches the page to server mode: opening it must not send the rule anywhere.
    state = normalize({ ...fromShared(shared, state), mode: 'local' })
    ruleEditor.setText(state.rule)
    pipelineEditor.setText(state.pipelineYaml)
    if (state.pipelineYaml.trim() !== '') customDetails.open = true
    renderControls(hosts, state)
    setState({}, false)
    status.textContent = 'restored from the share link'
  } catch (e) {
    status.textContent = `could not open the share link: ${e instanceof Error ? e.message : 'damaged'}`
  }
}

function wire(): void {
  hosts.target.addEventListener('change', () => setState({ target: hosts.target.value }, true))
  hosts.format.addEventListener('change', () => setState({ format: hosts.format.value }, false))
  hosts.pipelineList.addEventListener('change', () => setState({ pipelines: readPipelines(hosts.pipelineList, state.pipelines) }, false))
  byId('controls').addEventListener('submit', (e) => e.preventDefault())
  byId<HTMLInputElement>('server-mode').addEventListener('change', (e) => setState({ mode: (e.target as HTMLInputElement).checked ? 'server' : 'local' }, false))
  const tabs = ['query', 'all'] as const
  for (const v of tabs) {
    const tab = byId(`tab-${v}`)
    tab.addEventListener('click', () => setState({ view: v }, false))
    tab.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return
      const next = tabs[(tabs.indexOf(v) + 1) % tabs.length] ?? 'query'
      setState({ view: next }, false)
      byId(`tab-${next}`).focus()
    })
  }
  byId('copy').addEventListener('click', () => void copy(currentText()))
  byId('download').addEventListener('click', () => {
    const text = currentText()
    const json = last?.output === undefined && (last?.queries[0]?.startsWith('{') ?? false)
    download(fileName(state.rule, state.target, last?.format ?? '', json), text, json ? 'application/json' : 'text/plain')
  })
  byId('share').addEventListener('click', async () => {
    const hash = await encodeShare(toShared(state))
    history.replaceState(null, '', hash)
    await copy(location.href)
    status.textContent = 'share link copied (the rule travels in the #fragment, which is never sent to a server)'
  })
  const examples = byId<HTMLSelectElement>('examples')
  examples.append(...EXAMPLES.map((x, i) => el('option', { value: String(i) }, x.name)))
  examples.addEventListener('change', () => {
    const x = EXAMPLES[Number(examples.value)]
    if (x) loadRule(x.text)
    examples.value = ''
  })
  byId('clear').addEventListener('click', () => { loadRule(''); ruleEditor.view.focus() })
  const open = byId<HTMLInputElement>('open-file')
  open.addEventListener('change', () => { const f = open.files?.[0]; if (f) void openFile(f); open.value = '' })
  wireDrop()
  window.addEventListener('hashchange', () => void restoreFromHash())
}

async function openFile(f: File): Promise<void> {
  try {
    loadRule(await readRuleFile(f))
    status.textContent = `opened ${f.name}`
  } catch (e) {
    status.textContent = e instanceof Error ? e.message : 'could not read the file'
  }
}

function wireDrop(): void {
  const overlay = byId('drop-overlay')
  const hasFile = (e: DragEvent): boolean => [...(e.dataTransfer?.types ?? [])].includes('Files')
  window.addEventListener('dragover', (e) => { if (hasFile(e)) { e.preventDefault(); overlay.hidden = false } })
  window.addEventListener('dragleave', (e) => { if (e.relatedTarget === null) overlay.hidden = true })
  // Capture phase: the editor would otherwise insert the file's name or path as text.
  window.addEventListener('drop', (e) => {
    overlay.hidden = true
    const f = e.dataTransfer?.files[0]
    if (!f) return
    e.preventDefault()
    e.stopPropagation()
    void openFile(f)
  }, true)
}

initTheme(byId<HTMLButtonElement>('theme'), storage, (dark) => { ruleEditor.setDark(dark); pipelineEditor.setDark(dark) })
renderControls(hosts, state)
wire()
renderChrome()
if (location.hash.startsWith('#s=')) void restoreFromHash()
else schedule()
