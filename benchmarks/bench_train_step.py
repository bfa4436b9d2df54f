"""Training steps per second of each model through the project's own step (`melanoma_sam.train.train_epoch`), fp32 and
bf16 autocast side by side in one run, with their ratio.

A step is what `fit` does per batch: autocast forward, Dice+BCE loss, backward, gradient clipping, Adam step. Batches are
random tensors already in memory, so data loading is left out (the resize cache makes it small; see bench_cache.py).
Models are random init (no weights are downloaded). Each setting runs `--warm` untimed steps, then `--steps` timed ones.
Add a model by adding an entry to `ENTRIES`: a function `(img_size) -> (model, loss_fn, make_batch(bs, size))`.

    python benchmarks/bench_train_step.py [--models unet] [--sizes 512 256] [--bs 2] [--steps 3] [--warm 1] [--device cpu]
"""
import argparse, time, warnings
import torch
from torch.utils.data import DataLoader, TensorDataset
from melanoma_sam.train import TrainConfig, amp_dtype, make_optimizer, set_seed, train_epoch

def unet_entry(img_size:int)->tuple:
    "The UNet baseline (ResNet34 encoder, random init), its Dice+BCE loss, and random (img, msk) batches."
    from melanoma_sam.unet import build_unet, DiceBCELoss
    with warnings.catch_warnings():
        warnings.simplefilter('ignore'); model = build_unet()  # random init: we time compute, not accuracy
    def make_batch(bs, size): return torch.randn(bs, 3, size, size), (torch.rand(bs, 1, size, size) > 0.7).float()
    return model, DiceBCELoss(), make_batch

ENTRIES = dict(unet=unet_entry)  # the localizer and the MedSAM decoder join here

def steps_per_s(name:str, size:int, bs:int, amp:str, steps:int, warm:int, device:str)->float:
    "Timed training steps per second of model `name` at `size` px, batch `bs`, autocast `amp`."
    set_seed(0)
    model,loss_fn,make_batch = ENTRIES[name](size)
    model = model.to(device)
    cfg = TrainConfig(amp=amp, clip_grad=1.0, scheduler='none')
    dtype = amp_dtype(amp, torch.device(device))
    opt = make_optimizer([p for p in model.parameters() if p.requires_grad], 'adam', 1e-4)
    scaler = torch.amp.GradScaler(torch.device(device).type, enabled=dtype == torch.float16)
    def run(n):
        img,msk = make_batch(n*bs, size)
        dl = DataLoader(TensorDataset(img, msk), bs)
        if device != 'cpu': torch.cuda.synchronize()
        t = time.perf_counter(); train_epoch(model, dl, loss_fn, opt, None, scaler, cfg, dtype)
        if device != 'cpu': torch.cuda.synchronize()
        return n/(time.perf_counter() - t)
    run(warm)
    return run(steps)

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--models', nargs='+', default=list(ENTRIES), help=f'entries to time, of {list(ENTRIES)}')
    ap.add_argument('--sizes', nargs='+', type=int, default=[512, 256], help='input sides')
    ap.add_argument('--bs', type=int, default=2, help='batch size')
    ap.add_argument('--steps', type=int, default=3, help='timed steps per setting')
    ap.add_argument('--warm', type=int, default=1, help='untimed warm-up steps per setting')
    ap.add_argument('--device', default='cpu', help="'cpu' or 'cuda'")
    a = ap.parse_args()
    print(f'device {a.device}, {torch.get_num_threads()} threads; batch {a.bs}; {a.warm} warm + {a.steps} timed steps; random init')
    print(f"{'model':10s} {'size':>5s} {'fp32 step/s':>12s} {'bf16 step/s':>12s} {'bf16/fp32':>10s} {'fp32 s/img':>11s}")
    for name in a.models:
        for size in a.sizes:
            fp32,bf16 = (steps_per_s(name, size, a.bs, amp, a.steps, a.warm, a.device) for amp in ('off', 'bf16'))
            print(f'{name:10s} {size:5d} {fp32:12.3f} {bf16:12.3f} {bf16/fp32:9.2f}x {1/(fp32*a.bs):11.2f}')

if __name__ == '__main__': main()
