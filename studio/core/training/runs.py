"""The run folder every model type shares: config, metrics, samples, checkpoints."""
from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

from ..errors import StudioError
from ..locks import RunLock

__all__ = ["RunFolder", "RunLock"]

_CKPT = re.compile(r"ckpt-(\d+)\.safetensors$")


class RunFolder:
    """``config.json``, ``metrics.jsonl``, ``samples/``, ``checkpoints/`` under one folder."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    @property
    def config_path(self) -> Path:
        return self.root / "config.json"

    @property
    def metrics_path(self) -> Path:
        return self.root / "metrics.jsonl"

    @property
    def samples_dir(self) -> Path:
        return self.root / "samples"

    @property
    def checkpoints_dir(self) -> Path:
        return self.root / "checkpoints"

    def exists(self) -> bool:
        return self.config_path.exists()

    def create(self, config: dict) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            self.samples_dir.mkdir(exist_ok=True)
            self.checkpoints_dir.mkdir(exist_ok=True)
            probe = self.root / ".write-test"
            probe.write_text("ok")
            probe.unlink()
        except OSError as exc:
            raise StudioError(f"{self.root}: cannot write the run folder ({exc.strerror or exc})") from exc
        self.write_config(config)

    def write_config(self, config: dict) -> None:
        tmp = self.config_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(config, indent=2, sort_keys=True))
        os.replace(tmp, self.config_path)

    def read_config(self) -> dict:
        if not self.config_path.exists():
            raise StudioError(f"{self.root}: not a training run (no config.json)")
        try:
            return json.loads(self.config_path.read_text())
        except (OSError, ValueError) as exc:
            raise StudioError(f"{self.config_path}: unreadable ({exc})") from exc

    def append_metrics(self, record: dict) -> None:
        with open(self.metrics_path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(record) + "\n")

    def read_metrics(self) -> list[dict]:
        if not self.metrics_path.exists():
            return []
        out = []
        with open(self.metrics_path, encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if not line:
                    continue
                try:
                    out.append(json.loads(line))
                except ValueError:
                    continue  # a line cut short by a killed process
        return out

    def truncate_metrics(self, after_step: int) -> None:
        """Drop records logged after the checkpoint a resumed run restarts from."""
        kept = [r for r in self.read_metrics() if r.get("step", 0) <= after_step]
        tmp = self.metrics_path.with_suffix(".tmp")
        tmp.write_text("".join(json.dumps(r) + "\n" for r in kept))
        os.replace(tmp, self.metrics_path)

    def checkpoints(self) -> list[tuple[int, Path]]:
        if not self.checkpoints_dir.exists():
            return []
        found = []
        for p in self.checkpoints_dir.iterdir():
            m = _CKPT.match(p.name)
            if m:
                found.append((int(m.group(1)), p))
        return sorted(found)

    def latest_checkpoint(self) -> Path | None:
        ck = self.checkpoints()
        return ck[-1][1] if ck else None

    def checkpoint_path(self, step: int) -> Path:
        return self.checkpoints_dir / f"ckpt-{step:07d}.safetensors"

    def prune_checkpoints(self, keep: int) -> None:
        for _, p in self.checkpoints()[:-keep]:
            try:
                p.unlink()
            except OSError:
                pass

    def remove(self, lock: bool = False) -> None:
        """Delete what a start that failed before its first checkpoint created (and its lock file once released)."""
        if not self.root.is_dir():
            return
        for p in (self.config_path, self.metrics_path) + ((self.root / ".lock",) if lock else ()):
            try:
                p.unlink(missing_ok=True)
            except OSError:
                pass
        for d in (self.samples_dir, self.checkpoints_dir):
            shutil.rmtree(d, ignore_errors=True)
        try:
            self.root.rmdir()
        except OSError:
            pass  # other files of the user's, or the lock file of this very process: leave the folder

    def sample_path(self, step: int) -> Path:
        return self.samples_dir / f"step-{step:07d}.png"

    def latest_sample(self) -> Path | None:
        if not self.samples_dir.exists():
            return None
        files = sorted(self.samples_dir.glob("step-*.png"))
        return files[-1] if files else None
