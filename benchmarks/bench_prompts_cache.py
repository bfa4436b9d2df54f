"""Embedding cache vs re-encoding per prompt, on a sensitivity-style run: 6 offsets x 3 modes x N images.

    .venv/bin/python benchmarks/bench_prompts_cache.py --n 3                # toy SAM (random weights), real sample
    .venv/bin/python benchmarks/bench_prompts_cache.py --n 2 --arch vit_b   # a ViT-B-sized random-weight model (slow)

Weights are random in both cases: only encoder calls and the time ratio are measured, not segmentation quality.
"""
from __future__ import annotations
import tempfile, time
import numpy as np
from fastcore.script import call_parse
from melanoma_sam.data import load_image, load_mask, mask_path, sample_root, IMG_DIR, MSK_DIR
from melanoma_sam.prompts import SamEngine, build_sam, model_sha256, gt_bbox, perturb_bbox

OFFSETS,MODES = (0, 5, 10, 20, 40, 80),('expand', 'shift', 'both')

def _pairs(n:int)->list:
    "n (image, mask) pairs: the real ISIC sample if present, else synthetic 600x450 images with an elliptic lesion."
    if root := sample_root():
        return [(load_image(f), load_mask(mask_path(f, root/MSK_DIR))) for f in sorted((root/IMG_DIR).glob('*.jpg'))[:n]]
    rng,out = np.random.default_rng(0),[]
    yy,xx = np.mgrid[:450, :600]
    for i in range(n):
        msk = (((xx-300-20*i)/150)**2 + ((yy-225)/100)**2 < 1).astype(np.float32)
        img = (rng.random((450, 600, 3))*60 + 150 - 100*msk[..., None]).astype(np.uint8)
        out.append((img, msk))
    print(f'no ISIC sample found: using {n} synthetic images')
    return out

@call_parse
def main(n:int=3,              # number of images
         arch:str='vit_tiny',  # vit_tiny (toy), vit_b, vit_l or vit_h, all random weights
         sam_path:bool=False,  # use the SAM (SamPredictor) preprocessing instead of MedSAM's
         bf16:bool=False):     # bfloat16 autocast around the image encoder
    "Time a sensitivity-style sweep with the embedding cache against re-encoding the image for every prompt."
    sam,pairs = build_sam(arch),_pairs(n)
    key,medsam = model_sha256(sam),not sam_path
    sweeps = [[perturb_bbox(gt_bbox(msk), off, mode, seed) for seed,off in enumerate(OFFSETS) for mode in MODES] for _,msk in pairs]
    with tempfile.TemporaryDirectory() as d:
        eng = SamEngine(sam, medsam, bf16=bf16, cache_dir=d, key=key)
        t0 = time.perf_counter()
        cached = [eng.segment_boxes(img, sw)[0] for (img,_),sw in zip(pairs, sweeps)]
        t_cache = time.perf_counter()-t0
    calls,diff,t0 = 0,0.,time.perf_counter()
    for (img,_),sw,ref in zip(pairs, sweeps, cached):
        for i,p in enumerate(sw):
            e = SamEngine(sam, medsam, bf16=bf16, key=key)    # no cache: every prompt re-encodes its image
            m = e.segment_boxes(img, [p])[0][0]; calls += e.n_encoded
            diff = max(diff, (m != ref[i]).mean())
    t_plain = time.perf_counter()-t0
    k = len(OFFSETS)*len(MODES)
    print(f'{arch} ({"SAM" if sam_path else "MedSAM"} path{", bf16" if bf16 else ""}), {len(pairs)} images x {k} prompts')
    print(f'  with cache: {eng.n_encoded} encoder calls, {t_cache:.2f} s')
    print(f'  re-encoding per prompt: {calls} encoder calls, {t_plain:.2f} s')
    print(f'  time ratio (re-encode / cache): {t_plain/t_cache:.1f}x; largest fraction of pixels that differ (batched vs single decode): {diff:.1e}')
