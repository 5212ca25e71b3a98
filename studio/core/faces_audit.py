"""Does a face model copy its training images? Generated faces against the nearest training image.

A held-out real face is never trained on, so its distance to the nearest
training image says how close two different real photos of this data
usually get. A generated face much closer than that to some training image
is likely a copy. The audit reports the share of generated faces closer to
a training image than any held-out face is (the held-out faces that are
themselves copies of training images, which the data check finds, are set
aside first — they would make every distance look large), the medians of
both distributions, and the closest generated/training pairs side by side.

Distances are between 32 × 32 colour thumbnails with their mean removed and
their length normalised: crude next to a learned embedding, but one that
needs no downloaded network and catches pixel-level copies, which is what
memorisation by a small GAN looks like.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from .errors import StudioError
from .jobs import ProgressFn, check_cancel, report

THUMB = 32


@dataclass
class AuditReport:
    model: str
    generated: int
    training: int
    held_out: int  # held-out faces compared (copies of training images set aside)
    set_aside: int  # held-out faces that are copies of training images
    closer_than_any_held_out: float  # share of generated faces nearer a training image than any held-out face
    closer_than_1pct_held_out: float  # … nearer than the closest 1 % of held-out faces
    median_generated: float
    median_held_out: float
    min_held_out: float
    pairs: list[tuple[int, int, float]]  # (generated index, training index, distance), closest first

    def lines(self) -> list[str]:
        return [
            f"{self.model}: {self.generated} generated faces against {self.training} training images "
            f"({self.held_out} held-out faces for reference; {self.set_aside} held-out copies of training images "
            "set aside)",
            f"  nearest-training distance, median: generated {self.median_generated:.3f}, "
            f"held-out {self.median_held_out:.3f} (closest held-out {self.min_held_out:.3f})",
            f"  generated faces closer to a training image than any held-out face: "
            f"{self.closer_than_any_held_out:.2%}",
            f"  … closer than the closest 1% of held-out faces: {self.closer_than_1pct_held_out:.2%}",
        ]

    def markdown(self, command: str) -> str:
        return "\n".join([
            "## Memorisation audit",
            f"{self.generated} generated faces (seeds 0–{self.generated - 1}, truncation 1) were compared with the "
            f"{self.training} training images by the distance to the nearest one (32 × 32 colour thumbnails, mean "
            f"removed, unit length); {self.held_out} held-out real faces give the reference distances "
            f"({self.set_aside} held-out faces that are copies of training images were set aside).",
            "",
            f"- **Generated faces closer to a training image than any held-out face: "
            f"{self.closer_than_any_held_out:.2%}**",
            f"- Closer than the closest 1 % of held-out faces: {self.closer_than_1pct_held_out:.2%}",
            f"- Median nearest-training distance: generated {self.median_generated:.3f}, held-out "
            f"{self.median_held_out:.3f}",
            "",
            f"Measured with `{command}`.",
        ])


def thumbnails(images: np.ndarray) -> np.ndarray:
    """(N, H, W, 3) uint8 → (N, D) float32 rows of unit length, mean removed."""
    out = np.empty((len(images), THUMB * THUMB * 3), np.float32)
    for i, img in enumerate(images):
        t = cv2.resize(img, (THUMB, THUMB), interpolation=cv2.INTER_AREA).astype(np.float32).ravel()
        t -= t.mean()
        out[i] = t / (np.linalg.norm(t) + 1e-6)
    return out


def nearest(queries: np.ndarray, refs: np.ndarray, cancel: threading.Event | None = None,
            chunk: int = 512) -> tuple[np.ndarray, np.ndarray]:
    """Distance to and index of the nearest row of ``refs`` for each row of ``queries`` (unit rows)."""
    dist = np.empty(len(queries), np.float32)
    idx = np.empty(len(queries), np.int64)
    for s in range(0, len(queries), chunk):
        check_cancel(cancel)
        sim = queries[s:s + chunk] @ refs.T
        j = sim.argmax(axis=1)
        idx[s:s + chunk] = j
        # For unit vectors |a - b|² = 2 - 2 a·b.
        dist[s:s + chunk] = np.sqrt(np.maximum(0.0, 2.0 - 2.0 * sim[np.arange(len(j)), j]))
    return dist, idx


def audit_faces(model: str | Path | None, data: str | Path, *, count: int = 2000, holdout: int = 1000,
                seed: int = 0, device=None, progress: ProgressFn | None = None,
                cancel: threading.Event | None = None) -> tuple[AuditReport, np.ndarray]:
    """The audit and an image of the closest pairs (generated left, training right)."""
    from .faces import FaceGenerator
    from .images import image_grid
    from .training.data import load_image_folder, split_holdout

    gen = FaceGenerator(model, device)
    report(progress, 0, 4, "loading the training images")
    data_set = load_image_folder(data, gen.resolution, progress=None, cancel=cancel)
    arr = np.asarray(data_set.array)
    train_idx, held_idx = split_holdout(len(arr), holdout, seed)
    if len(train_idx) == 0 or len(held_idx) == 0:
        raise StudioError(f"{data}: too few images to hold some out")
    train = thumbnails(arr[train_idx])
    held = thumbnails(arr[held_idx])
    report(progress, 1, 4, f"generating {count} faces")
    faces = np.concatenate([gen.generate(list(range(s, min(count, s + 256)))) for s in range(0, count, 256)])
    check_cancel(cancel)
    report(progress, 2, 4, "finding nearest training images")
    d_gen, i_gen = nearest(thumbnails(faces), train, cancel)
    d_held, _ = nearest(held, train, cancel)
    # Held-out faces that are copies of training images (CelebA has some) would set the bar near zero.
    from .training.data_check import check_data

    check = check_data(data, resolution=1, holdout=holdout, seed=seed, cancel=cancel)
    straddling = {p for group in check.across_split for p in group}
    copies = np.array([str(data_set.files[i]) in straddling for i in held_idx])
    d_ref = d_held[~copies] if (~copies).any() else d_held
    report(progress, 3, 4, "summarising")
    order = np.argsort(d_gen)[:8]
    pairs = [(int(g), int(train_idx[i_gen[g]]), float(d_gen[g])) for g in order]
    grid = image_grid(np.stack([img for g, t, _ in pairs for img in (faces[g], arr[t])]), cols=4)
    rep = AuditReport(
        model=gen.name, generated=len(faces), training=len(train_idx), held_out=int(len(d_ref)),
        set_aside=int(copies.sum()),
        closer_than_any_held_out=float((d_gen < d_ref.min()).mean()),
        closer_than_1pct_held_out=float((d_gen < np.percentile(d_ref, 1)).mean()),
        median_generated=float(np.median(d_gen)), median_held_out=float(np.median(d_ref)),
        min_held_out=float(d_ref.min()), pairs=pairs)
    report(progress, 4, 4, "done")
    return rep, grid


def write_card_section(card: Path, section: str) -> None:
    """Put ``section`` in the model card, replacing an earlier audit."""
    text = card.read_text(encoding="utf-8") if card.exists() else ""
    start = text.find("## Memorisation audit")
    if start >= 0:
        end = text.find("\n## ", start + 1)
        text = text[:start] + (text[end + 1:] if end >= 0 else "")
    card.write_text(text.rstrip() + "\n\n" + section + "\n", encoding="utf-8")
