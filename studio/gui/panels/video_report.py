"""What the Video tab says after a repair: one line per thing done, warnings last."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ...core.durations import format_duration


def report_lines(rep, *, dust: bool, frames: bool) -> list[str]:
    """Translated in the Video tab's own context."""
    lines = [QCoreApplication.translate("VideoPanel", "Wrote {0}: {1} frames in {2} ({3:.1f} frames/s).").format(
        rep.output.name, rep.frames, format_duration(rep.seconds), rep.fps)]
    if rep.reshaped:
        lines.append(QCoreApplication.translate("VideoPanel", "Output: {0} frames at {1:.3g} frames/s, {2}×{3}.").format(
            rep.written, rep.output_fps, *rep.output_size))
    if rep.audio:
        lines.append(QCoreApplication.translate("VideoPanel", "Audio kept ({0}).").format(rep.audio))
    if rep.masked_pixels:
        lines.append(QCoreApplication.translate("VideoPanel", "{0:.0%} of the painted region came from other frames.").format(
            rep.filled_from_other_frames))
    if dust:
        lines.append(QCoreApplication.translate("VideoPanel", "Dust cleaned on 1 frame.") if rep.dust_frames == 1 else
                     QCoreApplication.translate("VideoPanel", "Dust cleaned on {0} frames.").format(rep.dust_frames))
    if frames:
        if rep.replaced:
            shown = ", ".join(str(r.index) for r in rep.replaced[:20])
            more = "…" if len(rep.replaced) > 20 else ""
            if len(rep.replaced) == 1:
                lines.append(QCoreApplication.translate("VideoPanel", "Rebuilt 1 broken frame: {0}").format(shown))
            else:
                lines.append(QCoreApplication.translate("VideoPanel", "Rebuilt {0} broken frames: {1}{2}").format(len(rep.replaced), shown, more))
        else:
            lines.append(QCoreApplication.translate("VideoPanel", "No broken frames found."))
    if rep.ended_early:
        lines.append(QCoreApplication.translate("VideoPanel", "Warning: the video ended after {0} of the {1} frames it declares; the file is "
                        "truncated or damaged, so the result is shorter.").format(rep.frames, rep.expected_frames))
    if rep.skipped_packets:
        lines.append(QCoreApplication.translate("VideoPanel", "Warning: {0} damaged packets in the video were skipped.").format(rep.skipped_packets))
    return lines
