/** The ECS pipelines pySigma's Elastic plugin ships, selectable with `-p` by every Elastic target. */
import type { PipelineProvider } from '../../../src/backend.js'
import type { Pipeline } from '../../../src/pipeline/types.js'
import { pipelineFromObject } from '../../../src/pipeline/load.js'
import { ECS_PIPELINE_DEFS } from './data.js'

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  ecs_windows: 'Elastic Common Schema (ECS) Windows log mappings from Winlogbeat from version 7',
  ecs_windows_old: 'Elastic Common Schema (ECS) Windows log mappings from Winlogbeat up to version 6',
  ecs_zeek_beats: 'Elastic Common Schema (ECS) for Zeek using filebeat >= 7.6.1',
  ecs_zeek_corelight: 'Elastic Common Schema (ECS) mapping from Corelight',
  zeek: 'Zeek raw JSON field naming',
  ecs_kubernetes: 'Elastic Common Schema (ECS) Kubernetes audit log mappings',
  ecs_macos_esf: 'Elastic Common Schema (ECS) mapping for macOS Endpoint Security Framework (ESF) events',
}

/** Compiles a bundled definition; a failure here is a defect in the bundled data, not a user error. */
export function buildEcsPipeline(id: string): Pipeline {
  const def = ECS_PIPELINE_DEFS[id]
  if (def === undefined) throw new Error(`no bundled ECS pipeline '${id}'`)
  const { pipeline, diagnostics } = pipelineFromObject(def, id)
  if (!pipeline) throw new Error(`bundled pipeline '${id}' does not compile: ${diagnostics.map((d) => d.message).join('; ')}`)
  return pipeline
}

export const ecsPipelines: Readonly<Record<string, PipelineProvider>> = Object.fromEntries(
  Object.keys(ECS_PIPELINE_DEFS).map((id) => [id, { description: DESCRIPTIONS[id] ?? String(ECS_PIPELINE_DEFS[id]?.name ?? id), build: () => buildEcsPipeline(id) }]),
)
