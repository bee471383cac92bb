/**
 * The CodeMirror 6 editors (rule and pipeline): YAML highlighting, line numbers, search, undo, diagnostics shown on
 * the text with a gutter marker. Colours come from CSS variables, so light and dark mode are pure CSS.
 * Each editor lives in a shadow root: CodeMirror then styles itself with constructed style sheets instead of
 * <style> elements, which the service's CSP (style-src 'self') would block.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands'
import { yaml } from '@codemirror/lang-yaml'
import { HighlightStyle, bracketMatching, foldGutter, foldKeymap, indentOnInput, syntaxHighlighting } from '@codemirror/language'
import { lintGutter, lintKeymap, setDiagnostics, type Diagnostic as CmDiagnostic } from '@codemirror/lint'
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search'
import { Compartment, EditorState, type Text } from '@codemirror/state'
import {
  EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers, placeholder, rectangularSelection,
} from '@codemirror/view'
import { tags as t } from '@lezer/highlight'
import type { Diagnostic } from '../../src/index.js'

const highlight = HighlightStyle.define([
  { tag: [t.propertyName, t.definition(t.propertyName)], color: 'var(--tok-key)' },
  { tag: [t.string, t.special(t.string)], color: 'var(--tok-string)' },
  { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--tok-atom)' },
  { tag: [t.comment, t.lineComment], color: 'var(--tok-comment)', fontStyle: 'italic' },
  { tag: [t.meta, t.keyword, t.labelName, t.typeName], color: 'var(--tok-meta)' },
  { tag: [t.punctuation, t.separator, t.squareBracket, t.brace], color: 'var(--tok-punct)' },
  { tag: t.content, color: 'var(--fg)' },
  { tag: t.invalid, color: 'var(--err)' },
])

const theme = EditorView.theme({
  '&': { color: 'var(--fg)', backgroundColor: 'var(--editor-bg)', height: '100%', fontSize: '13.5px' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.5' },
  '.cm-content': { caretColor: 'var(--accent)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--accent)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'var(--selection)' },
  '.cm-gutters': { backgroundColor: 'var(--gutter-bg)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'var(--active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--active-line)', color: 'var(--fg)' },
  '.cm-searchMatch': { backgroundColor: 'var(--search-match)' },
  '.cm-tooltip': { backgroundColor: 'var(--panel)', color: 'var(--fg)', border: '1px solid var(--border)' },
  '.cm-panels': { backgroundColor: 'var(--panel)', color: 'var(--fg)' },
  '.cm-placeholder': { color: 'var(--muted)' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--err)' },
  '.cm-diagnostic-warning': { borderLeftColor: 'var(--warn)' },
})

export interface EditorHandle {
  readonly view: EditorView
  getText(): string
  setText(text: string): void
  showDiagnostics(ds: readonly Diagnostic[]): void
  /** Moves the cursor to a 1-based line/column and focuses the editor. */
  reveal(line: number, column: number): void
  /** CodeMirror's own parts (search panel, tooltips) follow the page's light or dark mode. */
  setDark(dark: boolean): void
}

export function createEditor(parent: HTMLElement, opts: { text: string; label: string; placeholder: string; onChange: (text: string) => void }): EditorHandle {
  const dark = new Compartment()
  const root = parent.attachShadow({ mode: 'open' })
  const view = new EditorView({
    parent: root,
    root,
    state: EditorState.create({
      doc: opts.text,
      extensions: [
        lineNumbers(), highlightActiveLineGutter(), foldGutter(), lintGutter(), history(), drawSelection(), indentOnInput(),
        bracketMatching(), rectangularSelection(), highlightActiveLine(), highlightSelectionMatches(), search({ top: true }),
        dark.of(EditorView.darkTheme.of(false)), EditorState.tabSize.of(2), EditorView.lineWrapping, yaml(), syntaxHighlighting(highlight), theme, placeholder(opts.placeholder),
        keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, ...foldKeymap, ...lintKeymap, indentWithTab]),
        EditorView.contentAttributes.of({ 'aria-label': opts.label, spellcheck: 'false', autocapitalize: 'off', autocorrect: 'off' }),
        EditorView.updateListener.of((u) => { if (u.docChanged) opts.onChange(u.state.doc.toString()) }),
      ],
    }),
  })
  return {
    view,
    getText: () => view.state.doc.toString(),
    setText(text) {
      if (text === view.state.doc.toString()) return
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } })
    },
    showDiagnostics(ds) {
      view.dispatch(setDiagnostics(view.state, ds.flatMap((d) => toCm(view.state.doc, d))))
    },
    setDark(on) {
      view.dispatch({ effects: dark.reconfigure(EditorView.darkTheme.of(on)) })
    },
    reveal(line, column) {
      const pos = offsetOf(view.state.doc, line, column)
      view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) })
      view.focus()
    },
  }
}

export function offsetOf(doc: Text, line: number, column: number): number {
  const l = doc.line(Math.min(Math.max(line, 1), doc.lines))
  return Math.min(l.from + Math.max(column, 1) - 1, l.to)
}

/** A diagnostic with a position becomes a mark on the token it points at (or the character before a line end). */
function toCm(doc: Text, d: Diagnostic): CmDiagnostic[] {
  if (d.line === undefined) return []
  const from = offsetOf(doc, d.line, d.column ?? 1)
  const l = doc.lineAt(from)
  const token = /^\S+/.exec(l.text.slice(from - l.from))?.[0].length ?? 0
  const [a, b] = token > 0 ? [from, from + token] : from < l.to ? [from, from + 1] : [Math.max(l.from, from - 1), from]
  const severity = d.severity === 'info' ? 'info' : d.severity
  return [{ from: a, to: b, severity, source: d.code, message: d.message }]
}
