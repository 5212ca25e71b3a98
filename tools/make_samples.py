"""Render the sample files shipped in resources/samples/.

Everything is drawn from code (no photographs), so the samples may be
redistributed with Studio. Run from the repository root:

    python tools/make_samples.py
"""
from __future__ import annotations

import sys
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from studio.core.photo.damage import add_synthetic_damage  # noqa: E402

OUT = ROOT / "resources" / "samples"


def _ridge(rng: np.random.Generator, w: int, base: float, rough: float) -> np.ndarray:
    """A mountain skyline: a sum of random sines, rougher at small scales."""
    x = np.arange(w, dtype=np.float32)
    y = np.full(w, base, np.float32)
    for octave in range(6):
        freq = (octave + 1) ** 1.7 / w * 2 * np.pi
        y += rough / (octave + 1) ** 1.3 * np.sin(freq * x + rng.uniform(0, 6.3))
    return y


def landscape(seed: int, w: int = 768, h: int = 512, offset: int = 0) -> np.ndarray:
    """A sunset over layered hills with a lake and a few trees, in RGB."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    horizon = h * rng.uniform(0.55, 0.65)
    top = np.array(rng.choice([(40, 70, 140), (60, 50, 110), (30, 90, 150)]), np.float32)
    glow = np.array(rng.choice([(250, 170, 90), (250, 140, 110), (240, 200, 120)]), np.float32)
    t = np.clip(yy / horizon, 0, 1)[..., None]
    img = top * (1 - t) + glow * t
    sun_x, sun_y = w * rng.uniform(0.25, 0.75), horizon * rng.uniform(0.55, 0.8)
    d = np.sqrt((xx - sun_x) ** 2 + (yy - sun_y) ** 2)
    img += (np.clip(1 - d / (h * 0.5), 0, 1) ** 2 * 80)[..., None]
    img[d < h * 0.05] = (255, 240, 200)
    for i, shade in enumerate((0.75, 0.55, 0.35)):
        ridge = _ridge(rng, w + 200, horizon - h * (0.18 - 0.06 * i), h * (0.09 - 0.02 * i))[offset:offset + w]
        color = np.array((60 + 20 * i, 70 + 25 * i, 90 - 10 * i), np.float32) * shade * 1.6
        below = yy >= ridge[None, :]
        texture = rng.normal(0, 6, (h // 8 + 1, (w + 200) // 8 + 1)).astype(np.float32)
        texture = cv2.resize(texture, (w + 200, h), interpolation=cv2.INTER_CUBIC)[:, offset:offset + w]
        img[below] = (color + texture[below][:, None])
    lake = yy > horizon
    refl = img[::-1][(np.clip(2 * horizon - yy, 0, h - 1)).astype(int), xx.astype(int)]
    ripple = np.sin(yy * 0.9 + np.sin(xx * 0.05) * 2) * 8
    img[lake] = (refl[lake] * 0.6 + np.array((30, 60, 90)) * 0.4) + ripple[lake][:, None]
    for _ in range(rng.integers(4, 9)):
        tx = int(rng.uniform(0, w + 200)) - offset
        base = int(horizon + rng.uniform(-h * 0.02, h * 0.02))
        th = int(rng.uniform(0.08, 0.18) * h)
        pts = np.array([[tx, base - th], [tx - th // 4, base], [tx + th // 4, base]], np.int32)
        cv2.fillPoly(img, [pts], (25, 45, 30))
    img += rng.normal(0, 3, img.shape)
    return np.clip(img, 0, 255).astype(np.uint8)


def old_print(rgb: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Sepia, faded, grainy, with dust, scratches and a small tear; returns (photo, damage mask).

    The scene is softened as the camera's lens and the enlarger soften every print, before the damage, which
    lies on the print and stays sharp: without that, the drawn skylines keep stair-stepped edges no
    photograph has.
    """
    rgb = cv2.GaussianBlur(rgb, (0, 0), 0.8)
    g = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY).astype(np.float32)
    sepia = np.stack([g * 1.07 + 20, g * 0.95 + 10, g * 0.75], axis=2)
    faded = sepia * 0.8 + 35 + rng.normal(0, 4, sepia.shape)
    photo = np.clip(faded, 0, 255).astype(np.uint8)
    return add_synthetic_damage(photo, rng, dust=60, scratches=4, tears=1)


def sample_clip(path: Path, frames: int = 72, fps: int = 24) -> None:
    """A slow pan over a landscape, a boat crossing, a burnt-in caption, film dust, one broken frame."""
    rng = np.random.default_rng(5)
    w, h = 640, 360
    out = av.open(str(path), "w")
    vs = out.add_stream("libx264", rate=fps)
    vs.width, vs.height, vs.pix_fmt = w, h, "yuv420p"
    vs.options = {"crf": "26", "preset": "slow"}
    au = out.add_stream("aac", rate=22050)
    au.layout = "mono"
    wide = landscape(11, w + 200, h)
    for i in range(frames):
        frame = wide[:, i: i + w].copy()
        bx = 60 + i * 6
        cv2.ellipse(frame, (bx, int(h * 0.7)), (26, 8), 0, 0, 180, (40, 30, 25), -1)
        cv2.line(frame, (bx, int(h * 0.7)), (bx, int(h * 0.7) - 30), (60, 50, 40), 2)
        cv2.putText(frame, "SAMPLE", (w - 170, 40), cv2.FONT_HERSHEY_DUPLEX, 1.1, (255, 255, 255), 2, cv2.LINE_AA)
        for _ in range(6):
            c = (int(rng.integers(0, w)), int(rng.integers(0, h)))
            v = 235 if rng.random() < 0.5 else 20
            cv2.circle(frame, c, int(rng.integers(1, 4)), (v, v, v), -1)
        if i == 40:
            frame = np.clip(frame.astype(np.int16) + 120, 0, 255).astype(np.uint8)  # a flash
        vf = av.VideoFrame.from_ndarray(frame, format="rgb24")
        vf.pts, vf.time_base = i, Fraction(1, fps)
        for p in vs.encode(vf):
            out.mux(p)
    samples = int(22050 * frames / fps)
    t = np.arange(samples) / 22050
    tone = (0.15 * np.sin(2 * np.pi * 220 * t) + 0.1 * np.sin(2 * np.pi * 330 * t)) * np.minimum(1, t)
    for s in range(0, samples, 1024):
        af = av.AudioFrame.from_ndarray(tone[None, s:s + 1024].astype(np.float32), format="fltp", layout="mono")
        af.sample_rate, af.pts, af.time_base = 22050, s, Fraction(1, 22050)
        for p in au.encode(af):
            out.mux(p)
    for stream in (au, vs):
        for p in stream.encode(None):
            out.mux(p)
    out.close()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(2024)
    photo, mask = old_print(landscape(3), rng)
    cv2.imwrite(str(OUT / "old-photo.jpg"), cv2.cvtColor(photo, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, 88])
    cv2.imwrite(str(OUT / "old-photo-mask.png"), mask.astype(np.uint8) * 255)
    photos = OUT / "landscapes"
    photos.mkdir(exist_ok=True)
    for seed in range(20, 28):
        img = landscape(seed, 384, 256)
        cv2.imwrite(str(photos / f"landscape-{seed}.jpg"), cv2.cvtColor(img, cv2.COLOR_RGB2BGR),
                    [cv2.IMWRITE_JPEG_QUALITY, 85])
    sample_clip(OUT / "boat-clip.mp4")
    caption = np.zeros((360, 640), np.uint8)
    cv2.putText(caption, "SAMPLE", (640 - 170, 40), cv2.FONT_HERSHEY_DUPLEX, 1.1, 255, 2, cv2.LINE_AA)
    cv2.imwrite(str(OUT / "boat-clip-mask.png"), cv2.dilate(caption, np.ones((7, 7), np.uint8)))


if __name__ == "__main__":
    main()
