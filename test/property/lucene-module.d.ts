/** Types for the parts of the `lucene` npm package (2.1.1, a PEG.js Lucene query parser) the property tests use. */
declare module 'lucene' {
  export interface LuceneTerm {
    readonly field?: string
    readonly term?: string
    readonly quoted?: boolean
    readonly regex?: boolean
    readonly prefix?: string
    readonly similarity?: number
    readonly boost?: number
    readonly proximity?: number
  }
  export interface LuceneNode extends LuceneTerm {
    readonly left?: LuceneNode
    readonly right?: LuceneNode
    readonly operator?: string
    readonly start?: string
    readonly parenthesized?: boolean
    readonly term_min?: string
    readonly term_max?: string
  }
  export function parse(query: string): LuceneNode
  const lucene: { parse: typeof parse }
  export default lucene
}
