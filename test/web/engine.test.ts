/** The page's logic without a browser: engine, share links, field report, pipeline choices. */
import { describe, expect, test } from 'vitest'
import { BACKENDS } from '../../src/index.js'
import { translateLocal } from '../../web/src/engine.js'
import { EXAMPLES } from '../../web/src/examples.js'
import { decodeShare, encodeShare } from '../../web/src/share.js'
import { TARGETS, validPipelines } from '../../web/src/targets.js'

const req = (rule: string, target = 'splunk', pipelines: string[] = [], pipelineYaml = '') => ({ rule, target, pipelines, pipelineYaml, format: '' })

describe('examples', () => {
  test.each(EXAMPLES.map((e) => [e.name, e.text] as const))('%s converts for every target', (_name, text) => {
    for (const b of BACKENDS) {
      const t = translateLocal(req(text, b.id))
      // A target may refuse a construct (e.g. correlations), but the refusal must be a diagnostic, never a crash.
      if (t.outcome !== 'ok') expect(t.diagnostics.length, b.id).toBeGreaterThan(0)
      else expect(t.queries.length, b.id).toBeGreaterThan(0)
    }
    expect(translateLocal(req(text)).outcome).toBe('ok')
  })
})

describe('translateLocal', () => {
  test('reports fields a pasted pipeline mapped and those it left as written', () => {
    const yaml = 'name: m\npriority: 100\ntransformations:\n  - type: field_name_mapping\n    mapping:\n      Image: process.executable\n'
    const t = translateLocal(req(EXAMPLES[0]?.text ?? '', 'splunk', ['sysmon'], yaml))
    expect(t.outcome).toBe('ok')
    expect(t.fields?.mapped).toEqual([{ from: 'Image', to: ['process.executable'] }])
    // EventID, added by the sysmon pipeline, is not the rule's own field.
    expect(t.fields?.kept).toEqual(['OriginalFileName', 'CommandLine', 'ParentImage'])
  })

  test.each([
    ['unknown target', req('title: x', 'nope'), 'config', 'config.target'],
    ['broken pipeline YAML', req('title: x', 'splunk', [], 'transformations: [\n'), 'config', undefined],
    ['not a rule', req('just text'), 'failed', undefined],
  ] as const)('%s is a structured answer, not an exception', (_n, r, outcome, code) => {
    const t = translateLocal(r)
    expect(t.outcome).toBe(outcome)
    expect(t.diagnostics.length + (t.problem ? 1 : 0)).toBeGreaterThan(0)
    if (code) expect(t.diagnostics.map((d) => d.code)).toContain(code)
  })
})

describe('share links', () => {
  test('round trip, compressed', async () => {
    const s = { r: EXAMPLES[0]?.text ?? '', t: 'splunk', f: 'savedsearches', p: ['sysmon'], y: 'name: x\n', v: 'all' as const }
    const hash = await encodeShare(s)
    expect(hash).toMatch(/^#s=z[A-Za-z0-9_-]+$/)
    expect(hash.length).toBeLessThan(s.r.length)
    expect(await decodeShare(hash)).toEqual(s)
  })

  test.each([
    ['not a share link', '#top', undefined],
    ['unknown version', '#s=q123', /version/],
    ['damaged data', '#s=zAAAA', /./],
    ['invalid content', `#s=j${Buffer.from(JSON.stringify({ r: 1, t: 'splunk' })).toString('base64url')}`, /not valid/],
    ['bad target id', `#s=j${Buffer.from(JSON.stringify({ r: 'x', t: '<script>' })).toString('base64url')}`, /not valid/],
  ] as const)('%s', async (_n, hash, error) => {
    if (error === undefined) expect(await decodeShare(hash)).toBeUndefined()
    else await expect(decodeShare(hash)).rejects.toThrow(error)
  })

  test('a deflate bomb is refused', async () => {
    const huge = new TextEncoder().encode(JSON.stringify({ r: 'a'.repeat(8 * 1024 * 1024), t: 'splunk' }))
    const z = new Uint8Array(await new Response(new Blob([huge]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer())
    await expect(decodeShare(`#s=z${Buffer.from(z).toString('base64url')}`)).rejects.toThrow(/too large/)
  })
})

describe('pipeline choices', () => {
  test('only pipelines valid for the target are offered; target-specific ones do not carry over', () => {
    const splunk = TARGETS.find((t) => t.id === 'splunk')
    if (!splunk) throw new Error('no splunk target')
    expect(splunk.pipelines.map((p) => p.id)).toContain('splunk_windows')
    // Aliases of one pipeline are listed once and map to the shown id.
    expect(splunk.pipelines.map((p) => p.id)).not.toContain('windows')
    expect(validPipelines(splunk, ['windows', 'sysmon', 'nope'])).toEqual(['windows-logsources', 'sysmon'])
    for (const t of TARGETS.filter((x) => x.id !== 'splunk')) expect(validPipelines(t, ['splunk_windows', 'sysmon'])).toEqual(['sysmon'])
  })
})
