/** GET /api/v1/targets, /healthz, /openapi.json, /api/v1/admin/config. */
import type { Context } from 'hono'
import { BACKENDS, allPipelines } from '../../../backends/registry.js'
import type { AppEnv } from '../env.js'
import { redactConfig } from '../config.js'

export function targetsHandler(c: Context<AppEnv>): Response {
  const targets = BACKENDS.map((b) => ({
    id: b.id,
    label: b.label,
    description: b.description,
    aliases: [...(b.aliases ?? [])],
    defaultFormat: b.defaultFormat,
    formats: Object.entries(b.formats).map(([id, f]) => ({ id, description: f.description })),
    pipelines: Object.entries(b.pipelines ?? {}).map(([id, p]) => ({ id, description: p.description })),
    defaultPipelines: [...(b.defaultPipelines ?? [])],
    options: Object.entries(b.options ?? {}).map(([id, o]) => ({ id, description: o.description, ...(o.default === undefined ? {} : { default: o.default }) })),
    correlationMethods: Object.entries(b.correlation?.methods ?? {}).map(([id, description]) => ({ id, description })),
  }))
  const pipelines = Object.entries(allPipelines()).map(([id, p]) => ({ id, description: p.description, backends: [...p.backends] }))
  c.header('Cache-Control', 'public, max-age=300')
  return c.json({ targets, pipelines })
}

export function adminConfigHandler(c: Context<AppEnv>): Response {
  c.header('Cache-Control', 'no-store')
  return c.json(redactConfig(c.get('services').config) as Record<string, unknown>)
}
