"""Models on disk: safetensors files whose metadata rebuild the network.

Shipped defaults live in ``resources/models``; trained or imported models in the
user's data folder. A file is never unpickled: only tensors and JSON metadata.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import torch
from safetensors import safe_open
from safetensors.torch import load_file

from .errors import StudioError
from .nets.damage import DamageConfig, DamageNet
from .nets.dcgan import DCGANConfig, Generator
from .nets.inpaint import InpaintConfig, InpaintNet
from .paths import resources_dir, user_models_dir
from .weights import atomic_save

# arch name -> (config from dict, network from config, what the model is for)
ARCHS: dict[str, tuple[Callable[[dict], object], Callable[[object], torch.nn.Module], str]] = {
    "dcgan-generator": (DCGANConfig.from_dict, Generator, "faces"),
    "inpaint-refiner": (InpaintConfig.from_dict, InpaintNet, "inpaint"),
    "damage-unet": (DamageConfig.from_dict, DamageNet, "damage"),
}


@dataclass
class ModelInfo:
    name: str
    path: Path
    arch: str
    task: str
    source: str  # "shipped" or "user"
    metadata: dict

    @property
    def card_path(self) -> Path:
        return self.path.with_suffix(".md")


def save_model(path: str | Path, module: torch.nn.Module, arch: str, config: dict, info: dict | None = None,
               *, half: bool = False) -> Path:
    if arch not in ARCHS:
        raise StudioError(f"unknown architecture {arch!r}")
    sd = module.state_dict()
    tensors = {k: (v.half() if half and v.is_floating_point() else v) for k, v in sd.items()}
    meta = {"arch": arch, "config": json.dumps(config), "info": json.dumps(info or {}), "format": "studio-model-1"}
    atomic_save(tensors, Path(path), meta)
    return Path(path)


def portable_info(info: dict) -> dict:
    """Model info without this machine's paths: data sets by name, no run folder."""
    out = dict(info)
    out.pop("run", None)
    data = out.get("data")
    if isinstance(data, str):
        data = [data]
    if isinstance(data, list):
        # The folder and its parent ("bsds500/train") name a data set without saying where it lay.
        out["data"] = ["/".join(Path(str(d)).parts[-2:]) for d in data]
    if isinstance(out.get("val"), str) and ("/" in out["val"] or "\\" in out["val"]):
        out["val"] = Path(out["val"]).name
    return out


def rewrite_info(path: str | Path, change: Callable[[dict], dict]) -> None:
    """Replace a model file's info metadata (atomically), keeping its tensors as they are."""
    path = Path(path)
    meta = read_metadata(path)
    tensors = load_file(str(path))
    raw = {"arch": meta["arch"], "config": json.dumps(meta["config"]), "info": json.dumps(change(meta["info"])),
           "format": meta.get("format", "studio-model-1")}
    atomic_save(tensors, path, raw)


def read_metadata(path: str | Path) -> dict:
    path = Path(path)
    if not path.exists():
        raise StudioError(f"{path}: model file not found")
    try:
        with safe_open(str(path), framework="pt") as fh:
            meta = dict(fh.metadata() or {})
    except Exception as exc:  # damaged header or not safetensors at all
        raise StudioError(f"{path}: not a safetensors model file ({exc})") from exc
    if meta.get("arch") not in ARCHS:
        raise StudioError(f"{path}: not a Studio model (architecture {meta.get('arch')!r} is unknown)")
    for key in ("config", "info"):
        try:
            meta[key] = json.loads(meta.get(key) or "{}")
        except ValueError as exc:
            raise StudioError(f"{path}: model metadata is damaged") from exc
    return meta


MAX_CONFIG_VALUE = 4096  # no setting of any network of ours (width, latent, resolution) is larger


def check_weights(path: str | Path, meta: dict) -> None:
    """Prove that the file's tensors fit its declared network before anything is allocated.

    The declared configuration is bounded, the network is built on the ``meta``
    device (shapes only, no memory), and its tensor names and shapes are compared
    with the file's header — so a tiny crafted file cannot make Studio allocate
    gigabytes or run for seconds before it is refused.
    """
    path = Path(path)
    make_cfg, make_net, _ = ARCHS[meta["arch"]]
    config = meta["config"]
    if not isinstance(config, dict):
        raise StudioError(f"{path}: model metadata is damaged (config)")
    for k, v in config.items():
        values = v if isinstance(v, list) else [v]
        if any(isinstance(x, (int, float)) and not isinstance(x, bool) and not -1 <= x <= MAX_CONFIG_VALUE
               for x in values):
            raise StudioError(f"{path}: implausible model configuration ({k} = {v})")
    try:
        cfg = make_cfg(config)
        with torch.device("meta"):
            expected = {k: tuple(t.shape) for k, t in make_net(cfg).state_dict().items()}
        with safe_open(str(path), framework="pt") as fh:
            found = {k: tuple(fh.get_slice(k).get_shape()) for k in fh.keys()}
    except (ValueError, RuntimeError, TypeError, KeyError, OverflowError) as exc:
        raise StudioError(f"{path}: weights do not match the architecture ({exc})") from exc
    if expected != found:
        missing = sorted(set(expected) - set(found))[:3]
        wrong = sorted(k for k in set(expected) & set(found) if expected[k] != found[k])[:3]
        extra = sorted(set(found) - set(expected))[:3]
        raise StudioError(f"{path}: weights do not match the architecture "
                          f"(missing {missing or 'none'}, wrong shape {wrong or 'none'}, unexpected {extra or 'none'})")


def load_model(path: str | Path, device: torch.device | str = "cpu", *,
               quantize: bool = True) -> tuple[torch.nn.Module, dict]:
    """Rebuild the network named in the file's metadata and load its weights (eval mode, fp32; a compressed
    variant computes in int8 or bfloat16 on a CPU that runs it, with float32 in and out)."""
    path = Path(path)
    meta = read_metadata(path)
    check_weights(path, meta)
    make_cfg, make_net, _ = ARCHS[meta["arch"]]
    try:
        cfg = make_cfg(meta["config"])
        net = make_net(cfg)
        tensors = load_file(str(path))
        net.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in tensors.items()})
    except (ValueError, RuntimeError, TypeError, KeyError) as exc:
        raise StudioError(f"{path}: weights do not match the architecture ({exc})") from exc
    net.eval().to(device)
    from .bf16 import with_bf16
    from .compress import int8_info, with_int8

    dev = torch.device(device) if isinstance(device, str) else device
    if quantize and int8_info(meta) is not None:
        net = with_int8(meta, net, dev)
    return with_bf16(meta, net, dev), meta


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _scan(folder: Path, source: str) -> list[ModelInfo]:
    out = []
    if not folder.is_dir():
        return out
    for p in sorted(folder.glob("*.safetensors")):
        try:
            meta = read_metadata(p)
        except StudioError:
            continue
        out.append(ModelInfo(p.stem, p, meta["arch"], ARCHS[meta["arch"]][2], source, meta))
    return out


def list_models(task: str | None = None) -> list[ModelInfo]:
    models = _scan(resources_dir() / "models", "shipped") + _scan(user_models_dir(), "user")
    return [m for m in models if task is None or m.task == task]


def find_model(name_or_path: str, task: str | None = None) -> ModelInfo:
    p = Path(name_or_path)
    if p.suffix == ".safetensors" or p.exists():
        meta = read_metadata(p)
        return ModelInfo(p.stem, p, meta["arch"], ARCHS[meta["arch"]][2], "file", meta)
    candidates = list_models(task)
    for m in reversed(candidates):  # a user model shadows a shipped one of the same name
        if m.name == name_or_path:
            return m
    names = ", ".join(m.name for m in candidates) or "none"
    raise StudioError(f"no model named {name_or_path!r} (available: {names})")


_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._ -]{0,99}")


def check_model_name(name: str) -> str:
    """A model name is a plain file name: no folders, no way out of the models folder."""
    if not _NAME.fullmatch(name) or name.endswith((".", " ")) or ".." in name:
        raise StudioError(f"{name!r} is not a valid model name: use letters, digits, spaces, '.', '_' or '-' "
                          "(no folders)")
    return name


def model_name_for(text: str) -> str:
    """A valid model name made from any text (e.g. a run folder's name)."""
    name = re.sub(r"[^A-Za-z0-9._ -]+", "-", text).replace("..", ".").strip(".- ")[:100]
    return name or "model"


def import_model(path: str | Path, name: str | None = None, *, overwrite: bool = False,
                 task: str | None = None) -> ModelInfo:
    """Validate a safetensors model (never unpickled) and copy it into the user's models.

    ``task`` refuses a model made for something else (a repair model offered as faces).
    """
    src = Path(path)
    meta = read_metadata(src)
    kind = ARCHS[meta["arch"]][2]
    if task is not None and kind != task:
        raise StudioError(f"{src}: this is a {kind} model, not a {task} model")
    check_weights(src, meta)
    load_model(src)  # proves the weights load before anything is copied
    folder = user_models_dir()
    dst = folder / f"{check_model_name(name or src.stem)}.safetensors"
    if dst.resolve().parent != folder.resolve():
        raise StudioError(f"{name!r} is not a valid model name")
    if dst.exists() and not overwrite:
        raise StudioError(f"a model named {dst.stem!r} exists already (use --overwrite to replace it)")
    tmp = dst.with_name(f".{dst.name}.tmp")
    shutil.copyfile(src, tmp)
    os.replace(tmp, dst)
    card = src.with_suffix(".md")
    if card.exists():
        shutil.copyfile(card, dst.with_suffix(".md"))
    return ModelInfo(dst.stem, dst, meta["arch"], kind, "user", meta)
