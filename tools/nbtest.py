#!/usr/bin/env python
"""Run the project's tests the way `nbdev_test` does, and count them.

`nbdev_test` executes every notebook in `nbs/` (skipping cells flagged `gpu` or `slow`) but prints no count.
This wrapper runs the same `nbdev.test.test_nb` on each notebook, each in its own process (so a crash or a
hang in one notebook cannot take the others down), checks that `nbdev_export` and `nbdev_clean` leave the
tracked files unchanged and that README.md is rendered from `nbs/index.ipynb`, prints one line per check and
closes with `N passed, M failed`.

    python tools/nbtest.py                   # everything
    python tools/nbtest.py --path 01_metrics.ipynb --flags slow
"""
import argparse, hashlib, os, subprocess, sys, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

# Held steady before any process starts: glibc malloc otherwise makes CPU training steps drift 3-5x slower,
# and nothing may try to reach the network or ask for a login.
ENV = dict(MALLOC_TRIM_THRESHOLD_='68719476736', MALLOC_MMAP_THRESHOLD_='68719476736', MALLOC_TOP_PAD_='1073741824',
           GRADIO_ANALYTICS_ENABLED='False', HF_HUB_OFFLINE='1', HF_HUB_DISABLE_TELEMETRY='1',
           NO_ALBUMENTATIONS_UPDATE='1', WANDB_MODE='disabled', MPLBACKEND='Agg', PYTHONHASHSEED='0')

RUN_NB = '''
import sys
from pathlib import Path
from nbdev.config import get_config
from nbdev.test import test_nb
cfg = get_config()
ok, _ = test_nb(Path(sys.argv[1]), skip_flags=cfg.tst_flags.split(), force_flags=sys.argv[2].split(),
                basepath=cfg.config_path)
sys.exit(0 if ok else 1)
'''

def tree_digest(*dirs):
    "Content hash of every file under `dirs`, to see whether a tool changed any of them."
    h = {}
    for d in dirs:
        for p in sorted((ROOT/d).rglob('*')):
            if p.is_file() and '__pycache__' not in p.parts and '.ipynb_checkpoints' not in p.parts:
                h[str(p.relative_to(ROOT))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return h

def check_tool(tool):
    "Run an nbdev tool and report the files it changed: CI fails when the committed tree was out of sync."
    before = tree_digest('nbs', 'melanoma_sam')
    r = subprocess.run([str(BIN/tool)], cwd=ROOT, capture_output=True, text=True)
    after = tree_digest('nbs', 'melanoma_sam')
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    if r.returncode: return False, f'{tool} exited {r.returncode}: {r.stderr.strip()[-500:]}'
    if changed: return False, f'{tool} changed {", ".join(changed)}: run it, review and commit'
    return True, ''

def run_notebook(nb, flags, timeout, threads):
    "Execute one notebook in a fresh process, as `nbdev_test` would."
    env = {**os.environ, **{k: v for k, v in ENV.items() if k not in os.environ}}
    env.setdefault('OMP_NUM_THREADS', str(threads))
    t0 = time.time()
    try:
        r = subprocess.run([sys.executable, '-c', RUN_NB, str(nb), flags], cwd=nb.parent, env=env,
                           capture_output=True, text=True, timeout=timeout)
        ok, err = r.returncode == 0, (r.stderr or '')[-4000:]
    except subprocess.TimeoutExpired: ok, err = False, f'timed out after {timeout} s'
    return ok, time.time() - t0, err

def check_site():
    "The docs pages as Quarto would get them (see tools/site_check.py); skipped where Chromium is not installed."
    if not Path('/usr/bin/chromium').exists(): return None, 0, 'no /usr/bin/chromium (apt-get install chromium)'
    env = {**os.environ, **{k: v for k, v in ENV.items() if k not in os.environ}}
    t0 = time.time()
    r = subprocess.run([sys.executable, str(ROOT/'tools'/'site_check.py')], cwd=ROOT, env=env, capture_output=True, text=True)
    return r.returncode == 0, time.time() - t0, r.stdout[-4000:] + r.stderr[-2000:]

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--path', default=None, help='one notebook (name or glob under nbs/)')
    ap.add_argument('--flags', default='', help='space-separated test flags to run anyway, e.g. "slow"')
    ap.add_argument('--n-workers', type=int, default=2)
    ap.add_argument('--timeout', type=int, default=900, help='seconds per notebook')
    ap.add_argument('--no-sync-check', action='store_true', help='skip the nbdev_export/nbdev_clean check')
    a = ap.parse_args()
    results, skipped = [], []
    def report(name, ok, secs=None, err=''):
        results.append(ok)
        print(f"{'PASS' if ok else 'FAIL'}  {name}" + (f'  ({secs:.1f} s)' if secs is not None else ''), flush=True)
        if err: print('      ' + err.replace('\n', '\n      '), flush=True)
    if not a.no_sync_check:
        for tool in ('nbdev_export', 'nbdev_clean'):
            ok, err = check_tool(tool)
            report(f'{tool} leaves the tree unchanged', ok, err=err)
        r = subprocess.run([sys.executable, str(ROOT/'tools'/'readme.py'), '--check'], capture_output=True, text=True)
        report('README.md is rendered from nbs/index.ipynb', r.returncode == 0, err=r.stderr.strip())
    nbs = sorted((ROOT/'nbs').glob(a.path or '[!_]*.ipynb')) if not (a.path and Path(a.path).is_file()) else [Path(a.path).resolve()]
    if not nbs: sys.exit(f'no notebook matches {a.path!r} under nbs/')
    threads = max(1, (os.cpu_count() or 1) // max(1, a.n_workers))
    jobs = [(nb.name, lambda nb=nb: run_notebook(nb, a.flags, a.timeout, threads)) for nb in nbs]
    if not a.path: jobs.append(('site pages (nbdev processing, HTML in headless Chromium)', check_site))
    t0 = time.time()
    with ThreadPoolExecutor(a.n_workers) as ex:
        for (name,_),(ok,secs,err) in zip(jobs, ex.map(lambda j: j[1](), jobs)):
            if ok is None: skipped.append(name); print(f'SKIP  {name}: {err}', flush=True)
            else: report(name, ok, secs, '' if ok else err)
    passed, failed = sum(results), len(results) - sum(results)
    print(f'tests took {time.time()-t0:.0f} s with {a.n_workers} workers')
    print(f'{passed} passed, {failed} failed' + (f', {len(skipped)} skipped' if skipped else ''))
    sys.exit(1 if failed else 0)

if __name__ == '__main__': main()
