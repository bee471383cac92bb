/**
 * Elasticsearch `_search` request body with a native bool query, written from the Elasticsearch Query DSL
 * reference (term, prefix, wildcard, regexp, range, exists, query_string, script, bool; SIGMA-NOTES §9.2).
 * Only the query types and parameters the `dsl` format emits are allowed.
 */
import { z } from 'zod'

/** `{ "<field>": <spec> }` with exactly one field. */
const oneField = <T extends z.ZodType>(spec: T) =>
  z.record(z.string().min(1), spec).refine((o) => Object.keys(o).length === 1, 'exactly one field')

const scalar = z.union([z.string(), z.number(), z.boolean()])

export const dslQuerySchema: z.ZodType = z.lazy(() =>
  z.union([
    z.strictObject({ term: oneField(z.strictObject({ value: scalar, case_insensitive: z.boolean().optional() })) }),
    z.strictObject({ prefix: oneField(z.strictObject({ value: z.string(), case_insensitive: z.boolean().optional() })) }),
    z.strictObject({ wildcard: oneField(z.strictObject({ value: z.string(), case_insensitive: z.boolean().optional() })) }),
    z.strictObject({
      regexp: oneField(z.strictObject({ value: z.string(), flags: z.enum(['ALL', 'NONE', 'COMPLEMENT', 'EMPTY', 'INTERSECTION', 'INTERVAL', 'ANYSTRING']).optional(), case_insensitive: z.boolean().optional() })),
    }),
    z.strictObject({ range: oneField(z.strictObject({ gt: scalar.optional(), gte: scalar.optional(), lt: scalar.optional(), lte: scalar.optional() }).refine((r) => Object.keys(r).length > 0)) }),
    z.strictObject({ exists: z.strictObject({ field: z.string().min(1) }) }),
    z.strictObject({ query_string: z.strictObject({ query: z.string().min(1), analyze_wildcard: z.boolean().optional() }) }),
    z.strictObject({ script: z.strictObject({ script: z.strictObject({ source: z.string().min(1), lang: z.literal('painless') }) }) }),
    z.strictObject({
      bool: z
        .strictObject({
          filter: z.array(dslQuerySchema).optional(),
          must: z.array(dslQuerySchema).optional(),
          should: z.array(dslQuerySchema).optional(),
          must_not: z.array(dslQuerySchema).optional(),
          minimum_should_match: z.number().int().optional(),
        })
        .refine((b) => (b.filter?.length ?? 0) + (b.must?.length ?? 0) + (b.should?.length ?? 0) + (b.must_not?.length ?? 0) > 0, 'empty bool query'),
    }),
  ]),
)

export const searchBodySchema = z.strictObject({
  query: dslQuerySchema,
  size: z.number().int().min(0).max(10000),
  sort: z.array(z.record(z.string(), z.strictObject({ order: z.enum(['asc', 'desc']) }))),
  _source: z.array(z.string()).optional(),
})
