"""Reading and writing video with PyAV, streaming, keeping timing and audio.

Frames are decoded one at a time and written one at a time, so memory does not
depend on the length of the clip. The header's frame count is only a hint:
reading goes on until the stream ends, and undecodable packets are skipped and
counted rather than ending the job.
"""
from __future__ import annotations

import bisect
import os
import tempfile
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Iterator

import av
import numpy as np

from ..images import FILE_MODE, IMAGE_EXTENSIONS, load_mask
from ..errors import StudioError
from ..locks import hold, remove_if_abandoned

VIDEO_EXTENSIONS = {".mp4", ".mov", ".mkv", ".avi", ".webm", ".m4v", ".mpg", ".mpeg", ".wmv", ".flv", ".ts", ".3gp"}

# Audio codecs an MP4 file can hold as they are; anything else is re-encoded to AAC.
_MP4_AUDIO = {"aac", "mp3", "alac", "ac3", "eac3", "opus", "flac"}


class VideoError(StudioError):
    """A file that cannot be read or written as video; the message names the file."""


@dataclass
class VideoInfo:
    path: Path
    width: int
    height: int
    fps: Fraction
    time_base: Fraction
    frames_hint: int  # from the header: may be 0 or wrong
    duration: float  # seconds, from the header (0 when unknown)
    audio_codec: str | None

    @property
    def size(self) -> tuple[int, int]:
        return self.width, self.height


@dataclass
class Frame:
    """One decoded frame on its way through the repair stages."""

    index: int
    pts: int | None
    rgb: np.ndarray
    mask: np.ndarray | None = None  # pixels to fill (bool), if any
    replaced: bool = False  # True when the whole frame was rebuilt from its neighbours


def _open_input(path: Path):
    if not path.exists():
        raise VideoError(f"{path}: no such file")
    if path.is_dir():
        raise VideoError(f"{path}: is a folder, not a video")
    if path.suffix.lower() in IMAGE_EXTENSIONS:
        raise VideoError(f"{path}: is an image, not a video (photos are repaired with `studio repair`)")
    try:
        return av.open(str(path), "r")
    except (av.error.FFmpegError, UnicodeDecodeError) as exc:
        raise VideoError(f"{path}: not a video file FFmpeg can read ({exc})") from exc


def _video_stream(container, path: Path):
    if not container.streams.video:
        container.close()
        raise VideoError(f"{path}: has no video stream")
    return container.streams.video[0]


def probe(path: str | os.PathLike) -> VideoInfo:
    path = Path(path)
    with _open_input(path) as c:
        return _info(c, path)


def _info(c, path: Path) -> VideoInfo:
    vs = _video_stream(c, path)
    cc = vs.codec_context
    # The container's nominal rate numbers frames the way their timestamps step; the
    # average can be skewed by a few odd timestamps.
    fps = vs.guessed_rate or vs.base_rate or vs.average_rate or Fraction(25)
    duration = 0.0
    if vs.duration is not None and vs.time_base is not None:
        duration = float(vs.duration * vs.time_base)
    elif c.duration is not None:
        duration = c.duration / av.time_base
    frames = vs.frames or int(round(duration * fps))
    audio = c.streams.audio[0].codec_context.name if c.streams.audio else None
    if not cc.width or not cc.height:
        raise VideoError(f"{path}: the video stream has no picture size")
    return VideoInfo(path, cc.width, cc.height, Fraction(fps), vs.time_base or Fraction(1, 90000),
                     frames, duration, audio)


def read_frames(path: str | os.PathLike, *, counter: dict | None = None) -> Iterator[Frame]:
    """Yield every decodable frame in order; ``counter['skipped']`` counts broken packets."""
    path = Path(path)
    container = _open_input(path)
    try:
        vs = _video_stream(container, path)
        vs.thread_type = "AUTO"
        index = 0
        skipped = 0
        for packet in container.demux(vs):
            try:
                frames = packet.decode()
            except av.error.FFmpegError:
                skipped += 1
                if counter is not None:
                    counter["skipped"] = skipped
                continue
            for f in frames:
                yield Frame(index, f.pts, f.to_ndarray(format="rgb24"))
                index += 1
    except av.error.FFmpegError as exc:
        raise VideoError(f"{path}: reading stopped at frame {index} ({exc})") from exc
    finally:
        container.close()


def read_frame_range(path: str | os.PathLike, first: int, count: int) -> list[Frame]:
    """Frames ``first`` … ``first + count - 1`` (fewer at the end), numbered as :func:`read_frames` numbers them."""
    cursor = FrameCursor(path)
    try:
        out = []
        for i in range(max(0, first), max(0, first) + count):
            f = cursor.get(i)
            if f is None:
                break
            out.append(f)
        return out
    finally:
        cursor.close()


class MaskSequence:
    """Masks for consecutive frames from one image, a folder of images, or a mask video.

    The first mask belongs to the first frame that is repaired; a single image
    applies to every frame.
    """

    def __init__(self, path: str | os.PathLike, size: tuple[int, int]):
        self.path = Path(path)
        self.size = size
        self._still: np.ndarray | None = None
        self._files: list[Path] | None = None
        self._video: Iterator[Frame] | None = None
        self._position = 0
        if not self.path.exists():
            raise VideoError(f"{self.path}: no such mask file or folder")
        if self.path.is_dir():
            files = [p for p in self.path.iterdir() if p.suffix.lower() in IMAGE_EXTENSIONS]
            if not files:
                raise VideoError(f"{self.path}: the mask folder holds no images")
            self._files = sorted(files, key=_natural_key)
        elif self.path.suffix.lower() in IMAGE_EXTENSIONS:
            self._still = load_mask(self.path, size)
        else:
            self._video = read_frames(self.path)

    @property
    def count(self) -> int | None:
        """Number of masks, or None for a single image or a mask video."""
        return len(self._files) if self._files is not None else None

    def next(self) -> np.ndarray | None:
        """The mask for the next frame, or None when the sequence has run out."""
        i = self._position
        self._position += 1
        if self._still is not None:
            return self._still
        if self._files is not None:
            return load_mask(self._files[i], self.size) if i < len(self._files) else None
        assert self._video is not None
        frame = next(self._video, None)
        if frame is None:
            return None
        mask = frame.rgb.max(axis=2) > 127
        if (mask.shape[1], mask.shape[0]) != tuple(self.size):
            raise VideoError(
                f"{self.path}: mask video is {mask.shape[1]}×{mask.shape[0]} "
                f"but the video is {self.size[0]}×{self.size[1]}"
            )
        return mask

    def close(self) -> None:
        if self._video is not None:
            self._video.close()


def _natural_key(p: Path):
    import re

    return [int(t) if t.isdigit() else t.lower() for t in re.split(r"(\d+)", p.name)]


class VideoWriter:
    """H.264 MP4 written to a temporary file and renamed into place on :meth:`close`.

    Audio from ``audio_from`` is carried over as packets (or re-encoded to AAC
    when MP4 cannot hold its codec), interleaved as video frames are written.
    """

    def __init__(self, path: str | os.PathLike, info: VideoInfo, *, crf: int = 18,
                 audio_from: str | os.PathLike | None = None, preset: str = "veryfast",
                 metadata: dict[str, str] | None = None):
        self.path = Path(path)
        if self.path.suffix.lower() not in (".mp4", ".m4v", ".mov", ".mkv"):
            raise VideoError(f"{self.path}: write video as .mp4, .m4v, .mov or .mkv")
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # What a killed job left here: its lock died with it, a live job's did not.
            for stale in folder.glob(".studio-*"):
                remove_if_abandoned(stale)
            fd, self._tmp = tempfile.mkstemp(prefix=".studio-", suffix=self.path.suffix, dir=folder)
            self._held = os.fdopen(fd, "rb")
            hold(self._held)
        except OSError as exc:
            raise VideoError(f"{folder}: cannot write here ({exc.strerror or exc})") from exc
        self.info = info
        try:
            # use_metadata_tags: MP4 keeps keys of our own (the digital source type) as well as the standard ones.
            self._out = av.open(self._tmp, "w", options={"movflags": "use_metadata_tags"} if metadata else None)
            for key, value in (metadata or {}).items():
                self._out.metadata[key] = value
            self._vs = self._out.add_stream("libx264", rate=info.fps)
            self._vs.width = info.width - info.width % 2
            self._vs.height = info.height - info.height % 2
            self._vs.pix_fmt = "yuv420p"
            self._vs.time_base = info.time_base
            self._vs.codec_context.time_base = info.time_base
            self._vs.options = {"crf": str(int(crf)), "preset": preset}
            self._audio = _AudioCarrier(Path(audio_from), self._out) if audio_from and info.audio_codec else None
        except Exception:
            self._discard()
            raise
        self._last_pts: int | None = None
        self.frames = 0

    def write(self, frame: Frame) -> None:
        rgb = frame.rgb[: self._vs.height, : self._vs.width]
        vf = av.VideoFrame.from_ndarray(np.ascontiguousarray(rgb), format="rgb24")
        pts = frame.pts
        if pts is None or (self._last_pts is not None and pts <= self._last_pts):
            step = max(1, int(round(1 / (self.info.fps * self.info.time_base))))
            pts = 0 if self._last_pts is None else self._last_pts + step
        self._last_pts = pts
        vf.pts = pts
        vf.time_base = self.info.time_base
        try:
            for packet in self._vs.encode(vf):
                self._out.mux(packet)
            if self._audio is not None:
                self._audio.feed_until(float(pts * self.info.time_base))
        except OSError as exc:
            raise VideoError(f"{self.path}: cannot write ({exc.strerror or exc})") from exc
        self.frames += 1

    def close(self) -> Path:
        """Finish the file and move it into place."""
        try:
            for packet in self._vs.encode(None):
                self._out.mux(packet)
            if self._audio is not None:
                self._audio.finish()
            self._out.close()
            os.chmod(self._tmp, FILE_MODE)
            os.replace(self._tmp, self.path)
            self._held.close()
        except (OSError, av.error.FFmpegError) as exc:
            self._discard()
            raise VideoError(f"{self.path}: cannot write ({getattr(exc, 'strerror', None) or exc})") from exc
        finally:
            if self._audio is not None:
                self._audio.close()
        return self.path

    def abort(self) -> None:
        """Drop the partial output; the target path is left as it was."""
        if self._audio is not None:
            self._audio.close()
        self._discard()

    def _discard(self) -> None:
        try:
            self._out.close()
        except Exception:  # the container may be half-initialised; the temp file goes anyway
            pass
        try:
            os.unlink(self._tmp)
        except OSError:
            pass
        self._held.close()


class _AudioCarrier:
    """Moves the first audio stream of a source file into an output container."""

    def __init__(self, source: Path, out):
        self._in = _open_input(source)
        self._stream = self._in.streams.audio[0]
        self._copy = self._stream.codec_context.name in _MP4_AUDIO
        if self._copy:
            self._out_stream = out.add_stream_from_template(self._stream)
        else:
            rate = self._stream.codec_context.sample_rate or 48000
            self._out_stream = out.add_stream("aac", rate=rate)
            self._resampler = av.AudioResampler(format="fltp", layout=self._stream.codec_context.layout, rate=rate)
        self._out = out
        self._packets = self._in.demux(self._stream)
        self._done = False

    def feed_until(self, seconds: float) -> None:
        # Keep audio a little ahead of video so the muxer can interleave without buffering much.
        while not self._done:
            packet = next(self._packets, None)
            if packet is None:
                self._done = True
                self._flush_encoder()
                return
            self._carry(packet)
            if packet.pts is not None and float(packet.pts * packet.time_base) > seconds + 0.5:
                return

    def finish(self) -> None:
        self.feed_until(float("inf"))

    def _carry(self, packet) -> None:
        if self._copy:
            if packet.dts is None:  # the demuxer's end-of-stream marker
                return
            packet.stream = self._out_stream
            self._out.mux(packet)
            return
        try:
            frames = packet.decode()
        except av.error.FFmpegError:
            return
        for frame in frames:
            for rf in self._resampler.resample(frame):
                for p in self._out_stream.encode(rf):
                    self._out.mux(p)

    def _flush_encoder(self) -> None:
        if not self._copy:
            for rf in self._resampler.resample(None):
                for p in self._out_stream.encode(rf):
                    self._out.mux(p)
            for p in self._out_stream.encode(None):
                self._out.mux(p)

    def close(self) -> None:
        self._in.close()


class FrameCursor:
    """Random access to frames for a player: sequential steps decode on, jumps seek.

    Frames are numbered by their place in presentation order, found once by
    reading the packet timestamps (no decoding), so a frame reached by seeking
    has the same number as when the file is read from the start.
    """

    _FORWARD = 48  # frames worth decoding through rather than seeking

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        container = _open_input(self.path)
        try:
            self.info = _info(container, self.path)
            vs = container.streams.video[0]
            self._pts = sorted(p.pts for p in container.demux(vs) if p.pts is not None)
        except av.error.FFmpegError as exc:
            raise VideoError(f"{self.path}: cannot index the frames ({exc})") from exc
        finally:
            container.close()
        self._container = None
        self._frames: Iterator = iter(())
        self._next = 0  # index the open decoder yields next

    @property
    def count(self) -> int:
        return len(self._pts)

    def get(self, index: int) -> Frame | None:
        """Frame ``index``, or None past the end."""
        if index < 0 or index >= len(self._pts):
            return None
        if self._container is None or index < self._next or index > self._next + self._FORWARD:
            self._reopen(index)
        target = self._pts[index]
        for f in self._frames:
            if f.pts is None:
                continue
            self._next = bisect.bisect_right(self._pts, f.pts)
            if f.pts >= target:
                return Frame(index, f.pts, f.to_ndarray(format="rgb24"))
        return None

    def _reopen(self, index: int) -> None:
        self.close()
        self._container = _open_input(self.path)
        vs = _video_stream(self._container, self.path)
        if index > 0:
            try:
                self._container.seek(self._pts[index], stream=vs, backward=True, any_frame=False)
            except av.error.FFmpegError as exc:
                raise VideoError(f"{self.path}: cannot seek to frame {index} ({exc})") from exc
        self._frames = self._container.decode(vs)
        self._next = 0

    def close(self) -> None:
        if self._container is not None:
            self._container.close()
            self._container = None


def is_video_path(path: Path) -> bool:
    return Path(path).suffix.lower() in VIDEO_EXTENSIONS


def open_video(path: str | os.PathLike) -> tuple[VideoInfo, int]:
    """What a player needs to show a clip: its description and how many frames it really has."""
    cursor = FrameCursor(path)
    cursor.close()
    return cursor.info, cursor.count
