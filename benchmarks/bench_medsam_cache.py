"""One MedSAM decoder epoch on cached embeddings vs. the same epoch recomputing the image encoder every step.

    .venv/bin/python benchmarks/bench_medsam_cache.py --n 4 --arch vit_b    # a ViT-B-sized random-weight MedSAM (slow on a CPU)
    .venv/bin/python benchmarks/bench_medsam_cache.py --n 8                 # the toy SAM (random weights), seconds

Weights are random and the images synthetic: only times and encoder calls are measured, not segmentation quality.
Both epochs run the same decoder steps on the same boxes and masks; the second also loads, preprocesses (official
MedSAM preprocessing) and encodes each image of each batch, which is what training without the cache would cost.
"""
from __future__ import annotations
import tempfile, time
from pathlib import Path
import torch
from torch.utils.data import DataLoader
from fastcore.script import call_parse
from melanoma_sam.data import synth_isic, isic_pairs, load_image
from melanoma_sam.prompts import SamEngine, build_sam, medsam_input
from melanoma_sam.medsam_ft import EmbeddingSet, MedsamDecoder, embed_split, medsam_loss

def _epoch(model:MedsamDecoder, dl:DataLoader, opt:torch.optim.Optimizer, encode=None)->float:
    "Seconds for one decoder epoch; `encode(indices)` replaces the cached embeddings by freshly computed ones."
    t0 = time.perf_counter()
    for i,(emb,box,msk) in enumerate(dl):
        if encode: emb = encode(range(i*dl.batch_size, i*dl.batch_size + len(emb)))
        loss = medsam_loss(model(emb, box), msk)
        loss.backward(); opt.step(); opt.zero_grad(set_to_none=True)
    return time.perf_counter() - t0

@call_parse
def main(n:int=4,              # number of (synthetic) images
         arch:str='vit_b',     # vit_tiny (toy, 256 px), vit_b (MedSAM's size, 1024 px), all random weights
         batch_size:int=2,     # images per step
         bf16:bool=False,      # bfloat16 autocast around the image encoder (both paths)
         threads:int=0):       # torch threads; 0 leaves torch's default
    "Time a decoder epoch with the embedding cache against one that re-encodes every image at every step."
    if threads: torch.set_num_threads(threads)
    torch.manual_seed(0)
    sam = build_sam(arch)
    with tempfile.TemporaryDirectory() as d:
        root = synth_isic(Path(d)/'isic', n, seed=0)
        df = isic_pairs(root)
        eng = SamEngine(sam, medsam=True, bf16=bf16)
        t0 = time.perf_counter(); store = embed_split(eng, df, root, Path(d)/'store'); t_embed = time.perf_counter() - t0
        ds = EmbeddingSet(store, jitter=20, seed=0)
        dl = DataLoader(ds, batch_size)
        model = MedsamDecoder(sam)
        opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-4, weight_decay=1e-4)
        calls = []
        def encode(idx):
            "The uncached path: load, preprocess and encode each image of the batch."
            embs = []
            for i in idx:
                x = medsam_input(load_image(df.image[i]), sam.image_encoder.img_size)
                with torch.no_grad(), torch.autocast('cpu', dtype=torch.bfloat16, enabled=bf16): embs.append(sam.image_encoder(x).float())
                calls.append(i)
            return torch.cat(embs)
        t_cache = _epoch(model, dl, opt)
        diff = (encode([0]) - ds[0][0][None]).abs().max().item(); calls.clear()  # the cache holds float16 of the same embedding
        t_enc = _epoch(model, dl, opt, encode)
    print(f'{arch} ({sam.image_encoder.img_size} px, random weights{", bf16 encoder" if bf16 else ""}), {n} synthetic images, '
          f'batch {batch_size}, {torch.get_num_threads()} threads')
    print(f'  embedding once: {eng.n_encoded} encoder calls, {t_embed:.2f} s')
    print(f'  decoder epoch on the cache:          0 encoder calls, {t_cache:.2f} s')
    print(f'  decoder epoch re-encoding each step: {len(calls)} encoder calls, {t_enc:.2f} s')
    print(f'  ratio (re-encode / cache): {t_enc/t_cache:.1f}x per epoch; cached float16 vs fresh float32 embedding: max |diff| {diff:.1e}')
