"""Images per second of `cached_resize` from a warm cache vs decoding and resizing the originals, side by side.

Runs on the real 36-pair sample (`melanoma_sam.data.sample_root()`), or on synthetic large JPEGs where it is absent.
Two settings, as the project uses them: 512x512 'area' (UNet/localizer input) and 1024x1024 'bicubic_aa' (MedSAM's
exact resize, slow, so it runs on fewer images). Warm reads come from the OS page cache, as they do from the second
epoch on.

    python benchmarks/bench_cache.py [--n 36] [--n_sam 3] [--reps 5]
"""
import argparse, tempfile, time
from pathlib import Path
import cv2
from PIL import Image
from melanoma_sam.data import IMG_DIR, sample_root, synth_isic, load_image, cached_resize

def large_synthetic(dest:Path, n:int)->list[Path]:
    "`n` SYNTHETIC images upscaled to ISIC-like sizes (about 3000x2000), for machines without the real sample."
    small = sorted((synth_isic(dest/'small', n, seed=0)/IMG_DIR).glob('*.jpg'))
    out = []
    for p in small:
        img = load_image(p)
        f = dest/p.name; Image.fromarray(cv2.resize(img, (3008, 2000), interpolation=cv2.INTER_CUBIC)).save(f, quality=95)
        out.append(f)
    return out

def rate(paths:list, size:tuple, interp:str, cache_dir, reps:int=1)->float:
    "Images per second of `cached_resize` over `paths`, `reps` times."
    t = time.perf_counter()
    for _ in range(reps):
        for p in paths: cached_resize(p, size, interp, cache_dir)
    return reps*len(paths)/(time.perf_counter() - t)

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--n', type=int, default=36, help='images for the 512 area setting')
    ap.add_argument('--n_sam', type=int, default=3, help="images for the 1024 bicubic_aa setting (about 7 s each cold)")
    ap.add_argument('--reps', type=int, default=5, help='passes over the warm cache')
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        root = sample_root()
        paths = sorted((root/IMG_DIR).glob('*.jpg')) if root else large_synthetic(Path(d), max(a.n, a.n_sam))
        print(f"{'real ISIC sample' if root else 'SYNTHETIC large images'}: {len(paths)} images available")
        print(f"{'setting':22s} {'n':>3s} {'cold img/s':>11s} {'warm img/s':>11s} {'ratio':>8s}")
        for size,interp,n in [((512, 512), 'area', a.n), ((1024, 1024), 'bicubic_aa', a.n_sam)]:
            ps,cache = paths[:n],Path(d)/f'cache_{interp}'
            cold = rate(ps, size, interp, None)      # decode + resize, no cache
            rate(ps, size, interp, cache)             # fill the cache (not timed as either)
            warm = rate(ps, size, interp, cache, a.reps)
            print(f"{f'{size[0]}x{size[1]} {interp}':22s} {len(ps):3d} {cold:11.2f} {warm:11.1f} {warm/cold:7.0f}x")

if __name__ == '__main__': main()
