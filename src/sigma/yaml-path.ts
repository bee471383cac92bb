/** Key paths into a YAML document, and their text form used in diagnostics (`detection.sel.Image|endswith`, `tags[2]`). */

export type YamlPath = readonly (string | number)[]

export function formatPath(path: YamlPath): string {
  let out = ''
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`
    else out += out === '' ? seg : `.${seg}`
  }
  return out
}
