#!/usr/bin/env python
"""Render `nbs/index.ipynb` to `README.md` without Quarto.

`nbdev_readme` needs Quarto, which cannot be installed on machines without internet access; this writes the
same content (markdown cells with their relative links pointed into `nbs/`, visible code cells and their text
outputs as fenced blocks).
`python tools/readme.py --check` exits 1 when README.md is out of date.
"""
import json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

def render(nb_path=ROOT/'nbs'/'index.ipynb')->str:
    "README text for the index notebook."
    out = []
    for c in json.loads(Path(nb_path).read_text())['cells']:
        src = ''.join(c['source']).strip()
        if not src: continue
        if c['cell_type'] == 'markdown': out.append(re.sub(r'\]\((?!https?:|#|/)', '](nbs/', src))  # links are relative to nbs/
        elif c['cell_type'] == 'code' and not src.startswith(('#| hide', '#|hide')):
            if not src.startswith(('#| echo: false', '#|echo: false')): out.append(f'```python\n{src}\n```')
            for o in c.get('outputs', []):
                txt = ''.join(o.get('text', '') or o.get('data', {}).get('text/plain', ''))
                if txt.strip(): out.append(f'```\n{txt.rstrip()}\n```')
    return '\n\n'.join(out) + '\n'

if __name__ == '__main__':
    txt, readme = render(), ROOT/'README.md'
    if '--check' in sys.argv:
        if readme.read_text() != txt: sys.exit('README.md is out of date: run `python tools/readme.py`')
    else: readme.write_text(txt)
