#!/usr/bin/env python
"""Check the documentation site without Quarto.

`nbdev_docs` needs Quarto, which cannot be installed on machines without internet access. This runs the part of
it that can go wrong in our notebooks, nbdev's own processing of every notebook into `_proc/` (the step that
executes export and import cells and renders `show_doc`), then renders each processed notebook to HTML with
nbconvert and loads it in headless Chromium, checking that every figure the notebook holds is on the page and
actually decodes. One line per page; exit status 1 if any page fails.

    python tools/site_check.py [--keep DIR]     # DIR: keep the HTML pages (and a screenshot of each) there
"""
import argparse, json, os, re, shutil, subprocess, sys, tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = '/usr/bin/chromium'
ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run']

PROC = '''
import sys
from pathlib import Path
from nbdev.serve_drv import exec_nb
from nbdev.processors import FilterDefaults
exec_nb(Path(sys.argv[1]), Path(sys.argv[2]), FilterDefaults)
'''

def process(nb:Path, out:Path)->str:
    "nbdev's docs processing of one notebook, in its own process; the error text, or '' when it worked."
    r = subprocess.run([sys.executable, '-c', PROC, str(nb), str(out)], cwd=nb.parent, capture_output=True, text=True,
                       env={**os.environ, 'MPLBACKEND': 'Agg'})
    if r.returncode == 0: return ''
    lines = r.stderr.splitlines()
    where = next((l.split(': ', 1)[1] for l in lines if l.startswith('Exception: Error in notebook')), 'failed')
    why = next((l for l in reversed(lines) if re.match(r'^\w+(Error|Exception): ', l) and 'Error in notebook' not in l), '')
    return f'{where} ({why[:200]}); keep imports in their own cells'

def n_figures(nb:Path)->int:
    "Images a processed notebook holds: image outputs plus markdown image links."
    cells = json.loads(nb.read_text())['cells']
    outs = sum(any(k.startswith('image/') for k in o.get('data', {})) for c in cells for o in c.get('outputs', []))
    return outs + sum(''.join(c['source']).count('![') for c in cells if c['cell_type'] == 'markdown')

def to_html(nb:Path)->Path:
    "The processed notebook as a standalone HTML page beside it (relative image links keep working)."
    from nbconvert import HTMLExporter
    html,_ = HTMLExporter(template_name='lab').from_filename(str(nb))
    out = nb.with_suffix('.html'); out.write_text(html)
    return out

def check_pages(pages:list, shots:Path|None)->dict:
    "{page: (figures on the page, figures that failed to decode)} from headless Chromium."
    from playwright.sync_api import sync_playwright
    res = {}
    with sync_playwright() as p, tempfile.TemporaryDirectory() as prof:
        ctx = p.chromium.launch_persistent_context(prof, executable_path=CHROMIUM, args=ARGS, headless=True)
        page = ctx.new_page()
        for f in pages:
            page.goto(f.as_uri(), wait_until='load')
            page.wait_for_function('Array.from(document.images).every(i => i.complete)', timeout=30_000)
            imgs = page.evaluate('Array.from(document.images).map(i => i.naturalWidth > 0)')
            res[f] = (len(imgs), imgs.count(False))
            if shots: page.screenshot(path=str(shots/f'{f.stem}.png'))
        ctx.close()
    return res

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--keep', default=None, help='folder to keep the HTML pages and screenshots in')
    a = ap.parse_args()
    if not Path(CHROMIUM).exists(): sys.exit(f'{CHROMIUM} not found: install it with `apt-get install chromium`')
    work = Path(a.keep) if a.keep else Path(tempfile.mkdtemp())
    work.mkdir(parents=True, exist_ok=True)
    if (ROOT/'nbs'/'images').is_dir(): shutil.copytree(ROOT/'nbs'/'images', work/'images', dirs_exist_ok=True)
    failed, pages = [], {}
    for nb in sorted((ROOT/'nbs').glob('[!_]*.ipynb')):
        out = work/nb.name
        if err := process(nb, out): failed.append(nb.name); print(f'FAIL  {nb.name}: nbdev processing: {err}'); continue
        pages[to_html(out)] = n_figures(out)
    for f,(n,bad) in check_pages(list(pages), work if a.keep else None).items():
        ok = n >= pages[f] and not bad
        if not ok: failed.append(f.name)
        print(f"{'PASS' if ok else 'FAIL'}  {f.stem}: {n} figures on the page, {pages[f]} in the notebook, {bad} not decoded")
    if not a.keep: shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failed else 0)

if __name__ == '__main__': main()
