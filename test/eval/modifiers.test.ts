/** Value semantics, one table per form: each row is a detection, an event and whether it matches. */
import { Buffer } from 'node:buffer'
import { describe, expect, it } from 'vitest'
import { evaluateRule } from '../../src/eval/evaluate.js'
import { toRe2Syntax } from '../../src/eval/regex.js'
import { ruleOf } from './helpers.js'

type Row = readonly [detection: string, event: Record<string, unknown>, match: boolean]

function table(name: string, rows: readonly Row[]): void {
  describe(name, () => {
    it.each(rows.map((r, i) => [i, ...r] as const))('#%i %s', (_i, detection, event, match) => {
      const r = evaluateRule(ruleOf(`sel:\n  ${detection}\ncondition: sel`), event)
      expect(r.diagnostics).toEqual([])
      expect(r.match).toBe(match)
    })
  })
}

table('plain strings: whole value, case-insensitive', [
  ["Image: 'C:\\Windows\\cmd.exe'", { Image: 'c:\\windows\\CMD.EXE' }, true],
  ["Image: 'C:\\Windows\\cmd.exe'", { Image: 'C:\\Windows\\cmd.exe ' }, false],
  ["Image: 'cmd.exe'", { Image: 'C:\\Windows\\cmd.exe' }, false],
  ["Image: 'İSTANBUL'", { Image: 'i̇stanbul' }, true],
  ["Image: ''", { Image: '' }, true],
  ["Image: ''", { Image: 'x' }, false],
  ["Image: ''", {}, false],
  ["Image: 'x'", { Image: ['a', 'X'] }, true],
  ["Image: 'x'", { Image: null }, false],
  ['Image: [a, b, c]', { Image: 'B' }, true],
  ['Image: [a, b, c]', { Image: 'd' }, false],
])

table('cased', [
  ["Image|cased: 'cmd.exe'", { Image: 'cmd.exe' }, true],
  ["Image|cased: 'cmd.exe'", { Image: 'CMD.exe' }, false],
  ["Image|contains|cased: 'Cmd'", { Image: 'xCmdx' }, true],
  ["Image|contains|cased: 'Cmd'", { Image: 'xcmdx' }, false],
  ["Image|cased: 'c*.EXE'", { Image: 'cmd.EXE' }, true],
  ["Image|cased: 'c*.EXE'", { Image: 'cmd.exe' }, false],
])

table('wildcards and escapes', [
  ["Image: '*\\cmd.exe'", { Image: 'C:\\Windows\\cmd.exe' }, true],
  ["Image: '*\\cmd.exe'", { Image: 'C:\\Windows\\xcmd.exe' }, false],
  ["Image: 'C:\\\\Windows\\\\*'", { Image: 'C:\\Windows\\x' }, true],
  ["Image: '?md.exe'", { Image: 'cmd.exe' }, true],
  ["Image: '?md.exe'", { Image: 'md.exe' }, false],
  ["Image: '?md.exe'", { Image: '😀md.exe' }, true],
  ["Image: 'a*b*c'", { Image: 'aXXbYYc' }, true],
  ["Image: 'a*b*c'", { Image: 'aXXcYYb' }, false],
  ["Image: 'a*a'", { Image: 'a' }, false],
  ["Image: 'a*a'", { Image: 'aa' }, true],
  ["Image: '*'", { Image: '' }, true],
  ["Image: '*'", {}, false],
  // `\*` and `\?` are literal; `C:\Windows\*` is the common trap: an escaped (literal) star.
  ["Image: 'a\\*b'", { Image: 'a*b' }, true],
  ["Image: 'a\\*b'", { Image: 'aXb' }, false],
  ["Image: 'a\\?b'", { Image: 'a?b' }, true],
  ["Image: 'a\\?b'", { Image: 'aXb' }, false],
  ["Image: 'C:\\Windows\\*'", { Image: 'C:\\Windows*' }, true],
  ["Image: 'C:\\Windows\\*'", { Image: 'C:\\Windows\\x' }, false],
  ["Image: 'a\\\\b'", { Image: 'a\\b' }, true],
  ["Image: 'ab\\'", { Image: 'ab\\' }, true],
])

table('contains / startswith / endswith / all', [
  ["CommandLine|contains: 'VSSADMIN'", { CommandLine: 'c:\\x\\vssadmin.exe delete' }, true],
  ["CommandLine|contains: 'vssadmin'", { CommandLine: 'vss admin' }, false],
  ["CommandLine|startswith: 'net '", { CommandLine: 'NET user' }, true],
  ["CommandLine|startswith: 'net '", { CommandLine: 'xnet user' }, false],
  ["CommandLine|endswith: '.ps1'", { CommandLine: 'a.PS1' }, true],
  ["CommandLine|endswith: '.ps1'", { CommandLine: 'a.ps1 ' }, false],
  ["CommandLine|contains: '*x'", { CommandLine: 'axb' }, true],
  ['CommandLine|contains|all: [delete, shadows]', { CommandLine: 'vssadmin delete shadows' }, true],
  ['CommandLine|contains|all: [delete, shadows]', { CommandLine: 'vssadmin delete' }, false],
  ['CommandLine|contains: [delete, shadows]', { CommandLine: 'vssadmin delete' }, true],
])

table('numbers, numeric strings and booleans', [
  ['EventID: 4624', { EventID: 4624 }, true],
  ['EventID: 4624', { EventID: '4624' }, true],
  ['EventID: 4624', { EventID: '4625' }, false],
  ['EventID: 4624', { EventID: 'x4624' }, false],
  ["EventID: '4624'", { EventID: 4624 }, true],
  ['EventID: [4624, 4625]', { EventID: '4625' }, true],
  ['Value: 1.5', { Value: '1.5' }, true],
  ['Enabled: true', { Enabled: true }, true],
  ['Enabled: true', { Enabled: 'True' }, true],
  ['Enabled: true', { Enabled: false }, false],
  ['Enabled: false', { Enabled: 'false' }, true],
])

table('null, exists, empty', [
  ['Field: null', {}, true],
  ['Field: null', { Field: null }, true],
  ['Field: null', { Field: '' }, false],
  ['Field: null', { Field: 'x' }, false],
  ['Field: []', {}, true],
  ['Field|exists: true', { Field: 'x' }, true],
  ['Field|exists: true', { Field: '' }, true],
  ['Field|exists: true', { Field: null }, true],
  ['Field|exists: true', {}, false],
  ['Field|exists: false', {}, true],
  ['Field|exists: false', { Field: null }, false],
])

table('re: case-sensitive unanchored search, flags', [
  ["CommandLine|re: 'e[0-9]+x'", { CommandLine: 'abe123xyz' }, true],
  ["CommandLine|re: 'E[0-9]+X'", { CommandLine: 'abe123xyz' }, false],
  ["CommandLine|re|i: 'E[0-9]+X'", { CommandLine: 'abe123xyz' }, true],
  ["CommandLine|re: '^b'", { CommandLine: 'a\nb' }, false],
  ["CommandLine|re|m: '^b'", { CommandLine: 'a\nb' }, true],
  ["CommandLine|re: 'a.b'", { CommandLine: 'a\nb' }, false],
  ["CommandLine|re|s: 'a.b'", { CommandLine: 'a\nb' }, true],
  ["CommandLine|re: '(?i)ABC'", { CommandLine: 'abc' }, true],
  ["CommandLine|re: '(?P<x>a)b'", { CommandLine: 'ab' }, true],
  ["CommandLine|re: 'a\\Z'", { CommandLine: 'ba' }, true],
  ["CommandLine|re: '\\u0041'", { CommandLine: 'A' }, true],
  ["CommandLine|re: 'x{,2}y'", { CommandLine: 'y' }, true],
  ["EventID|re: '^46'", { EventID: 4624 }, true],
  ["CommandLine|re|contains: 'b.c'", { CommandLine: 'abxcd' }, true],
  ["CommandLine|re: '(a+)+$'", { CommandLine: 'a'.repeat(100_000) + 'b' }, false],
])

table('cidr', [
  ["IP|cidr: '10.0.0.0/8'", { IP: '10.1.2.3' }, true],
  ["IP|cidr: '10.0.0.0/8'", { IP: '11.1.2.3' }, false],
  ["IP|cidr: '192.168.0.0/23'", { IP: '192.168.1.255' }, true],
  ["IP|cidr: '192.168.0.0/23'", { IP: '192.168.2.0' }, false],
  ["IP|cidr: '0.0.0.0/0'", { IP: '8.8.8.8' }, true],
  ["IP|cidr: '10.0.0.1/32'", { IP: '10.0.0.1' }, true],
  ["IP|cidr: '10.0.0.0/8'", { IP: 'not an ip' }, false],
  ["IP|cidr: '10.0.0.0/8'", { IP: '010.0.0.1' }, false],
  ["IP|cidr: '10.0.0.0/8'", { IP: '::ffff:10.0.0.1' }, false],
  ["IP|cidr: 'fc00::/7'", { IP: 'fd12:3456::1' }, true],
  ["IP|cidr: 'fc00::/7'", { IP: 'fe80::1' }, false],
  ["IP|cidr: '::ffff:0:0/96'", { IP: '::ffff:10.0.0.1' }, true],
  ["IP|cidr: '2001:db8::/32'", { IP: '2001:DB8:0:0:0:0:0:1' }, true],
  ["IP|cidr: 'fc00::/7'", { IP: '10.0.0.1' }, false],
  ["IP|cidr: ['10.0.0.0/8', '172.16.0.0/12']", { IP: '172.20.0.1' }, true],
])

table('compare', [
  ['Size|gt: 100', { Size: 101 }, true],
  ['Size|gt: 100', { Size: 100 }, false],
  ['Size|gte: 100', { Size: '100' }, true],
  ['Size|lt: 100', { Size: 99.5 }, true],
  ['Size|lte: 100', { Size: 101 }, false],
  ['Size|lt: 100', { Size: 'small' }, false],
  ['Size|lt: 100', {}, false],
])

table('fieldref', [
  ['A|fieldref: B', { A: 'x', B: 'X' }, true],
  ['A|fieldref: B', { A: 'x', B: 'y' }, false],
  ['A|fieldref: B', { A: 'x' }, false],
  ['A|fieldref|startswith: B', { A: 'abc', B: 'ab' }, true],
  ['A|fieldref|endswith: B', { A: 'abc', B: 'bc' }, true],
  ['A|fieldref|contains: B', { A: 'abc', B: 'b' }, true],
  ['A|fieldref|contains: B', { A: 'abc', B: 'd' }, false],
  ['A|fieldref|neq: B', { A: 'x', B: 'y' }, true],
  ['A|fieldref|neq: B', { A: 'x', B: 'x' }, false],
])

table('neq (NOT of the item, as pySigma emits it)', [
  ['User|neq: SYSTEM', { User: 'alice' }, true],
  ['User|neq: SYSTEM', { User: 'system' }, false],
  ['User|neq: SYSTEM', {}, true],
  ['User|neq: [a, b]', { User: 'b' }, false],
  ['User|neq: [a, b]', { User: 'c' }, true],
])

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64')
const b64wide = (s: string): string => Buffer.from(s, 'utf16le').toString('base64')

table('encodings and windash (expansions are OR-linked)', [
  ["CommandLine|windash|contains: ' -enc '", { CommandLine: 'powershell /enc AAA' }, true],
  ["CommandLine|windash|contains: ' -enc '", { CommandLine: 'powershell \u2013enc AAA' }, true],
  ["CommandLine|windash|contains: ' -enc '", { CommandLine: 'powershell \u2014enc AAA' }, true],
  ["CommandLine|windash|contains: ' -enc '", { CommandLine: 'powershell _enc AAA' }, false],
  ["CommandLine|windash|contains: ' -enc '", { CommandLine: 'x \u2015enc y' }, true],
  ["CommandLine|windash|contains: ' -enc '", { CommandLine: 'x enc y' }, false],
  ["CommandLine|base64offset|contains: 'ping'", { CommandLine: `x ${b64('ping 1.1.1.1')} y` }, true],
  ["CommandLine|base64offset|contains: 'ping'", { CommandLine: `x ${b64('a ping')} y` }, true],
  ["CommandLine|base64offset|contains: 'ping'", { CommandLine: `x ${b64('ab ping')} y` }, true],
  ["CommandLine|base64offset|contains: 'ping'", { CommandLine: `x ${b64('pong')} y` }, false],
  ["CommandLine|wide|base64offset|contains: 'ping'", { CommandLine: `-enc ${b64wide('ab ping x')}` }, true],
  ["CommandLine|base64: 'ping'", { CommandLine: b64('ping') }, true],
  ["CommandLine|base64|contains: 'ping'", { CommandLine: `x${b64('ping')}x` }, true],
])

table('time parts (the timestamp as written, no zone conversion)', [
  ['Time|hour: 23', { Time: '2025-10-24T23:41:00.601559Z' }, true],
  ['Time|hour|gte: 22', { Time: '2025-10-24 23:41:00.589' }, true],
  ['Time|hour|lt: 6', { Time: '2025-10-24T23:41:00+02:00' }, false],
  ['Time|minute: 41', { Time: '2025-10-24T23:41:00Z' }, true],
  ['Time|day: 24', { Time: '2025-10-24T23:41:00Z' }, true],
  ['Time|month: 10', { Time: '2025-10-24T23:41:00Z' }, true],
  ['Time|year|gte: 2025', { Time: '2025-10-24T23:41:00Z' }, true],
  ['Time|week: 43', { Time: '2025-10-24T23:41:00Z' }, true],
  ['Time|week: 1', { Time: '2026-01-01' }, true],
  ['Time|week: 53', { Time: '2021-01-01' }, true],
  ['Time|hour: 0', { Time: 0 }, true],
  ['Time|hour: 1', { Time: 1_700_000_000_000 }, false],
  ['Time|hour: 22', { Time: 1_700_000_000_000 }, true],
  ['Time|hour: 0', { Time: 'not a time' }, false],
])

table('nested fields', [
  ['a.b.c: x', { a: { b: { c: 'x' } } }, true],
  ['a.b.c: x', { 'a.b.c': 'x' }, true],
  ['a.b.c: x', { 'a.b': { c: 'x' } }, true],
  ['a.b.c: x', { a: { 'b.c': 'x' } }, true],
  ['a.b.c: x', { a: [{ b: { c: 'y' } }, { b: { c: 'x' } }] }, true],
  ['a.b.c: x', { a: { b: 'x' } }, false],
  ['a.b|exists: true', { a: { b: null } }, true],
  ['a.b|exists: true', { a: { c: 1 } }, false],
  ['a.b: null', { a: { c: 1 } }, true],
  ['Image: x', { image: 'x' }, false],
])

describe('toRe2Syntax', () => {
  it.each([
    ['a\\Z', 'a\\z'],
    ['[\\Z]', '[\\Z]'],
    ['\\u00e9', '\\x{00e9}'],
    ['\\U0001F600', '\\x{0001F600}'],
    ['x{,3}', 'x{0,3}'],
    ['[]{,3}]', '[]{,3}]'],
    ['\\\\Z', '\\\\Z'],
  ])('%s → %s', (py, re2) => expect(toRe2Syntax(py)).toBe(re2))
})
