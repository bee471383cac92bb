/** Every detection item of the shared corpus (3,000+ real SigmaHQ rules) must build without errors. */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { parseAllDocuments } from 'yaml'
import { describe, expect, it } from 'vitest'
import { buildDetectionItem, buildKeywordItem } from '../../src/sigma/modifiers.js'
import { sigmaYamlTags } from '../../src/sigma/value.js'
import type { Diagnostic } from '../../src/diagnostics.js'

const ROOT = '/work/shared/sigma/rules'

function* walk(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    if (e.isDirectory()) yield* walk(p)
    else if (/\.ya?ml$/.test(e.name)) yield p
  }
}

const isMap = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)

/** All items of one search identifier, following pySigma's `SigmaDetection.from_definition` shapes. */
function buildAll(def: unknown, out: { errors: Diagnostic[]; items: number; modifiers: Set<string> }, where: string): void {
  const record = (r: ReturnType<typeof buildKeywordItem>, key: string): void => {
    out.errors.push(...r.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ ...d, file: where, key })))
    if (r.item) {
      out.items++
      r.item.modifiers.forEach((m) => out.modifiers.add(m))
    }
  }
  if (isMap(def)) for (const [k, v] of Object.entries(def)) record(buildDetectionItem(k, v), k)
  else if (Array.isArray(def)) {
    if (def.some((x) => isMap(x) || Array.isArray(x))) for (const x of def) buildAll(x, out, where)
    else record(buildKeywordItem(def), '(keywords)')
  } else record(buildKeywordItem([def]), '(keyword)')
}

describe('corpus detection items', () => {
  it('builds every item of every rule without error diagnostics', () => {
    const out = { errors: [] as Diagnostic[], items: 0, modifiers: new Set<string>() }
    let files = 0
    for (const file of walk(ROOT)) {
      files++
      for (const doc of parseAllDocuments(readFileSync(file, 'utf8'), { customTags: sigmaYamlTags })) {
        const js: unknown = doc.toJS()
        if (!isMap(js) || !isMap(js.detection)) continue
        for (const [name, def] of Object.entries(js.detection)) {
          if (name === 'condition' || name === 'timeframe') continue
          buildAll(def, out, `${file.slice(ROOT.length + 1)}#${name}`)
        }
      }
    }
    expect(files).toBeGreaterThan(3000)
    expect(out.items).toBeGreaterThan(10000)
    expect(out.errors).toEqual([])
    // The corpus exercises the common modifiers; make sure we actually saw them.
    for (const m of ['contains', 'endswith', 'startswith', 'all', 're', 'windash', 'cidr', 'base64offset', 'fieldref'])
      expect(out.modifiers).toContain(m)
  })
})
