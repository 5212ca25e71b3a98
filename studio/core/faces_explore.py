"""The face generator's main directions of variation, as GANSpace finds them (Härkönen et al. 2020).

Principal components of an early layer's activations over many random
latents are the ways the generator's pictures vary most; each is carried
back to the latent space by a least-squares regression of the latents on
that component's coordinate. Moving a face's latent along such a direction
changes it in one coherent way (pose, lighting, hair, age…), which the user
can name; the names are kept beside the model.
"""
from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch

from .jobs import ProgressFn, check_cancel, report
from .paths import user_data_dir

SAMPLES = 4000  # latents whose activations are analysed
LAYER = 3  # modules of the generator run before the activations are taken: after the first block


@dataclass
class Directions:
    model_sha256: str
    vectors: np.ndarray  # (K, nz) latent directions of unit length
    spread: np.ndarray  # (K,) the latents' standard deviation along each: one slider step
    explained: np.ndarray  # (K,) share of the activation variance each component explains
    names: list[str] = field(default_factory=list)

    def move(self, z: np.ndarray, amounts: list[float]) -> np.ndarray:
        """``z`` moved by ``amounts[k]`` spreads along direction k."""
        out = np.array(z, np.float32, copy=True)
        for k, a in enumerate(amounts[: len(self.vectors)]):
            out += float(a) * self.spread[k] * self.vectors[k]
        return out


def _names_file(model_sha256: str) -> Path:
    return user_data_dir() / "face-directions" / f"{model_sha256[:16]}.json"


def load_names(model_sha256: str, k: int) -> list[str]:
    try:
        names = json.loads(_names_file(model_sha256).read_text(encoding="utf-8")).get("names", [])
    except (OSError, ValueError):
        names = []
    return [str(n) for n in names[:k]] + [""] * max(0, k - len(names))


def save_names(model_sha256: str, names: list[str]) -> Path:
    """The user's names for the directions, kept beside (not inside) the model so its hash stays the same."""
    path = _names_file(model_sha256)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"names": names}, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)
    return path


@torch.inference_mode()
def principal_directions(gen, k: int = 8, samples: int = SAMPLES, seed: int = 0,
                         progress: ProgressFn | None = None, cancel: threading.Event | None = None) -> Directions:
    """The top ``k`` directions of ``gen`` (a :class:`FaceGenerator`)."""
    net = gen.net
    head = net.main[:LAYER]
    rng = torch.Generator().manual_seed(seed)
    zs, feats = [], []
    for s in range(0, samples, 500):
        check_cancel(cancel)
        report(progress, s, samples, "sampling the generator")
        z = torch.randn(min(500, samples - s), gen.nz, generator=rng)
        f = head(z[:, :, None, None].to(gen.device)).flatten(1).float().cpu()
        zs.append(z)
        feats.append(f)
    z = torch.cat(zs).numpy()
    f = torch.cat(feats)
    f -= f.mean(dim=0)
    # Only the top components are wanted: a randomised low-rank PCA, not a full SVD of thousands of features.
    _, sv, v = torch.pca_lowrank(f, q=k + 8, center=False, niter=4)
    total = float((f * f).sum())
    coords = (f @ v[:, :k]).numpy()  # (N, k) each sample's coordinate along each component
    sv = sv.numpy()
    vectors, spread = [], []
    for j in range(k):
        c = coords[:, j]
        u = (c @ z) / (c @ c)  # least squares: z ≈ c u
        u /= np.linalg.norm(u) + 1e-8
        vectors.append(u)
        spread.append(float((z @ u).std()))
    explained = (sv[:k] ** 2) / total
    report(progress, samples, samples, "done")
    return Directions(gen.sha256, np.array(vectors, np.float32), np.array(spread, np.float32), explained,
                      load_names(gen.sha256, k))
