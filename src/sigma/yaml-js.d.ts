/** The part of js-yaml 4 the fast loader uses (yaml-fast.ts); js-yaml ships no TypeScript types. */
declare module 'js-yaml' {
  export interface TypeOptions {
    readonly kind: 'scalar' | 'sequence' | 'mapping'
    readonly resolve?: (data: unknown) => boolean
    readonly construct?: (data: unknown) => unknown
  }
  export class Type {
    constructor(tag: string, options: TypeOptions)
  }
  export class Schema {
    extend(types: { readonly implicit?: readonly Type[]; readonly explicit?: readonly Type[] }): Schema
  }
  export const FAILSAFE_SCHEMA: Schema
  export interface LoadOptions {
    readonly schema?: Schema
    readonly json?: boolean
    readonly maxDepth?: number
    readonly filename?: string
  }
  export function load(text: string, options?: LoadOptions): unknown
  export function loadAll(text: string, iterator?: null, options?: LoadOptions): unknown[]
}
