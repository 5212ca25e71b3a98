"""Video enhancement options and the order in which the enhancement stages run.

Tone first (deflicker), so that denoising compares frames of equal
brightness; denoise before stabilising and sharpening, which would otherwise
move and amplify the noise; frame-rate conversion after that, on the cleaned
frames; upscaling last, so that the flow work runs on the smaller frames.
"""
from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Iterable, Iterator

from ..errors import StudioError
from .deflicker import DeflickerParams, deflicker_frames
from .denoise import RADIUS as DENOISE_RADIUS
from .denoise import denoise_frames
from .io import Frame, VideoInfo
from .retime import OUTPUT_TIME_BASE, change_frame_rate
from .sharpen import UPSCALE_SHARPEN, sharpen_frames
from .stabilize import StabilizeParams, stabilize_frames

UPSCALE_FACTORS = (1, 2, 3, 4)
MAX_FPS = 240


@dataclass
class EnhanceOptions:
    denoise: float = 0.0  # 0–1: the noise level removed (0.5 is sigma 15 grey levels)
    deflicker: bool = False
    sharpen: float = 0.0  # 0–1
    upscale: int = 1  # output size factor
    stabilize: float = 0.0  # 0–1: share of the shake removed (0: off)
    fps: Fraction | None = None  # output frame rate (None: the input's)
    deflicker_params: DeflickerParams = field(default_factory=DeflickerParams)

    @property
    def active(self) -> bool:
        return bool(self.denoise > 0 or self.deflicker or self.sharpen > 0 or self.upscale > 1
                    or self.stabilize > 0 or self.fps is not None)

    def validate(self) -> None:
        for name in ("denoise", "sharpen", "stabilize"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise StudioError(f"{name} strength must be between 0 and 1")
        if self.upscale not in UPSCALE_FACTORS:
            raise StudioError(f"upscale must be one of {', '.join(map(str, UPSCALE_FACTORS))}")
        if self.fps is not None and not 0 < self.fps <= MAX_FPS:
            raise StudioError(f"the frame rate must be above 0 and at most {MAX_FPS}")

    def reach(self) -> int:
        """Frames on each side the in-range stages look at."""
        reach = 0
        if self.deflicker:
            reach += self.deflicker_params.radius
        if self.denoise > 0:
            reach += DENOISE_RADIUS
        if self.stabilize > 0:
            reach += StabilizeParams(self.stabilize).radius
        return reach


def parse_fps(text: str) -> Fraction:
    """'60', '29.97' or '30000/1001' as an exact rate; the NTSC rates come out exact."""
    text = text.strip()
    try:
        rate = Fraction(text) if "/" in text else Fraction(text).limit_denominator(1001)
    except (ValueError, ZeroDivisionError) as exc:
        raise StudioError(f"{text!r} is not a frame rate") from exc
    for ntsc in (24, 30, 60, 120):
        if abs(float(rate) - ntsc * 1000 / 1001) < 0.005:
            return Fraction(ntsc * 1000, 1001)
    return rate


def in_range_stages(stream: Iterable[Frame], options: EnhanceOptions,
                    cancel: threading.Event | None) -> Iterator[Frame]:
    """The enhancements applied to the chosen range only."""
    if options.deflicker:
        stream = deflicker_frames(stream, options.deflicker_params, cancel=cancel)
    if options.denoise > 0:
        stream = denoise_frames(stream, options.denoise, cancel=cancel)
    if options.stabilize > 0:
        stream = stabilize_frames(stream, StabilizeParams(options.stabilize), cancel=cancel)
    if options.sharpen > 0 and options.upscale == 1:
        stream = sharpen_frames(stream, options.sharpen, cancel=cancel)
    return iter(stream)


def whole_clip_stages(stream: Iterable[Frame], options: EnhanceOptions, info: VideoInfo,
                      cancel: threading.Event | None) -> Iterator[Frame]:
    """Frame rate and size belong to the whole file, so these apply to every frame."""
    if options.fps is not None and options.fps != info.fps:
        stream = change_frame_rate(stream, info.fps, info.time_base, options.fps, cancel=cancel)
    if options.upscale > 1:
        # Sharpening follows the resampling, on every frame, so that the whole clip looks alike.
        stream = sharpen_frames(stream, options.sharpen or UPSCALE_SHARPEN, options.upscale, cancel=cancel)
    return iter(stream)


def output_info(info: VideoInfo, options: EnhanceOptions) -> VideoInfo:
    """What the written file will be: size and rate after the enhancements."""
    out = info
    if options.fps is not None and options.fps != info.fps:
        out = dataclasses.replace(out, fps=options.fps, time_base=OUTPUT_TIME_BASE)
    if options.upscale > 1:
        out = dataclasses.replace(out, width=info.width * options.upscale, height=info.height * options.upscale)
    return out
