import { afterAll, beforeAll, test } from 'vitest'
import { makeApp, json, translate, type TestApp } from './helpers/app.js'

let t: TestApp
beforeAll(async () => { t = await makeApp() })
afterAll(async () => { await t.close() })
const R = (cond: string, extra = '') => `title: t\nlogsource: {product: windows}\ndetection:\n  sel1: {a: b}\n  sel2: {c: d}\n  f1: {e: f}\n  f2: {g: h}\n  condition: ${cond}\n${extra}`
const cases: Record<string, string> = {
  proto: R('sel1', '__proto__: {isAdmin: true}\n'),
  laughs: 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n',
  deep: 'a: ' + '['.repeat(10000) + ']'.repeat(10000),
  dup: 'title: a\ntitle: b\n',
  tags: R('sel1', 'x: !!js/function "function(){}"\n'),
  multi: 'a: 1\n---\nb: 2\n',
  cdeep: R('(' .repeat(10000) + 'sel1' + ')'.repeat(10000)),
  lex: R('sel1 & sel2'),
  eof: R('sel1 and (f1 or f2'),
  re: `title: t\nlogsource: {product: windows}\ndetection:\n  sel:\n    a|re: '(a+)+$'\n  condition: sel\n`,
}
test('probe', async () => {
  for (const [k, r] of Object.entries(cases)) {
    const t0 = performance.now()
    const res = await t.app.request('/api/v1/translate', json(translate(r)))
    console.log(k, res.status, (performance.now() - t0).toFixed(0), (await res.text()).slice(0, 600))
  }
})
