#!/usr/bin/env python3
"""
Build src/deploy/attack/enterprise.json (tactics + techniques: id, name, tactics) from a local clone of
https://github.com/mitre/cti (STIX 2.0, one object per file). Offline; run by hand when ATT&CK is updated:
    python3 src/deploy/attack/extract-attack.py <path-to-cti-git-dir> [commit] > src/deploy/attack/enterprise.json
Only ids, names, tactic short-names, deprecation and revocation (revoked-by target id) are kept.
"""
import json, subprocess, sys

git_dir, rev = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else 'HEAD')

def git(*args):
    return subprocess.run(['git', '--git-dir', git_dir, *args], check=True, capture_output=True).stdout

def objects(folder):
    names = git('ls-tree', '-r', '--name-only', rev, f'enterprise-attack/{folder}').decode().split('\n')
    specs = '\n'.join(f'{rev}:{n}' for n in names if n) + '\n'
    out = subprocess.run(['git', '--git-dir', git_dir, 'cat-file', '--batch'], input=specs.encode(), check=True, capture_output=True).stdout
    pos = 0
    while pos < len(out):
        nl = out.index(b'\n', pos)
        size = int(out[pos:nl].split()[2])
        body = out[nl + 1: nl + 1 + size]
        pos = nl + 1 + size + 1
        yield from json.loads(body)['objects']

def ext_id(o):
    return next((r['external_id'] for r in o.get('external_references', []) if r.get('source_name') == 'mitre-attack'), None)

commit = git('rev-parse', rev).decode().strip()
# mitre/cti has no collection object: the release is named in the commit subject ("ATT&CK v18.1 Enterprise").
subject = git('log', '-1', '--format=%s %cs', rev).decode().strip()
version = subject
matrix = next(iter(objects('x-mitre-matrix')))
tactic_objs = {o['id']: o for o in objects('x-mitre-tactic')}
tactics = []
for ref in matrix['tactic_refs']:
    t = tactic_objs[ref]
    tactics.append({'id': ext_id(t), 'name': t['name'], 'shortname': t['x_mitre_shortname']})

stix_to_ext = {}
techniques = {}
for o in objects('attack-pattern'):
    tid = ext_id(o)
    if tid is None:
        continue
    stix_to_ext[o['id']] = tid
    entry = {'name': o['name'], 'tactics': [p['phase_name'] for p in o.get('kill_chain_phases', []) if p['kill_chain_name'] == 'mitre-attack']}
    if o.get('x_mitre_deprecated'):
        entry['deprecated'] = True
    if o.get('revoked'):
        entry['revoked'] = True
    techniques[tid] = entry
for r in objects('relationship'):
    if r.get('relationship_type') == 'revoked-by' and r['source_ref'] in stix_to_ext and r['target_ref'] in stix_to_ext:
        techniques[stix_to_ext[r['source_ref']]]['revokedBy'] = stix_to_ext[r['target_ref']]

doc = {
    'source': 'https://github.com/mitre/cti enterprise-attack (STIX 2.0)',
    'commit': commit,
    'version': version,
    'license': 'ATT&CK (c) The MITRE Corporation; reproduced under the ATT&CK terms of use (https://attack.mitre.org/resources/legal-and-branding/terms-of-use/)',
    'tactics': tactics,
    'techniques': dict(sorted(techniques.items())),
}
json.dump(doc, sys.stdout, indent=1, ensure_ascii=False)
sys.stdout.write('\n')
