/** Every validator `sigmaport check` knows, by id. */
import type { Validator } from './types.js'
import { CONDITION } from './validators/condition.js'
import { CORRELATION } from './validators/correlation.js'
import { METADATA } from './validators/metadata.js'
import { TAGS } from './validators/tags.js'
import { VALUES } from './validators/values.js'

export const VALIDATORS: readonly Validator[] = [...METADATA, ...TAGS, ...CONDITION, ...VALUES, ...CORRELATION]

export const findValidator = (id: string): Validator | undefined => VALIDATORS.find((v) => v.id === id)
