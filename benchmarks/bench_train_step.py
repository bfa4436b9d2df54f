"""Training steps per second of each model through the project's own step (`melanoma_sam.train.train_epoch`), fp32 and
bf16 autocast side by side in one run, with their ratio.

A step is what `fit` does per batch: autocast forward, Dice+BCE loss, backward, gradient clipping, Adam step. Batches are
random tensors already in memory, so data loading is left out (the resize cache makes it small; see bench_cache.py).
Models are random init (no weights are downloaded). Each setting runs `--warm` untimed steps, then `--steps` timed ones.
Add a model by adding an entry to `ENTRIES`: a function `(img_size) -> (model, loss_fn, make_batch(bs, size))`, where
`make_batch` returns the batch's tensors, the target last. The MedSAM decoder runs on cached embeddings at its fixed
1024 frame (its `size` is ignored), which is how it trains.

    python benchmarks/bench_train_step.py [--models unet localizer medsam] [--sizes 512 256] [--bs 2] [--steps 3] [--warm 1]
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

def localizer_entry(img_size:int)->tuple:
    "The EfficientNet-B0 box regressor (random init), its SmoothL1 box loss, and random (img, normalised box) batches."
    from melanoma_sam.localizer import Localizer, box_loss
    with warnings.catch_warnings():
        warnings.simplefilter('ignore'); model = Localizer(model_name='efficientnet_b0', img_size=img_size)
    def make_batch(bs, size):
        xy = torch.rand(bs, 2)*0.5
        return torch.randn(bs, 3, size, size), torch.cat([xy, xy + 0.2 + torch.rand(bs, 2)*0.3], 1)
    return model, box_loss, make_batch

def medsam_entry(img_size:int)->tuple:
    "MedSAM's mask decoder on cached ViT-B embeddings (random weights), its Dice+BCE loss, random (emb, box, msk) batches."
    from melanoma_sam.prompts import build_sam
    from melanoma_sam.medsam_ft import MedsamDecoder, medsam_loss
    model = MedsamDecoder(build_sam('vit_b'))
    def make_batch(bs, size):
        xy = torch.rand(bs, 2)*400
        return (torch.randn(bs, 256, 64, 64), torch.cat([xy, xy + 200 + torch.rand(bs, 2)*300], 1),
                (torch.rand(bs, 1, 1024, 1024) > 0.7).float())
    return model, medsam_loss, make_batch

ENTRIES = dict(unet=unet_entry, localizer=localizer_entry, medsam=medsam_entry)

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
        dl = DataLoader(TensorDataset(*make_batch(n*bs, size)), bs)
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
