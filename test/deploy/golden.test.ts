/**
 * Golden files: a few representative corpus rules per deployable format (process creation with sub-techniques,
 * a regex rule, a keyword rule, a network rule with cidr). `npx vitest run test/deploy -u` rewrites them.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createConverter } from '../../src/convert.js'
import { DEPLOY_CASES, TARGETS } from './targets.js'
import { SHARED, hasShared } from './corpus.js'

const RULES = [
  'rules/windows/process_creation/proc_creation_win_powershell_base64_encoded_cmd.yml',
  'rules/windows/process_creation/proc_creation_win_certoc_download_direct_ip.yml',
  'rules/linux/builtin/lnx_shell_clear_cmd_history.yml',
  'rules/network/zeek/zeek_rdp_public_listener.yml',
]

const slug = (p: string): string => p.replace(/^.*\//, '').replace(/\.yml$/, '')

describe.skipIf(!hasShared)('golden bodies', () => {
  const cases = DEPLOY_CASES.flatMap((c) => RULES.map((rule) => ({ ...c, rule })))
  it.each(cases)('$target $format $rule', async ({ target, format, pipeline, rule }) => {
    const conv = createConverter({ target: TARGETS[target], pipelines: [pipeline], format })
    const { results } = conv.convertText(readFileSync(SHARED + 'sigma/' + rule, 'utf8'), rule)
    const out = results.map((r) => (r.ok ? { queries: r.queries } : { error: r.diagnostics.map((d) => `${d.code}: ${d.message}`) }))
    await expect(JSON.stringify(out, null, 2) + '\n').toMatchFileSnapshot(`./golden/${target}/${format}/${slug(rule)}.json`)
  })
})
