"""Regenerate pysigma-cases.json: run pySigma on each (key, value) case and record a normalised result.
Usage: cd /work/ref/pySigma && python3 /work/main/test/sigma-values/pysigma-cases.py"""
import json, os, sys
sys.path.insert(0, '/work/ref/pySigma')
from sigma.rule import SigmaDetectionItem
from sigma.types import (SigmaString, SigmaCasedString, SigmaNumber, SigmaBool, SigmaNull, SigmaRegularExpression,
    SigmaCIDRExpression, SigmaCompareExpression, SigmaFieldReference, SigmaExpansion, SigmaExists, SigmaTimestampPart,
    SpecialChars, Placeholder)
from sigma.conditions import ConditionAND

CASES = [
    # plain values and escaping
    ('a', 'C:\\Windows\\cmd.exe'), ('a', 'C:\\\\Windows\\\\cmd.exe'), ('a', '\\\\*'), ('a', '\\*'), ('a', '\\?'),
    ('a', '\\\\\\*'), ('a', '\\\\\\\\'), ('a', '\\\\\\'), ('a', 'abc\\'), ('a', 'C:\\Windows\\*\\cmd.exe'),
    ('a', 'a*b?c'), ('a', '*'), ('a', ''), ('a', '%x%'), ('a', 5), ('a', 1.5), ('a', 2.0), ('a', -3), ('a', True),
    ('a', False), ('a', None), ('a', []), ('a', ['x', 'y*']), ('a', ['x', None]),
    # contains / startswith / endswith
    ('a|contains', 'abc'), ('a|contains', '*abc'), ('a|contains', 'abc*'), ('a|contains', '*'), ('a|contains', ''),
    ('a|contains', '?abc?'), ('a|startswith', 'abc'), ('a|startswith', 'abc*'), ('a|endswith', 'abc'), ('a|endswith', '*abc'),
    ('a|contains', 5), ('a|contains', True), ('a|contains', None), ('a|contains|all', ['a', 'b']), ('a|contains|all', 'a'),
    ('|contains', 'x'), ('|all', ['a', 'b']), ('a|all|contains', ['a', 'b']), ('a|contains', []),
    # regex
    ('a|re', 'a.*b'), ('a|re', 'a\\*b?'), ('a|re|i', 'x'), ('a|re|i|m|s', 'x'), ('a|re|s|m|i', 'x'),
    ('a|re|ignorecase|multiline|dotall', 'x'), ('a|re|contains', 'a.b'), ('a|re|contains', '^a.b$'), ('a|re|contains', '.*a.*'),
    ('a|re|startswith', 'ab'), ('a|re|endswith', 'ab'), ('a|re|startswith', 'ab$'), ('a|re|endswith', '^ab'), ('a|contains|re', 'x'),
    ('a|re', 5), ('a|re', '(?i)abc'), ('a|re', '(?P<n>a)(?P=n)'), ('a|re', 'a(b'), ('a|re', '[z-a]'), ('a|re', '\\e'),
    ('a|re', 'a(?i)b'), ('a|re', '\\d+\\s\\w'), ('a|i', 'x'), ('a|re|i|i', 'x'), ('a|re', ['a', 'b']),
    ('a|cased|re', 'x'), ('a|re|expand', '%x%'),
    # cased
    ('a|cased', 'AbC'), ('a|cased|contains', 'AbC'), ('a|contains|cased', 'AbC'), ('a|cased', 5),
    # base64 / base64offset / utf16
    ('a|base64', 'ping'), ('a|base64', 'abc'), ('a|base64', 'ab'), ('a|base64', ''), ('a|base64|contains', 'ping'),
    ('a|contains|base64', 'ping'), ('a|base64', 'a*'), ('a|base64offset', 'ping'), ('a|base64offset', 'whoami'),
    ('a|base64offset', '/c calc'), ('a|base64offset', 'a'), ('a|base64offset', 'ab'), ('a|base64offset', 'abc'),
    ('a|base64offset|contains', 'ping'), ('a|base64offset|contains', '::FromBase64String'),
    ('a|wide|base64offset|contains', 'ping'), ('a|wide|base64offset', 'ping'), ('a|wide|base64', 'cmd'),
    ('a|utf16be|base64', 'cmd'), ('a|utf16be|base64offset|contains', 'cmd'), ('a|wide', 'cmd'), ('a|utf16be', 'cmd'),
    ('a|base64offset', 'a*b'), ('a|base64', 5), ('a|wide|contains', 'cmd'), ('a|contains|wide', 'cmd'),
    ('a|wide|base64offset|contains|all', ['ab', 'cd']), ('a|base64', 'Ü'),
    # windash
    ('a|windash', '-param /x a-b --y c/-d'), ('a|windash', ' -f '), ('a|windash|contains', ' -f '),
    ('a|contains|windash', ' -f '), ('a|windash', 'noflags'), ('a|windash', '*-x'), ('a|windash', 'a -b -c'),
    ('a|windash', '-'), ('a|windash', '/'), ('a|windash', 'x-y'), ('a|windash', '-é'), ('a|windash', 'é-x'), ('a|windash', '-_'),
    ('a|windash', '–x'), ('a|windash|base64offset|contains', '-x'), ('a|windash', 5), ('a|windash|windash', '-x'),
    # cidr
    ('a|cidr', '10.0.0.0/8'), ('a|cidr', '192.168.0.0/23'), ('a|cidr', '127.0.0.1'), ('a|cidr', '0.0.0.0/0'),
    ('a|cidr', '10.0.0.1/8'), ('a|cidr', '10.0.0.0/33'), ('a|cidr', '010.0.0.0/8'), ('a|cidr', '10.0.0/8'),
    ('a|cidr', '10.0.0.0/255.0.0.0'), ('a|cidr', '10.0.0.0/0.255.255.255'), ('a|cidr', '10.0.0.0/08'),
    ('a|cidr', 'fc00::/7'), ('a|cidr', 'FC00::/7'), ('a|cidr', '::1/128'), ('a|cidr', '::1'), ('a|cidr', '::/0'),
    ('a|cidr', '2001:db8::/32'), ('a|cidr', '2001:0db8:0000:0000:0000:0000:0000:0000/32'), ('a|cidr', '2001:db8:0:0:1:0:0:0/96'),
    ('a|cidr', '2001:db8::1/64'), ('a|cidr', 'fe80::/10'), ('a|cidr', '::ffff:10.0.0.0/104'), ('a|cidr', '1:2:3:4:5:6:7:8'),
    ('a|cidr', '1::2::3'), ('a|cidr', 'x'), ('a|cidr', '10.*'), ('a|cidr', 5), ('a|contains|cidr', '10.0.0.0/8'),
    ('a|cidr|contains', '10.0.0.0/8'), ('a|cidr', ['10.0.0.0/8', '172.16.0.0/12']), ('a|cidr', '1:0:0:1::/64'),
    ('a|cidr', '1:0:0:2:0:0:0:0/64'), ('a|cidr', '::1.2.3.4'), ('a|cidr', '10.0.0.0/32'), ('a|cidr', ' 10.0.0.0/8'),
    # exists / fieldref / compare / neq / expand / time
    ('a|exists', True), ('a|exists', False), ('a|exists', 'yes'), ('|exists', True), ('a|contains|exists', True),
    ('a|fieldref', 'b'), ('a|fieldref|startswith', 'b'), ('a|fieldref|endswith', 'b'), ('a|fieldref|contains', 'b'),
    ('a|fieldref|startswith|endswith', 'b'), ('a|fieldref', 'b*'), ('a|fieldref', 5), ('a|fieldref|neq', 'b'),
    ('a|lt', 5), ('a|lte', 5.5), ('a|gt', -1), ('a|gte', 0), ('a|gt', '5'), ('a|gt|lt', 5), ('a|neq', 'x'),
    ('a|neq', ['x', 'y']), ('a|contains|neq', 'x'), ('a|expand', '%x%'), ('a|expand', 'a%x%b%y%c'), ('a|expand', '\\%x%'),
    ('a|expand', '\\%x%y%'), ('a|expand', '%x'), ('a|expand|contains', '%x%'), ('a|contains|expand', '%x%'), ('a|expand', 5),
    ('a|hour', 22), ('a|hour|gte', 22), ('a|minute|lt', 30), ('a|day', 1.7), ('a|year|gt', 2020), ('a|hour', 'x'),
    ('a|gte|hour', 5), ('a|hour|minute', 5), ('a|week', 3), ('a|month|lte', 6),
    # unknown / key syntax
    ('a|foo', 'x'), ('a||contains', 'x'), ('a|', 'x'), ('a|Contains', 'x'), ('a|utf16le', 'cmd'),
]

def norm(v):
    if isinstance(v, SigmaExpansion):
        return {'exp': [norm(x) for x in v.values]}
    if isinstance(v, SigmaString):
        parts = []
        for p in v.s:
            if isinstance(p, str): parts.append(p)
            elif isinstance(p, Placeholder): parts.append({'ph': p.name})
            elif p == SpecialChars.WILDCARD_MULTI: parts.append({'w': '*'})
            else: parts.append({'w': '?'})
        # merge adjacent literals like our normParts
        merged = []
        for p in parts:
            if isinstance(p, str) and p == '': continue
            if isinstance(p, str) and merged and isinstance(merged[-1], str): merged[-1] += p
            else: merged.append(p)
        return {'str': merged, 'cased': isinstance(v, SigmaCasedString)}
    if isinstance(v, SigmaBool): return {'bool': v.boolean}
    if isinstance(v, SigmaTimestampPart): return {'time': v.timestamp_part.name.lower(), 'op': 'eq', 'value': v.number}
    if isinstance(v, SigmaNumber): return {'num': v.number}
    if isinstance(v, SigmaNull): return {'null': True}
    if isinstance(v, SigmaRegularExpression):
        return {'re': str(v.regexp), 'flags': sorted(SigmaRegularExpression.sigma_to_re_flag[f] for f in v.flags)}
    if isinstance(v, SigmaCIDRExpression): return {'cidr': str(v.network)}
    if isinstance(v, SigmaCompareExpression):
        n = v.number
        if isinstance(n, SigmaTimestampPart):
            return {'time': n.timestamp_part.name.lower(), 'op': v.op.name.lower(), 'value': n.number}
        return {'cmp': v.op.name.lower(), 'value': n.number}
    if isinstance(v, SigmaFieldReference): return {'fieldref': v.field, 'sw': v.starts_with, 'ew': v.ends_with}
    if isinstance(v, SigmaExists): return {'exists': v.exists}
    raise TypeError(type(v))

out = []
for key, val in CASES:
    try:
        item = SigmaDetectionItem.from_mapping(key, val)
        values = [norm(v) for v in item.value] or [{'null': True}]
        out.append({'key': key, 'value': val, 'link': 'and' if item.value_linking is ConditionAND else 'or',
                    'negated': item.negated, 'values': values})
    except Exception as e:
        out.append({'key': key, 'value': val, 'error': type(e).__name__, 'message': str(e)})
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'pysigma-cases.json'), 'w') as f:
    f.write('[\n' + ',\n'.join(json.dumps(c, ensure_ascii=False) for c in out) + '\n]\n')
print(len(out), 'cases')
