"""The table of model kinds Studio trains: one entry each, read by the CLI, the Training tab and the cards.

A new kind is its config, network and trainer (usually a :class:`~.loop.Trainer`
subclass) plus one entry here: how to start it, which file a run exports, what
its curves are and which metric judges it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable


@dataclass(frozen=True)
class Plot:
    title: str
    series: tuple[tuple[str, str], ...]  # (metric key, legend label)


@dataclass(frozen=True)
class TrainerKind:
    name: str  # what the CLI and the Training tab call it
    run_model: str  # the "model" a run's config.json records
    label: str  # shown in the Training tab (translated there)
    task: str  # the registry task of the models it makes ("faces", "inpaint", "damage")
    model_files: tuple[str, ...]  # in a run folder, best first
    loss_key: str  # a metric every logged step has
    plots: tuple[Plot, ...]
    eval_field: str  # config field: steps between evaluations
    width_field: str  # config field: network width
    config: Callable[[], type] = field(repr=False)  # the config dataclass (imported on first use)
    train: Callable[[], Callable] = field(repr=False)  # train_x(run_dir, config, data, resume=, overrides=, ...)


def _gan_config():
    from .gan import GANTrainConfig

    return GANTrainConfig


def _gan_train():
    from .gan import train_gan

    def train(run_dir, config=None, data=None, **kw):
        return train_gan(run_dir, config, data[0] if isinstance(data, list) else data, **kw)

    return train


def _inpaint_config():
    from .inpaint import InpaintTrainConfig

    return InpaintTrainConfig


def _inpaint_train():
    from .inpaint import train_inpaint

    return train_inpaint


def _damage_config():
    from .damage import DamageTrainConfig

    return DamageTrainConfig


def _damage_train():
    from .damage import train_damage

    return train_damage


KINDS: dict[str, TrainerKind] = {k.name: k for k in (
    TrainerKind("gan", "dcgan", "Face generator (DCGAN)", "faces", ("best_generator.safetensors",
                                                                      "generator.safetensors"), "loss_g",
                (Plot("Losses", (("loss_g", "loss G"), ("loss_d", "loss D"))),
                 Plot("Discriminator outputs", (("d_real", "D(x)"), ("d_fake", "D(G(z))"))),
                 Plot("Sliced Wasserstein distance (lower is better)", (("swd", "SWD ×10³"),))),
                "swd_every", "ngf", _gan_config, _gan_train),
    TrainerKind("inpaint", "inpaint", "Photo repair (inpainting)", "inpaint", ("best_inpaint.safetensors",
                                                                               "inpaint.safetensors"), "loss",
                (Plot("Losses", (("loss", "loss"), ("l1_hole", "L1 in holes"))),
                 Plot("PSNR inside the holes, validation photos (higher is better)",
                      (("psnr_hole", "Studio"), ("psnr_telea", "OpenCV Telea"), ("psnr_ns", "OpenCV Navier–Stokes")))),
                "eval_every", "width", _inpaint_config, _inpaint_train),
    TrainerKind("damage", "damage", "Damage detection", "damage", ("best_damage.safetensors", "damage.safetensors"),
                "loss",
                (Plot("Losses", (("loss", "loss"), ("bce", "cross-entropy"), ("dice", "Dice"))),
                 Plot("Held-out crops with rendered damage (higher is better)",
                      (("precision", "precision"), ("recall", "recall"), ("f1", "F1"))),
                 Plot("Clean pixels marked (lower is better)", (("clean_marked", "share of clean pixels"),))),
                "eval_every", "width", _damage_config, _damage_train),
)}


def kind_of_run(config: dict) -> TrainerKind:
    """The kind of an existing run, from its config.json."""
    model = config.get("model", "dcgan")
    for k in KINDS.values():
        if model in (k.run_model, k.name):
            return k
    return KINDS["gan"]
