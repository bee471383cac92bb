/** Conditions, keywords, Windows exports, the `fired` report and what cannot be evaluated. */
import { describe, expect, it } from 'vitest'
import { evaluateExpr, evaluateRule } from '../../src/eval/evaluate.js'
import { eventView } from '../../src/eval/event.js'
import { ruleExprs } from '../../src/sigma/resolve.js'
import { ruleOf } from './helpers.js'

const SELS = `
sel1:
  A: 1
sel2:
  B: 2
filter_x:
  C: 3
_hidden:
  D: 4`

describe('conditions', () => {
  const rows: readonly (readonly [string, Record<string, unknown>, boolean])[] = [
    ['sel1 and sel2', { A: 1, B: 2 }, true],
    ['sel1 and sel2', { A: 1 }, false],
    ['sel1 or sel2', { B: 2 }, true],
    ['sel1 or sel2', {}, false],
    ['sel1 and not filter_x', { A: 1 }, true],
    ['sel1 and not filter_x', { A: 1, C: 3 }, false],
    ['not sel1', {}, true],
    ['not not sel1', { A: 1 }, true],
    ['sel1 or sel2 and filter_x', { A: 1 }, true],
    ['(sel1 or sel2) and filter_x', { A: 1 }, false],
    ['1 of sel*', { B: 2 }, true],
    ['any of sel*', { B: 2 }, true],
    ['all of sel*', { B: 2 }, false],
    ['all of sel*', { A: 1, B: 2 }, true],
    ['all of them', { A: 1, B: 2, C: 3 }, true],
    ['1 of them', { D: 4 }, false],
    ['1 of _h*', { D: 4 }, true],
    ['sel1 and not 1 of nomatch*', { A: 1 }, true],
  ]
  it.each(rows)('%s on %j → %s', (condition, event, match) => {
    const r = evaluateRule(ruleOf(`${SELS}\ncondition: ${condition}`), event)
    expect(r.match).toBe(match)
  })

  it('OR-links a list of conditions', () => {
    const rule = ruleOf(`${SELS}\ncondition:\n  - sel1\n  - sel2`)
    expect(evaluateRule(rule, { B: 2 }).match).toBe(true)
    expect(evaluateRule(rule, { C: 3 }).match).toBe(false)
  })

  it('ANDs the items of a map and ORs the maps of a list', () => {
    const rule = ruleOf(`sel:\n  - A: 1\n    B: 2\n  - C: 3\ncondition: sel`)
    expect(evaluateRule(rule, { A: 1 }).match).toBe(false)
    expect(evaluateRule(rule, { A: 1, B: 2 }).match).toBe(true)
    expect(evaluateRule(rule, { C: 3 }).match).toBe(true)
  })
})

describe('keywords search every value of the event', () => {
  const rows: readonly (readonly [string, Record<string, unknown>, boolean])[] = [
    ['kw:\n  - mimikatz\n  - rubeus', { msg: 'Started MIMIKATZ.exe' }, true],
    ['kw:\n  - mimikatz\n  - rubeus', { a: { b: ['x', 'run rubeus'] } }, true],
    ['kw:\n  - mimikatz', { mimikatz: 'x' }, false],
    ['kw:\n  - mimikatz', { msg: 'mimi katz' }, false],
    ["kw:\n  '|all':\n    - delete\n    - shadows", { a: 'vssadmin delete', b: 'shadows /all' }, true],
    ["kw:\n  '|all':\n    - delete\n    - shadows", { a: 'vssadmin delete' }, false],
    ["kw:\n  '|re': 'e[0-9]+x'", { a: 'abe12x' }, true],
    ["kw:\n  '|cased':\n    - Mimikatz", { a: 'mimikatz' }, false],
    ['kw:\n  - 4624', { a: 'id 4624 here' }, true],
    ['kw:\n  - 4624', { a: 4624 }, true],
    ["kw:\n  - 'a*c'", { a: 'xxabcxx' }, true],
  ]
  it.each(rows)('%s on %j → %s', (detection, event, match) => {
    const r = evaluateRule(ruleOf(`${detection}\ncondition: kw`), event)
    expect(r.diagnostics).toEqual([])
    expect(r.match).toBe(match)
  })
})

const WINDOWS = {
  Event: {
    '#attributes': { xmlns: 'http://schemas.microsoft.com/win/2004/08/events/event' },
    System: {
      Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon', Guid: '5770385F-C22A-43E0-BF4C-06F5698FFBD9' } },
      EventID: 1,
      Level: 4,
      TimeCreated: { '#attributes': { SystemTime: '2025-10-22T20:33:27.276702Z' } },
      Correlation: null,
      Execution: { '#attributes': { ProcessID: 3168, ThreadID: 4580 } },
      Channel: 'Microsoft-Windows-Sysmon/Operational',
      Computer: 'ar-win-1',
      Security: { '#attributes': { UserID: 'S-1-5-18' } },
    },
    EventData: { RuleName: '-', Image: 'C:\\Windows\\System32\\sc.exe', CommandLine: 'sc  stop mpssvc', ProcessId: 3424 },
  },
}

describe('Windows event exports (Event.System / Event.EventData)', () => {
  const v = eventView(WINDOWS)
  const rows: readonly (readonly [string, unknown])[] = [
    ['EventID', [1]],
    ['Channel', ['Microsoft-Windows-Sysmon/Operational']],
    ['Provider_Name', ['Microsoft-Windows-Sysmon']],
    ['Provider_Guid', ['5770385F-C22A-43E0-BF4C-06F5698FFBD9']],
    ['Computer', ['ar-win-1']],
    ['TimeCreated_SystemTime', ['2025-10-22T20:33:27.276702Z']],
    ['Execution_ProcessID', [3168]],
    ['Security_UserID', ['S-1-5-18']],
    ['Correlation', [null]],
    ['Image', ['C:\\Windows\\System32\\sc.exe']],
    ['ProcessId', [3424]],
    ['winlog.event_data.CommandLine', ['sc  stop mpssvc']],
    ['winlog.channel', ['Microsoft-Windows-Sysmon/Operational']],
    ['Event.System.Computer', ['ar-win-1']],
    ['xmlns', []],
  ]
  it.each(rows)('%s', (field, values) => expect(v.lookup(field).values).toEqual(values))

  it('matches rules written for Sysmon / Security fields', () => {
    const rule = ruleOf(`sel:\n  EventID: 1\n  Provider_Name: Microsoft-Windows-Sysmon\n  Image|endswith: '\\sc.exe'\n  CommandLine|contains|all: [' stop ', mpssvc]\ncondition: sel`)
    expect(evaluateRule(rule, WINDOWS).match).toBe(true)
    // read as a plain object, the same event has none of those fields
    expect(evaluateRule(rule, WINDOWS, { format: 'plain' }).match).toBe(false)
  })

  it('flattens UserData by field name and Data lists by their Name attribute', () => {
    const ev = {
      Event: {
        System: { EventID: 5858, Channel: 'Microsoft-Windows-WMI-Activity/Operational' },
        UserData: { Operation_ClientFailure: { '#attributes': { xmlns: 'x' }, Operation: 'Start ExecMethod ::cleareventlog', ResultCode: '0x80041003' } },
      },
    }
    expect(eventView(ev).lookup('Operation').values).toEqual(['Start ExecMethod ::cleareventlog'])
    const data = { Event: { System: { EventID: 1 }, EventData: { Data: [{ '#attributes': { Name: 'TargetUserName' }, '#text': 'bob' }, 'loose'] } } }
    expect(eventView(data).lookup('TargetUserName').values).toEqual(['bob'])
    expect(eventView(data).lookup('Data').values).toEqual(['loose'])
  })

  it('reads an element with attributes and text (EventID Qualifiers) by its text', () => {
    const ev = { Event: { System: { EventID: { '#attributes': { Qualifiers: 16384 }, '#text': 7045 } }, EventData: null } }
    expect(eventView(ev).lookup('EventID').values).toEqual([7045])
    expect(eventView(ev).lookup('EventID_Qualifiers').values).toEqual([16384])
    expect(evaluateRule(ruleOf('sel:\n  EventID: 7045\ncondition: sel'), ev).match).toBe(true)
  })

  it('keywords search the flattened fields', () => {
    expect(evaluateRule(ruleOf('kw:\n  - mpssvc\ncondition: kw'), WINDOWS).match).toBe(true)
    expect(evaluateRule(ruleOf('kw:\n  - schemas.microsoft.com\ncondition: kw'), WINDOWS).match).toBe(false)
  })
})

describe('fired items', () => {
  it('lists the items that made the rule match, with identifier, modifiers, value and event value', () => {
    const rule = ruleOf(`sel_img:\n  Image|endswith:\n    - '\\cmd.exe'\n    - '\\sc.exe'\nsel_cli:\n  CommandLine|contains: stop\nfilter:\n  User: SYSTEM\ncondition: all of sel_* and not filter`)
    const r = evaluateRule(rule, { Image: 'C:\\Windows\\sc.exe', CommandLine: 'sc stop x', User: 'bob' })
    expect(r.match).toBe(true)
    expect(r.fired).toEqual([
      { detection: 'sel_img', field: 'Image', modifiers: ['endswith'], value: '*\\sc.exe', matched: 'C:\\Windows\\sc.exe', line: 6, column: 5 },
      { detection: 'sel_cli', field: 'CommandLine', modifiers: ['contains'], value: '*stop*', matched: 'sc stop x', line: 10, column: 5 },
    ])
  })

  it('reports every OR alternative that matched, the matching expansion alternative, and nothing when no match', () => {
    const rule = ruleOf(`a:\n  X: 1\nb:\n  Y|windash: '-x'\nk:\n  - hello\ncondition: a or b or k`)
    const r = evaluateRule(rule, { X: 1, Y: '/x', Z: 'hello world' })
    expect(r.fired.map((f) => [f.detection, f.field, f.value, f.matched])).toEqual([
      ['a', 'X', '1', 1],
      ['b', 'Y', '/x', '/x'],
      ['k', null, 'hello', 'hello world'],
    ])
    expect(evaluateRule(rule, { X: 2 })).toEqual({ match: false, fired: [], diagnostics: [] })
  })

  it('evaluateExpr runs one Expr of ruleExprs', () => {
    const rule = ruleOf('sel:\n  A|gt: 3\ncondition: sel')
    const [expr] = ruleExprs(rule)
    expect(expr).toBeTruthy()
    expect(evaluateExpr(expr!, { A: '4' }).match).toBe(true)
    expect(evaluateExpr(expr!, { A: 3 }).match).toBe(false)
  })
})

describe('what cannot be evaluated is a diagnostic, never a hang or a crash', () => {
  it.each([
    ["CommandLine|re: '(a)\\1'", 'backreferences'],
    ["CommandLine|re: 'a(?=b)'", 'lookaround'],
    ["CommandLine|re: '(?<!x)b'", 'lookaround'],
    ["CommandLine|re: 'a++'", 'possessive'],
  ])('%s', (item, reason) => {
    const r = evaluateRule(ruleOf(`sel:\n  ${item}\ncondition: sel`), { CommandLine: 'aab' })
    expect(r.match).toBe(false)
    expect(r.diagnostics).toHaveLength(1)
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', code: 'eval.regex_unsupported', file: 'test.yml', line: 6, column: 5 })
    expect(r.diagnostics[0]!.message).toContain(reason)
  })

  it('an unresolved %placeholder% never matches and says why', () => {
    const r = evaluateRule(ruleOf(`sel:\n  User|expand: '%admins%'\ncondition: sel`), { User: '%admins%' })
    expect(r.match).toBe(false)
    expect(r.diagnostics.map((d) => d.code)).toEqual(['eval.unresolved_placeholder'])
  })

  it('a regex with catastrophic backtracking in PCRE stays fast', () => {
    const rule = ruleOf(`sel:\n  A|re: '^(a|a)*(a|a)*(a|a)*$'\ncondition: sel`)
    const start = performance.now()
    expect(evaluateRule(rule, { A: 'a'.repeat(50_000) + '!' }).match).toBe(false)
    expect(performance.now() - start).toBeLessThan(2000)
  })
})
