"""Small generated clips for video tests: a textured scene panning under a moving square, with a tone."""
from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np


def scene(index: int, size: tuple[int, int] = (160, 96)) -> np.ndarray:
    w, h = size
    rng = np.random.default_rng(7)
    big = rng.integers(40, 220, (h // 4 + 8, w // 4 + 40, 3)).astype(np.uint8)
    import cv2

    world = cv2.resize(big, ((w // 4 + 40) * 4, (h // 4 + 8) * 4), interpolation=cv2.INTER_CUBIC)
    x = index % 120  # the camera pans one pixel a frame
    frame = world[8:8 + h, x:x + w].copy()
    cx = 20 + (index * 3) % (w - 40)
    frame[h // 2 - 8:h // 2 + 8, cx - 8:cx + 8] = (230, 40, 40)
    return frame


def make_clip(path: Path, frames: int = 24, size: tuple[int, int] = (160, 96), fps: int = 24,
              audio: str | None = "aac", container_format: str | None = None) -> Path:
    """Write a clip with ``frames`` frames; ``audio`` is an encoder name ("aac", "pcm_s16le") or None."""
    out = av.open(str(path), "w", format=container_format)
    vs = out.add_stream("libx264", rate=fps)
    vs.width, vs.height = size
    vs.pix_fmt = "yuv420p"
    vs.options = {"crf": "12", "preset": "ultrafast"}
    aus = None
    if audio:
        aus = out.add_stream(audio, rate=16000)
        aus.layout = "mono"
    for i in range(frames):
        vf = av.VideoFrame.from_ndarray(scene(i, size), format="rgb24")
        vf.pts = i
        vf.time_base = Fraction(1, fps)
        for p in vs.encode(vf):
            out.mux(p)
    if aus is not None:
        samples = int(16000 * frames / fps)
        t = np.arange(samples) / 16000
        fmt = "fltp" if audio == "aac" else "s16"
        tone = np.sin(2 * np.pi * 440 * t).astype(np.float32) * 0.3
        data = tone[None, :] if fmt == "fltp" else (tone * 32767).astype(np.int16)[None, :]
        chunk = 1024
        for s in range(0, samples, chunk):
            af = av.AudioFrame.from_ndarray(np.ascontiguousarray(data[:, s:s + chunk]), format=fmt, layout="mono")
            af.sample_rate = 16000
            af.pts = s
            af.time_base = Fraction(1, 16000)
            for p in aus.encode(af):
                out.mux(p)
        for p in aus.encode(None):
            out.mux(p)
    for p in vs.encode(None):
        out.mux(p)
    out.close()
    return path


def frame_count(path: Path) -> int:
    with av.open(str(path)) as c:
        return sum(1 for _ in c.decode(video=0))


def audio_seconds(path: Path) -> float:
    with av.open(str(path)) as c:
        if not c.streams.audio:
            return 0.0
        return sum(f.samples / f.sample_rate for f in c.decode(audio=0))
