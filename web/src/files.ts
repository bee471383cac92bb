/** Clipboard, download and file reading: all local to the browser. */
import { MAX_TEXT } from './state.js'

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    // No clipboard API (plain http on a non-local host): the old selection-based copy still works.
    const area = document.createElement('textarea')
    area.value = text
    area.setAttribute('readonly', '')
    area.className = 'offscreen'
    document.body.append(area)
    area.select()
    const ok = document.execCommand('copy')
    area.remove()
    return ok
  }
}

export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** The text of a dropped or opened file; refuses binaries and very large files. */
export async function readRuleFile(file: File): Promise<string> {
  if (file.size > MAX_TEXT) throw new Error(`${file.name} is larger than ${MAX_TEXT / 1024} KiB`)
  const text = await file.text()
  if (text.includes('\u0000')) throw new Error(`${file.name} is not a text file`)
  return text
}

/** A file name from the rule title, e.g. `encoded-powershell-command-line.spl`. */
export function fileName(rule: string, target: string, format: string, isJson: boolean): string {
  const title = /^title:\s*['"]?(.+?)['"]?\s*$/m.exec(rule)?.[1] ?? 'query'
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80) || 'query'
  const ext = isJson ? 'json' : /conf|savedsearch/.test(format) ? 'conf' : EXT[target] ?? 'txt'
  return `${slug}.${ext}`
}

const EXT: Readonly<Record<string, string>> = { splunk: 'spl', kusto: 'kql', sentinel: 'kql', defender: 'kql', eql: 'eql', esql: 'esql', lucene: 'lucene' }
