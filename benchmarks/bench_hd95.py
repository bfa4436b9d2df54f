"Time `melanoma_sam.metrics.hd95` against MONAI's `HausdorffDistanceMetric(percentile=95)` on one large mask."
import time, warnings
import numpy as np, torch
from scipy import ndimage as ndi
from fastcore.script import call_parse
from PIL import Image
from monai.metrics import HausdorffDistanceMetric
from melanoma_sam.data import sample_root, load_mask, MSK_DIR
from melanoma_sam.metrics import hd95

def largest_mask()->tuple[np.ndarray, str]: # (HxW bool truth, where it came from)
    "The largest real mask of the ISIC sample, else a synthetic 4000x3000 ellipse."
    if root := sample_root():
        f = max((root/MSK_DIR).glob('*_segmentation.png'), key=lambda p: np.prod(Image.open(p).size))
        msk = load_mask(f) > 0.5
        return msk, f'real mask {f.stem} ({msk.shape[1]}x{msk.shape[0]})'
    yy,xx = np.ogrid[:3000, :4000]
    return ((yy-1500)/900)**2 + ((xx-2000)/1300)**2 <= 1, 'SYNTHETIC ellipse (4000x3000): ISIC sample absent'

def best_of(f, repeats:int)->tuple[float, float]: # (value, fastest wall time in s)
    "Run `f` `repeats` times; its value and the fastest time."
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter(); v = f(); times.append(time.perf_counter()-t0)
    return v, min(times)

@call_parse
def main(repeats:int=5): # timed runs of each implementation (the fastest counts)
    "Print both HD95 values, their difference, both times and the speed ratio."
    truth,src = largest_mask()
    pred = ndi.shift(ndi.binary_dilation(truth, iterations=12), (37, -23), order=0, cval=0)  # an imperfect prediction
    as_t = lambda m: torch.from_numpy(m.astype(np.float32)[None, None])
    def monai():
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            return HausdorffDistanceMetric(percentile=95, include_background=True)(as_t(pred), as_t(truth)).item()
    ours,t_ours = best_of(lambda: hd95(pred, truth), repeats)
    ref,t_ref = best_of(monai, repeats)
    print(src)
    print(f'HD95  ours {ours:.6f} px   MONAI {ref:.6f} px   |diff| {abs(ours-ref):.2e}')
    print(f'time  ours {t_ours:.3f} s    MONAI {t_ref:.3f} s (incl. tensor conversion)   MONAI/ours = {t_ref/t_ours:.2f}x  (best of {repeats})')
