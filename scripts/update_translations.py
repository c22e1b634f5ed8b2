#!/usr/bin/env python3
"""Regenerate translations/funnelboard_de.ts.

Runs lupdate (with -I so namespaces resolve), keeps the existing translations, fills new German
strings from de_dict.py when present, and reports tr() calls whose context lupdate had to guess
(a class without Q_OBJECT or Q_DECLARE_TR_FUNCTIONS): their run-time context would differ."""
import os, re, subprocess, sys, collections
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape
import tempfile
import types

# New strings arrive untranslated ("unfinished"); existing translations are kept. A dictionary of
# new German strings may be passed as a module named de_dict beside this script (D: source ->
# German, CTX: (context, source) -> German).
try:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import de_dict
except ImportError:
    de_dict = types.SimpleNamespace(D={}, CTX={})

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TS = os.path.join(ROOT, 'translations/funnelboard_de.ts')
LUPDATE = '/usr/lib/qt6/bin/lupdate'
TMP = os.path.join(tempfile.mkdtemp(), 'loc.ts')
p = subprocess.run([LUPDATE, '-no-obsolete', '-locations', 'absolute', '-source-language', 'en',
                    '-target-language', 'de_DE', '-I', ROOT,
                    ROOT + '/core', ROOT + '/ui', ROOT + '/app', '-ts', TMP], capture_output=True, text=True)
if p.returncode: sys.exit(p.stdout + p.stderr)
qobject = set()
for d in ('core', 'ui', 'app'):
    for dp, _, fs in os.walk(os.path.join(ROOT, d)):
        for fn in fs:
            if fn.endswith(('.h', '.cpp')):
                txt = open(os.path.join(dp, fn), encoding='utf-8', errors='replace').read()
                qobject.update(re.findall(r'(?:class|struct)\s+(?:\w+\s+)?(\w+)\s*(?:final\s*)?(?::[^;{]*)?\{\s*(?:Q_OBJECT|Q_GADGET|Q_DECLARE_TR_FUNCTIONS)', txt))
def class_derived(ctx):
    # lupdate's guess from the enclosing scope, not a literal translate() context: "funnel" or funnel::NonQObject
    return ctx == 'funnel' or (ctx.startswith('funnel::') and ctx.rsplit('::', 1)[1] not in qobject)
# Existing translations, to keep hand edits.
old = {}
if os.path.exists(TS):
    try:
        for c in ET.parse(TS).getroot().findall('context'):
            cn = c.find('name').text
            for m in c.findall('message'):
                t = m.find('translation')
                if t is None or t.get('type') in ('unfinished', 'obsolete', 'vanished'): continue
                forms = [f.text or '' for f in t.findall('numerusform')] if m.get('numerus') == 'yes' else t.text
                if forms: old[(cn, m.find('source').text, (m.find('comment').text if m.find('comment') is not None else None))] = forms
    except ET.ParseError: pass

msgs = collections.OrderedDict()   # (ctx, src, comment) -> (numerus, extracomment)
problems = []
root = ET.parse(TMP).getroot()
for c in root.findall('context'):
    cn = c.find('name').text
    for m in c.findall('message'):
        src = m.find('source').text
        com = m.find('comment').text if m.find('comment') is not None else None
        ex = m.find('extracomment').text if m.find('extracomment') is not None else None
        files = {os.path.realpath(os.path.join(os.path.dirname(TMP), l.get('filename'))) for l in m.findall('location')}
        if class_derived(cn):
            problems += [f'{f}: tr() in {cn}, which declares no translation context: {src!r}' for f in files]
        msgs[(cn, src, com)] = (m.get('numerus') == 'yes', ex)

def q(s):
    return escape(s, {'"': '&quot;', "'": '&apos;'})

by_ctx = collections.defaultdict(list)
for k, v in msgs.items(): by_ctx[k[0]].append((k, v))
out = ['<?xml version="1.0" encoding="utf-8"?>', '<!DOCTYPE TS>', '<TS version="2.1" language="de_DE" sourcelanguage="en">']
done = missing = 0
for ctx in sorted(by_ctx):
    out += ['<context>', f'    <name>{q(ctx)}</name>']
    for (c, src, com), (numerus, ex) in by_ctx[ctx]:
        tr = old.get((c, src, com)) or de_dict.CTX.get((c, src)) or de_dict.D.get(src)
        if numerus and isinstance(tr, str): tr = None
        if not numerus and isinstance(tr, tuple): tr = None
        out.append('    <message numerus="yes">' if numerus else '    <message>')
        out.append(f'        <source>{q(src)}</source>')
        if com is not None: out.append(f'        <comment>{q(com)}</comment>')
        if ex is not None: out.append(f'        <extracomment>{q(ex)}</extracomment>')
        if tr is None:
            missing += 1; print('UNTRANSLATED:', ctx, repr(src), '[N]' if numerus else '')
            out.append('        <translation type="unfinished">' + ('<numerusform></numerusform><numerusform></numerusform>' if numerus else '') + '</translation>')
        elif numerus:
            done += 1
            out.append('        <translation>')
            out += [f'            <numerusform>{q(f)}</numerusform>' for f in tr]
            out.append('        </translation>')
        else:
            done += 1
            out.append(f'        <translation>{q(tr)}</translation>')
        out.append('    </message>')
    out.append('</context>')
out.append('</TS>')
open(TS, 'w', encoding='utf-8').write('\n'.join(out) + '\n')
for pr in problems: print('PROBLEM:', pr)
print(f'{len(msgs)} messages in {len(by_ctx)} contexts: {done} translated, {missing} untranslated')
