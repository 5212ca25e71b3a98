"""``studio video`` and ``studio bench video``."""
from __future__ import annotations

import sys

from .progress import TextProgress


def register(sub) -> None:
    vp = sub.add_parser("video", help="repair and enhance a video: masked regions, film dust, broken frames, noise, "
                        "flicker, shake, frame rate, size (audio kept)")
    vp.add_argument("input", metavar="INPUT", help="video file (anything FFmpeg reads)")
    vp.add_argument("-o", "--output", required=True, help="output video (.mp4, H.264, with the input's audio)")
    vp.add_argument("--mask", help="region to remove: one image (all frames), a folder of images (one per frame) "
                    "or a mask video; pixels > 127 are repaired")
    vp.add_argument("--auto-dust", action="store_true", help="find and clean specks that appear on one frame only")
    vp.add_argument("--auto-frames", action="store_true", help="find and rebuild broken frames (black, noise, "
                    "shifted, blocky, flash)")
    vp.add_argument("--start", type=int, default=0, metavar="N", help="first frame to repair (default 0)")
    vp.add_argument("--end", type=int, default=None, metavar="M", help="repair up to, not including, frame M")
    vp.add_argument("--crf", type=int, default=18, metavar="Q", help="H.264 quality 0-51, lower is better (default 18)")
    vp.add_argument("--method", default=None, help="spatial method for what no frame shows (default telea)")
    vp.add_argument("--overwrite", action="store_true", help="replace the output if it exists")
    vp.add_argument("--no-provenance", action="store_true",
                    help="do not write how the output was made into its metadata")
    en = vp.add_argument_group("enhance")
    en.add_argument("--denoise", type=strength, metavar="S", help="temporal denoising, 0-1 (0.5 removes noise of "
                    "sigma 15 grey levels)")
    en.add_argument("--deflicker", action="store_true", help="remove frame-to-frame brightness and colour flicker")
    en.add_argument("--sharpen", type=strength, metavar="S", help="sharpen, 0-1")
    en.add_argument("--upscale", type=int, choices=(2, 3, 4), help="enlarge the frames by this factor")
    en.add_argument("--stabilize", type=strength, nargs="?", const=0.5, metavar="S",
                    help="steady a shaky camera, 0-1 (default 0.5)")
    en.add_argument("--fps", metavar="F", help="new frame rate (e.g. 60, 29.97): in-between frames are synthesised "
                    "from motion; duration and audio are kept")

    vp.set_defaults(handler=run_video)


def strength(text: str) -> float:
    import argparse

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text} is outside 0-1")
    return value


def run_video(args, cancel) -> int:
    from ..core.errors import StudioError
    from ..core.video.pipeline import VideoRepairOptions, repair_video
    from .common import UsageError

    from ..core.video.enhance import EnhanceOptions, parse_fps

    try:
        fps = parse_fps(args.fps) if args.fps else None
    except StudioError as exc:
        raise UsageError(str(exc)) from exc
    enhance = EnhanceOptions(denoise=args.denoise or 0.0, deflicker=args.deflicker, sharpen=args.sharpen or 0.0,
                             upscale=args.upscale or 1, stabilize=args.stabilize or 0.0, fps=fps)
    options = VideoRepairOptions(mask=args.mask, auto_dust=args.auto_dust, auto_frames=args.auto_frames,
                                 start=args.start, end=args.end, crf=args.crf, enhance=enhance,
                                 mark=not args.no_provenance)
    if args.method:
        from ..core.photo.methods import METHODS, available

        if not available(args.method):
            raise UsageError(f"unknown method {args.method!r} (choose from {', '.join(METHODS)})")
        options.fill.spatial_method = args.method
    try:
        options.validate()
    except StudioError as exc:
        raise UsageError(str(exc)) from exc
    with TextProgress("video") as bar:
        rep = repair_video(args.input, args.output, options, overwrite=args.overwrite, progress=bar, cancel=cancel)
    print(f"wrote {rep.output}: {rep.frames} frames in {rep.seconds:.1f} s ({rep.fps:.1f} frames/s)"
          + (f", audio {rep.audio} kept" if rep.audio else ", no audio in the input"))
    if rep.reshaped:
        print(f"output: {rep.written} frames at {rep.output_fps:.3g} frames/s, "
              f"{rep.output_size[0]}×{rep.output_size[1]}")
    if args.mask:
        print(f"masked area: {rep.filled_from_other_frames:.0%} filled from other frames, the rest by "
              f"{options.fill.spatial_method}")
        if rep.masks_ran_out_at is not None:
            print(f"note: the masks ran out at frame {rep.masks_ran_out_at}; later frames were left unmasked")
    if args.auto_dust:
        print(f"dust: {rep.dust_pixels} pixels cleaned on {rep.dust_frames} frames")
    if args.auto_frames:
        if rep.replaced:
            listed = ", ".join(f"{r.index} ({r.kind})" for r in rep.replaced)
            print(f"replaced {len(rep.replaced)} broken frame(s): {listed}")
        else:
            print("no broken frames found")
    if rep.skipped_packets:
        print(f"warning: {rep.skipped_packets} undecodable packet(s) in the input were skipped", file=sys.stderr)
    if rep.ended_early:
        print(f"warning: the input ended after {rep.frames} of the {rep.expected_frames} frames its container "
              "declares; it is truncated or damaged, so the output is shorter", file=sys.stderr)
    return 0


def run_bench_video(args, cancel) -> int:
    from ..core.video.bench import bench_dust, bench_fill, bench_frames, load_clip

    clip = load_clip(args.data, args.frames)
    h, w = clip[0].shape[:2]
    print(f"{args.data}: {len(clip)} frames, {w}×{h}")
    fill = bench_fill(clip, seed=args.seed, cancel=cancel)
    print("masked-region repair, new holes every frame (strokes and blobs), PSNR inside the holes:")
    print(f"  studio {fill.psnr_ours:.2f} dB vs per-frame Telea {fill.psnr_telea:.2f} dB "
          f"(+{fill.psnr_ours - fill.psnr_telea:.2f} dB); {fill.from_other_frames:.0%} from other frames")
    print(f"  flicker (excess frame-to-frame change in the holes): studio {fill.flicker_ours:.2f}, "
          f"Telea {fill.flicker_telea:.2f}; {fill.fps_ours:.1f} frames/s without decoding/encoding")
    still = bench_fill(clip, seed=args.seed, static=True, cancel=cancel)
    print("masked-region repair, one fixed box (a logo):")
    print(f"  studio {still.psnr_ours:.2f} dB vs Telea {still.psnr_telea:.2f} dB; "
          f"flicker {still.flicker_ours:.2f} vs {still.flicker_telea:.2f}")
    fr = bench_frames(clip, seed=args.seed, cancel=cancel)
    print(f"broken frames ({fr.corrupted} of {fr.frames}: black, noise, shift, blocky, flash; some in pairs):")
    print(f"  precision {fr.precision:.3f}, recall {fr.recall:.3f}; rebuilt frames {fr.psnr_replaced:.2f} dB "
          f"vs the originals (broken: {fr.psnr_broken:.2f} dB); clean frames altered: {fr.clean_changed}")
    du = bench_dust(clip[: min(len(clip), 150)], seed=args.seed, cancel=cancel)
    print(f"film dust ({du.frames} frames, 12 specks/hairs each): pixel precision {du.precision:.3f}, "
          f"recall {du.recall:.3f}; PSNR in the specks {du.psnr_before:.1f} → {du.psnr_after:.1f} dB; "
          f"clean footage: {du.clean_false_pixels:.4%} of pixels touched")
    return 0


def run_bench_video_enhance(args, cancel) -> int:
    import cv2

    from ..core.video.bench import load_clip
    from ..core.video.enhance_bench import bench_enhance, format_comparisons

    clip = load_clip(args.data, args.frames)
    if not clip:
        print(f"{args.data}: no frames could be read", file=sys.stderr)
        return 1
    if args.width:
        h, w = clip[0].shape[:2]
        size = (args.width // 2 * 2, round(h * args.width / w) // 2 * 2)
        clip = [cv2.resize(f, size, interpolation=cv2.INTER_AREA) for f in clip]
    h, w = clip[0].shape[:2]
    print(f"{args.data}: {len(clip)} frames, {w}×{h}")
    with TextProgress("bench") as bar:
        rows = bench_enhance(clip, seed=args.seed, cancel=cancel, progress=bar)
    print(format_comparisons(rows))
    return 0
