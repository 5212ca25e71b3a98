"""Video repair and enhancement: the stages chained over a stream of frames, written with the original audio.

Frames flow reader → masks attached → broken-frame replacement → dust
cleaning → masked-region fill → enhancements (see ``enhance``) → writer;
each stage holds only a small window of frames, so memory stays flat whatever
the length. Frames outside the chosen range pass through untouched
(re-encoded only), except for a new frame rate or size, which belong to the
whole file; the output keeps the input's duration and audio.
"""
from __future__ import annotations

import itertools
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np

from ..jobs import ProgressFn, check_cancel, report
from ..errors import StudioError
from ..paths import same_file
from ..credentials import supported as credentials_supported
from ..provenance import Provenance, with_original
from .dust import DustParams, DustStats, clean_dust
from .enhance import EnhanceOptions, in_range_stages, output_info, whole_clip_stages
from .fill import FillParams, FillStats, fill_masked
from .frames import FrameCheckParams, FrameCheckReport, ReplacedFrame, replace_broken_frames
from .sharpen import UPSCALE_SHARPEN, enhance_frame
from .io import Frame, MaskSequence, VideoError, VideoWriter, probe, read_frame_range, read_frames


@dataclass
class VideoRepairOptions:
    mask: str | os.PathLike | np.ndarray | None = None  # image, folder of images, mask video, or an array
    auto_dust: bool = False
    auto_frames: bool = False
    start: int = 0  # first frame repaired
    end: int | None = None  # frame after the last one repaired (None: to the end)
    crf: int = 18  # H.264 quality: lower is better and larger; 18 is visually lossless for most footage
    fill: FillParams = field(default_factory=FillParams)
    dust: DustParams = field(default_factory=DustParams)
    frames: FrameCheckParams = field(default_factory=FrameCheckParams)
    enhance: EnhanceOptions = field(default_factory=EnhanceOptions)
    mark: bool = True  # write how the output was made into its metadata (see ``core.provenance``)

    def validate(self) -> None:
        if self.mask is None and not self.auto_dust and not self.auto_frames and not self.enhance.active:
            raise StudioError("nothing to do: give a mask, turn on dust cleaning or broken-frame repair, "
                              "or choose an enhancement")
        self.enhance.validate()
        if self.start < 0:
            raise StudioError("the start frame cannot be negative")
        if self.end is not None and self.end <= self.start:
            raise StudioError(f"the end frame ({self.end}) must come after the start frame ({self.start})")
        if not 0 <= self.crf <= 51:
            raise StudioError("the quality (CRF) must be between 0 and 51")


@dataclass
class VideoReport:
    output: Path | None
    frames: int  # source frames read
    seconds: float
    replaced: list[ReplacedFrame]
    dust_frames: int
    dust_pixels: int
    masked_pixels: int
    filled_from_other_frames: float  # share of masked pixels that came from other frames
    skipped_packets: int
    audio: str | None
    masks_ran_out_at: int | None = None
    expected_frames: int = 0  # what the container declares for the range (0: it does not say)
    written: int = 0  # frames in the output (differs from ``frames`` after a frame-rate change)
    output_fps: float = 0.0
    output_size: tuple[int, int] = (0, 0)
    input_size: tuple[int, int] = (0, 0)

    @property
    def reshaped(self) -> bool:
        """The output's frame count or size differs from the input's (a new frame rate, an upscale)."""
        return self.written != self.frames or self.output_size != self.input_size

    @property
    def ended_early(self) -> bool:
        """Decoding stopped well before the container's declared length: a truncated or damaged file."""
        return self.expected_frames > 0 and self.frames < self.expected_frames - max(3, self.expected_frames // 50)

    @property
    def fps(self) -> float:
        return self.frames / self.seconds if self.seconds > 0 else 0.0


@dataclass
class _Stats:
    fill: FillStats = field(default_factory=FillStats)
    dust: DustStats = field(default_factory=DustStats)
    frames: FrameCheckReport = field(default_factory=FrameCheckReport)
    masks_ran_out_at: int | None = None


class _MaskFeed:
    def __init__(self, mask, size: tuple[int, int]):
        self.array: np.ndarray | None = None
        self.sequence: MaskSequence | None = None
        if isinstance(mask, np.ndarray):
            if mask.shape[:2] != (size[1], size[0]):
                raise StudioError(f"mask is {mask.shape[1]}×{mask.shape[0]} but the video is {size[0]}×{size[1]}")
            self.array = mask.astype(bool)
        elif mask is not None:
            self.sequence = MaskSequence(mask, size)

    def next(self) -> np.ndarray | None:
        if self.array is not None:
            return self.array
        return self.sequence.next() if self.sequence is not None else None

    def close(self) -> None:
        if self.sequence is not None:
            self.sequence.close()


def _stages(frames: Iterable[Frame], options: VideoRepairOptions, masks: _MaskFeed, stats: _Stats,
            cancel: threading.Event | None) -> Iterator[Frame]:
    def with_masks(src: Iterable[Frame]) -> Iterator[Frame]:
        for f in src:
            m = masks.next()
            if m is None and stats.masks_ran_out_at is None and (masks.sequence is not None):
                stats.masks_ran_out_at = f.index
            f.mask = m.copy() if m is not None and m.any() else None
            yield f

    stream: Iterable[Frame] = with_masks(frames)
    if options.auto_frames:
        stream = replace_broken_frames(stream, options.frames, report=stats.frames, cancel=cancel)
    if options.auto_dust:
        stream = clean_dust(stream, options.dust, stats=stats.dust, cancel=cancel)
    if options.mask is not None:
        stream = fill_masked(stream, options.fill, stats=stats.fill, cancel=cancel)
    if options.enhance.active:
        stream = in_range_stages(stream, options.enhance, cancel)
    return iter(stream)


def _in_range(frames: Iterator[Frame], options: VideoRepairOptions, masks: _MaskFeed, stats: _Stats,
              cancel: threading.Event | None) -> Iterator[Frame]:
    """Frames before ``start`` and from ``end`` on pass through; those between go through the stages."""
    held: list[Frame] = []

    def inside() -> Iterator[Frame]:
        for f in frames:
            if options.end is not None and f.index >= options.end:
                held.append(f)
                return
            yield f

    for f in frames:
        if f.index >= options.start:
            held.append(f)
            break
        yield f
    if not held:
        return
    first = held.pop()
    yield from _stages(itertools.chain([first], inside()), options, masks, stats, cancel)
    yield from held
    yield from frames


def repair_video(
    source: str | os.PathLike,
    output: str | os.PathLike,
    options: VideoRepairOptions,
    *,
    overwrite: bool = False,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> VideoReport:
    """Repair ``source`` into ``output`` (H.264 MP4 with the source's audio)."""
    options.validate()
    source, output = Path(source), Path(output)
    info = probe(source)
    if same_file(output, source):
        raise StudioError(f"{output}: the output would overwrite the input; choose another name")
    if output.exists() and not overwrite:
        raise StudioError(f"{output}: already exists (use --overwrite to replace it)")
    if info.frames_hint and options.start >= info.frames_hint:
        raise StudioError(f"start frame {options.start} is past the end of the video ({info.frames_hint} frames)")
    masks = _MaskFeed(options.mask, info.size)
    stats = _Stats()
    counter: dict = {}
    out_info = output_info(info, options.enhance)
    made = with_original(made_by(options), source) if options.mark else None
    tags = made.container_tags() if made is not None else None
    writer = VideoWriter(output, out_info, crf=options.crf, audio_from=source, metadata=tags)
    started = time.perf_counter()
    total = round(info.frames_hint * float(out_info.fps / info.fps))
    done = 0
    read = 0

    def counted(frames: Iterator[Frame]) -> Iterator[Frame]:
        nonlocal read
        for f in frames:
            read += 1
            yield f

    try:
        report(progress, 0, max(total, 1), "starting")
        stream = _in_range(counted(read_frames(source, counter=counter)), options, masks, stats, cancel)
        for frame in whole_clip_stages(stream, options.enhance, info, cancel):
            check_cancel(cancel)
            writer.write(frame)
            done += 1
            total = max(total, done)
            report(progress, done, total, f"frame {done}")
        writer.close()
        if made is not None and credentials_supported(output):
            report(progress, done, total, "signing content credentials")
            _sign_quietly(output, made, source)
    except BaseException:
        writer.abort()
        raise
    finally:
        masks.close()
    if done == 0:
        raise VideoError(f"{source}: no frame could be decoded")
    end = info.frames_hint if options.end is None else min(options.end, info.frames_hint)
    return VideoReport(output, read, time.perf_counter() - started, stats.frames.replaced,
                       stats.dust.frames_with_dust, stats.dust.pixels, stats.fill.masked_pixels,
                       stats.fill.temporal_share, counter.get("skipped", 0), info.audio_codec,
                       stats.masks_ran_out_at, max(0, end - options.start) if info.frames_hint else 0,
                       done, float(out_info.fps), out_info.size, info.size)


def _sign_quietly(output: Path, made: Provenance, source: Path) -> None:
    import warnings

    from ..credentials import sign_file

    try:
        sign_file(output, made, original=source)
    except StudioError as exc:  # the video is written either way; its container tags still say how
        warnings.warn(f"{output.name}: saved without content credentials: {exc}", stacklevel=2)


def made_by(options: VideoRepairOptions) -> Provenance:
    """What a run with ``options`` does, for the output's provenance."""
    from ..photo.methods import METHODS

    actions = []
    if options.auto_frames:
        actions.append("broken frames rebuilt")
    if options.auto_dust:
        actions.append("film dust cleaned")
    learned = False
    if options.mask is not None:
        method = options.fill.spatial_method
        actions.append(f"masked region filled from other frames and {method}")
        learned = bool(METHODS.get(method) and METHODS[method].learned)
    e = options.enhance
    for name, on in (("deflickered", e.deflicker), (f"denoised {e.denoise:g}", e.denoise > 0),
                     (f"stabilised {e.stabilize:g}", e.stabilize > 0), (f"sharpened {e.sharpen:g}", e.sharpen > 0),
                     (f"frame rate converted to {float(e.fps or 0):.3g} frames/s", e.fps is not None),
                     (f"upscaled {e.upscale}×", e.upscale > 1)):
        if on:
            actions.append(name)
    return Provenance(actions, learned=learned)


def context_frames(options: VideoRepairOptions) -> int:
    """Frames on each side a stage looks at: enough for a faithful one-frame preview."""
    reach = 0
    if options.mask is not None:
        reach += max(options.fill.offsets)
    if options.auto_frames:
        reach += options.frames.lookahead + 1
    if options.auto_dust:
        reach += 2  # two neighbours on one side at the clip's ends
    return reach + options.enhance.reach()


def preview_frame(source: str | os.PathLike, index: int, options: VideoRepairOptions, *,
                  progress: ProgressFn | None = None,
                  cancel: threading.Event | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(original, repaired) pixels of one frame, repaired with just enough neighbours around it."""
    options.validate()
    reach = context_frames(options)
    first = max(options.start, index - reach)
    report(progress, 0, 2, f"reading frames {first}–{index + reach}")
    frames = read_frame_range(source, first, index - first + reach + 1)
    report(progress, 1, 2, f"repairing frame {index}")
    if not any(f.index == index for f in frames):
        raise VideoError(f"{source}: frame {index} could not be read")
    original = next(f.rgb.copy() for f in frames if f.index == index)
    if not options.start <= index < (options.end if options.end is not None else index + 1):
        return original, original.copy()
    h, w = original.shape[:2]
    masks = _MaskFeed(options.mask, (w, h))
    try:
        if masks.sequence is not None:  # the sequence starts at the range's first frame
            for _ in range(first - options.start):
                masks.next()
        stats = _Stats()
        for f in _stages(iter(frames), options, masks, stats, cancel):
            if f.index == index:
                if options.enhance.upscale > 1:
                    f.rgb = enhance_frame(f.rgb, options.enhance.sharpen or UPSCALE_SHARPEN, options.enhance.upscale)
                return original, f.rgb
    finally:
        masks.close()
    return original, original.copy()
