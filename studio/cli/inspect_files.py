"""``studio inspect``: what files say about how they were made."""
from __future__ import annotations


def register(sub) -> None:
    ip = sub.add_parser("inspect", help="how files were made: IPTC source type, C2PA manifest, watermark")
    ip.add_argument("files", nargs="+", metavar="FILE", help="images or videos")
    ip.add_argument("--json", action="store_true", help="print a JSON list, one object per file")
    ip.set_defaults(handler=run_inspect)


def run_inspect(args, cancel) -> int:
    import json

    from ..core.inspection import inspect_file, summary

    results = []
    for f in args.files:
        if cancel is not None and cancel.is_set():
            break
        results.append(inspect_file(f))
    if args.json:
        print(json.dumps([r.to_dict() for r in results], indent=2, ensure_ascii=False))
    else:
        for r in results:
            print("\n".join(summary(r)))
    return 1 if any(r.error for r in results) else 0
