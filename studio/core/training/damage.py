"""Training the damage detector on clean photos with rendered scanner damage."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
import torch
import torch.nn.functional as F

from ..device import hardware_name, pick_device
from ..images import image_grid
from ..errors import StudioError
from ..nets.damage import DamageConfig, DamageNet
from ..photo.damage import precision_recall
from ..photo.damage_render import KINDS, add_clean_structure, ignore_mask, render_damage, truth_mask
from ..registry import save_model
from .loop import Trainer


@dataclass
class DamageTrainConfig:
    width: int = 16  # see DamageConfig
    depth: int = 3
    crop: int = 128  # training crop side; a multiple of 2**depth
    batch: int = 12
    steps: int = 20_000
    lr: float = 2e-3  # Adam; BatchNorm makes a high rate safe
    pos_weight: float = 2.0  # damage is rare: weigh its pixels up in the cross-entropy
    dice_weight: float = 0.5  # soft Dice keeps thin scratches from being traded away for easy background
    clean_share: float = 0.3  # crops with no damage at all: the negatives that keep texture unmarked
    structure_share: float = 0.2  # crops with text, bars or grids drawn into the scene (not damage)
    max_side: int = 512  # photos are downscaled to this once when loaded
    max_per_folder: int = 1500  # photos taken from each data folder, evenly spread (keeps memory bounded)
    val_fraction: float = 0.1  # photos held out for validation when no --val folder is given
    val_crops: int = 32  # fixed damaged validation crops
    val_clean: int = 16  # fixed clean validation crops
    val_size: int = 192
    eval_every: int = 250
    sample_every: int = 500
    checkpoint_every: int = 250
    log_every: int = 10
    keep_checkpoints: int = 2
    seed: int = 0
    device: str = "auto"
    exclude: list = field(default_factory=list)  # files left out of the data (e.g. copies `data check` found)
    emphasis: dict = field(default_factory=dict)  # kind -> multiplier of how often the renderer draws it
    init: str = ""  # a damage model file whose weights the run starts from (fine-tuning), or "" for random ones

    def __post_init__(self) -> None:
        m = 2 ** self.depth
        if self.crop % m or self.val_size % m:
            raise StudioError(f"crop and val_size must be multiples of {m}")
        if self.batch < 1:
            raise StudioError("batch must be at least 1")
        unknown = sorted(set(self.emphasis) - set(KINDS))
        if unknown or any(float(v) < 0 for v in self.emphasis.values()):
            raise StudioError(f"emphasis: kinds are {', '.join(KINDS)}, each with a multiplier of 0 or more"
                              + (f" (not {', '.join(unknown)})" if unknown else ""))

    def net_config(self) -> DamageConfig:
        return DamageConfig(width=self.width, depth=self.depth)


def random_crop(photo: np.ndarray, crop: int, rng: np.random.Generator) -> tuple[np.ndarray, tuple[int, int]]:
    """A crop of the photo at a random scale, and the size of the whole photo at that scale."""
    # Content at several scales, so the size of the marks says little about the scene.
    s = rng.uniform(0.5, 1.25)
    h, w = photo.shape[:2]
    if min(h, w) * s < crop:
        s = crop / min(h, w)
    if abs(s - 1) > 0.02 or min(h, w) < crop:
        photo = cv2.resize(photo, (max(crop, round(w * s)), max(crop, round(h * s))),
                           interpolation=cv2.INTER_AREA if s < 1 else cv2.INTER_LINEAR)
        h, w = photo.shape[:2]
    y, x = rng.integers(0, h - crop + 1), rng.integers(0, w - crop + 1)
    img = photo[y:y + crop, x:x + crop]
    if rng.random() < 0.5:
        img = img[:, ::-1]
    if rng.random() < 0.2:
        img = img[::-1]
    return np.ascontiguousarray(img), (h, w)


def make_example(photo: np.ndarray, crop: int, rng: np.random.Generator, cfg: DamageTrainConfig,
                 clean: bool | None = None):
    """(damaged uint8, target bool, weight float32) for one crop."""
    img, print_size = random_crop(photo, crop, rng)
    if rng.random() < cfg.structure_share:
        img = add_clean_structure(img, rng)
    if clean is None:
        clean = rng.random() < cfg.clean_share
    pristine = clean and rng.random() < 0.4  # a clean digital photo: no ageing, no scan
    out, alpha, change, _ = render_damage(img, rng, amount=0.0 if clean else None, age=not pristine,
                                          scan_noise=not pristine, emphasis=cfg.emphasis, print_size=print_size)
    target = truth_mask(alpha, change)
    weight = (~ignore_mask(alpha, change)).astype(np.float32)
    return out, target, weight


def to_input(imgs, device) -> torch.Tensor:
    return torch.from_numpy(np.stack(imgs)).permute(0, 3, 1, 2).float().div(127.5).sub(1).to(device)


class DamageTrainer(Trainer):
    kind = "damage"
    config_cls = DamageTrainConfig
    best_key = "f1"
    export_name = "damage.safetensors"

    def setup(self, progress, cancel) -> None:
        cfg = self.config
        self.device = pick_device(cfg.device)
        torch.manual_seed(cfg.seed)
        val_photos = self.split_photos(progress, cancel, per_folder=cfg.max_per_folder)
        self.n_val_photos = len(val_photos)
        vrng = np.random.default_rng(cfg.seed + 12345)
        self.val_damaged = [make_example(val_photos[i % len(val_photos)], cfg.val_size, vrng, cfg, clean=False)
                            for i in range(cfg.val_crops)]
        self.val_clean = [make_example(val_photos[(i * 7) % len(val_photos)], cfg.val_size, vrng, cfg, clean=True)
                          for i in range(cfg.val_clean)]
        self.net = DamageNet(cfg.net_config()).to(self.device)
        if cfg.init and not self.resume:
            self._load_init(cfg.init)
        self.opt = torch.optim.Adam(self.net.parameters(), lr=cfg.lr)
        self.rng = np.random.default_rng(self.stream_seed())

    def _load_init(self, path: str) -> None:
        from ..registry import load_model

        net, meta = load_model(path, self.device, quantize=False)
        if meta.get("arch") != "damage-unet":
            raise StudioError(f"{path}: not a damage-detection model")
        mine = self.config.net_config()
        if DamageConfig.from_dict(meta["config"]) != mine:
            raise StudioError(f"{path}: its network ({meta['config']}) differs from this run's ({mine.to_dict()}); "
                              "leave --width and --depth out to take the model's")
        self.net.load_state_dict(net.state_dict())

    def modules(self):
        return {"net": self.net}

    def optimizers(self):
        return {"opt": self.opt}

    def _lr(self) -> float:
        # Cosine decay over the run's length to a tenth: the last steps settle the thresholds.
        t = min(1.0, self.step / max(1, self.config.steps))
        return self.config.lr * (0.1 + 0.9 * 0.5 * (1 + np.cos(np.pi * t)))

    def train_step(self) -> dict:
        cfg = self.config
        ex = [make_example(self.train_photos[self.rng.integers(len(self.train_photos))], cfg.crop, self.rng, cfg)
              for _ in range(cfg.batch)]
        imgs, targets, weights = zip(*ex)
        x = to_input(imgs, self.device)
        y = torch.from_numpy(np.stack(targets)[:, None].astype(np.float32)).to(self.device)
        wt = torch.from_numpy(np.stack(weights)[:, None]).to(self.device)
        for g in self.opt.param_groups:
            g["lr"] = self._lr()
        logits = self.net(x)
        bce = F.binary_cross_entropy_with_logits(logits, y, weight=wt,
                                                 pos_weight=torch.tensor(cfg.pos_weight, device=self.device))
        p = torch.sigmoid(logits) * wt
        inter = (p * y).sum()
        dice = 1 - (2 * inter + 1) / (p.sum() + y.sum() + 1)
        loss = bce + cfg.dice_weight * dice
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        self.opt.step()
        return {"loss": loss.item(), "bce": bce.item(), "dice": dice.item()}

    @torch.no_grad()
    def predict(self, imgs) -> np.ndarray:
        self.net.eval()
        out = []
        for i in range(0, len(imgs), 8):
            out.append(torch.sigmoid(self.net(to_input(imgs[i:i + 8], self.device)))[:, 0].cpu().numpy())
        self.net.train()
        return np.concatenate(out)

    def evaluate(self) -> dict:
        imgs, truths, _ = zip(*self.val_damaged)
        probs = self.predict(list(imgs))
        tp_p = n_p = tp_r = n_r = 0.0
        for prob, truth in zip(probs, truths):
            pred = prob > 0.5
            p, r = precision_recall(pred, truth, 2)
            tp_p += p * pred.sum()
            n_p += pred.sum()
            tp_r += r * truth.sum()
            n_r += truth.sum()
        precision, recall = tp_p / max(n_p, 1), tp_r / max(n_r, 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        clean_probs = self.predict([c[0] for c in self.val_clean])
        clean_marked = float((clean_probs > 0.5).mean())
        return {"precision": round(float(precision), 4), "recall": round(float(recall), 4), "f1": round(float(f1), 4),
                "clean_marked": round(clean_marked, 6)}

    def sample(self) -> np.ndarray:
        imgs, truths, _ = zip(*self.val_damaged[:8])
        probs = self.predict(list(imgs))
        red = np.array([255, 40, 40], np.uint8)
        truth_v = [np.where(t[..., None], red, i // 2).astype(np.uint8) for i, t in zip(imgs, truths)]
        pred_v = [np.where((p > 0.5)[..., None], red, i // 2).astype(np.uint8) for i, p in zip(imgs, probs)]
        return image_grid(np.concatenate([np.stack(imgs), np.stack(truth_v), np.stack(pred_v)]), cols=8)

    def summary(self, record: dict) -> str:
        s = f"loss {record['loss']:.4f}  {record['samples_per_s']:.0f} crops/s  " if "loss" in record else ""
        if "f1" in record:
            s += (f"precision {record['precision']:.3f}, recall {record['recall']:.3f}, "
                  f"clean pixels marked {record['clean_marked'] * 100:.3f}%")
        return s

    def export(self, path: Path, metrics: dict) -> Path:
        info = {"data": ["/".join(d.parts[-2:]) for d in self.data], "photos": len(self.train_photos),
                "val_photos": self.n_val_photos, "steps": self.step, "batch": self.config.batch,
                "crop": self.config.crop, "wall_time_s": round(self.elapsed, 1), "device": str(self.device),
                "hardware": hardware_name(self.device), "metrics": metrics, "threshold": 0.5}
        if self.config.init:
            info["fine_tuned_from"] = Path(self.config.init).name
        if self.config.emphasis:
            info["emphasis"] = dict(self.config.emphasis)
        return save_model(path, self.net, "damage-unet", self.config.net_config().to_dict(), info)


def train_damage(run_dir, config: DamageTrainConfig | None = None, data: list | None = None, val=None, *,
                 resume: bool = False, overrides: dict | None = None, progress=None, cancel=None, pause=None,
                 events=None) -> dict:
    trainer = DamageTrainer(run_dir, config, data, val, resume=resume, overrides=overrides)
    return trainer.train(progress=progress, cancel=cancel, pause=pause, events=events)
