/**
 * Issue 4: every field the bundled ECS pipelines map to, or add conditions on, is checked against the official ECS
 * field list (`@elastic/ecs`, EcsFlat). A name ECS does not define must match one of the documented exceptions
 * below — a Beats/Agent namespace outside ECS, or a pySigma mapping kept as it is (its output is the conformance
 * reference) — and every exception must still be needed, so the list cannot go stale.
 */
import { describe, expect, it } from 'vitest'
import { EcsFlat, EcsVersion } from '@elastic/ecs'
import { ECS_PIPELINE_DEFS } from '../../backends/elastic-common/pipelines/data.js'

interface Exception { readonly pipelines: readonly string[]; readonly names: RegExp; readonly reason: string }

const WINDOWS = ['ecs_windows', 'ecs_windows_old']
const ZEEK = ['ecs_zeek_beats', 'ecs_zeek_corelight']

const EXCEPTIONS: readonly Exception[] = [
  { pipelines: WINDOWS, names: /^winlog\./, reason: "Winlogbeat's own namespace (winlog.channel, winlog.event_data.*, winlog.logon.id, …), not part of ECS" },
  { pipelines: ['ecs_windows'], names: /^powershell\./, reason: "Winlogbeat PowerShell module fields (powershell.file.script_block_text, …)" },
  { pipelines: ['ecs_windows'], names: /^sysmon\.|^file\.code_signature\.signed$/, reason: 'Winlogbeat Sysmon module fields (sysmon.dns.status, file.code_signature.signed)' },
  { pipelines: ['ecs_windows_old'], names: /^event_id$/, reason: 'Winlogbeat up to 6.x wrote event_id at the top level (the pipeline targets those versions)' },
  { pipelines: ZEEK, names: /^zeek\./, reason: "Filebeat Zeek module's zeek.* namespace" },
  {
    pipelines: ZEEK,
    names: /^(smb\.action|tunnel\.action|labels\.dns\.query_length|http\.cookie_vars|dnp3\..*|dpd\..*|gquic\..*|version|query|host|server_name)$/,
    reason: "pySigma's mapping, kept for conformance: neither ECS nor the Filebeat Zeek module defines these names (e.g. dest_domain → query/host/server_name are raw Zeek names)",
  },
  { pipelines: ['ecs_kubernetes'], names: /^kubernetes\.audit\./, reason: "Elastic's Kubernetes audit-log integration namespace (kubernetes.audit.*), not ECS" },
  {
    pipelines: ['ecs_macos_esf'],
    names: /^(esf\.event_type|target\.process\..*|group\.target\..*|file\.(source|target)\.path|signal\.number|ptrace\.request|xpc\.service_name|driver\.name|memory\.protection)$/,
    reason: "macOS Endpoint Security Framework event fields as pySigma's plugin maps them (an ESF integration's own names), not ECS",
  },
]

/** Field names a pipeline writes: field_name_mapping targets and add_condition keys. */
function targetFields(def: unknown): string[] {
  const out: string[] = []
  for (const t of (def as { transformations?: { type: string; mapping?: Record<string, string | string[]>; conditions?: Record<string, unknown> }[] }).transformations ?? []) {
    if (t.type === 'field_name_mapping') for (const v of Object.values(t.mapping ?? {})) out.push(...[v].flat())
    if (t.type === 'add_condition') out.push(...Object.keys(t.conditions ?? {}))
  }
  return [...new Set(out)]
}

const ecs = new Set(Object.keys(EcsFlat))

/** The fields of pipeline `id` that are neither ECS nor covered by an exception; `used` collects the exceptions that applied. */
function unexplained(id: string, def: unknown, used: Set<Exception>): string[] {
  return targetFields(def).filter((f) => {
    if (ecs.has(f)) return false
    const x = EXCEPTIONS.find((e) => e.pipelines.includes(id) && e.names.test(f))
    if (x) used.add(x)
    return x === undefined
  })
}

describe(`ECS pipelines against the official ECS ${EcsVersion} field list`, () => {
  const used = new Set<Exception>()
  // `zeek` maps to Zeek's raw JSON names on purpose (its description says so); it is not an ECS pipeline.
  const ids = Object.keys(ECS_PIPELINE_DEFS).filter((id) => id !== 'zeek')
  it.each(ids)('%s maps only to ECS fields or documented exceptions', (id) => {
    expect(targetFields(ECS_PIPELINE_DEFS[id]).length).toBeGreaterThan(0)
    expect(unexplained(id, ECS_PIPELINE_DEFS[id], used)).toEqual([])
  })
  it('every documented exception is still needed', () => {
    expect(EXCEPTIONS.filter((e) => !used.has(e)).map((e) => e.reason)).toEqual([])
  })
  it('a mapping to a misspelt ECS name or an undocumented namespace is caught', () => {
    const def = { transformations: [{ type: 'field_name_mapping', mapping: { CommandLine: 'process.commandline', Image: 'process.executable', X: 'winlog.x' } }] }
    expect(unexplained('ecs_windows', def, new Set())).toEqual(['process.commandline'])
    expect(unexplained('ecs_kubernetes', def, new Set())).toEqual(['process.commandline', 'winlog.x'])
  })
})
