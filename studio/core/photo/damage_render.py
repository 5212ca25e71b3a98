"""Rendering scanner-like damage on clean photos, with its true mask.

The learned detector is only as general as this renderer, so every kind of
mark is drawn several ways (shape, size, tone, opacity, softness) and the whole
print is then aged and "scanned" (fading, sepia, paper grain, blur, noise,
JPEG) so that the detector learns damage rather than one drawing style. The
same ageing is applied to clean photos without damage: those are the negatives
that keep texture unmarked.
"""
from __future__ import annotations

import cv2
import numpy as np

SS = 4  # supersampling factor for anti-aliased marks
VISIBLE = 0.3  # opacity above which a damaged pixel counts as damage in the true mask
IGNORE = 0.08  # between this and VISIBLE a pixel is ambiguous: training does not score it

KINDS = ("dust", "hair", "scratch", "tear", "crease", "spot", "foxing")


class _Layer:
    """Alpha and colour of the damage, composited over the photo at the end; ``print_size`` is the whole
    print's (height, width) when the layer covers a crop of it."""

    def __init__(self, h: int, w: int, print_size: tuple[int, int] | None = None):
        self.alpha = np.zeros((h, w), np.float32)
        self.colour = np.zeros((h, w, 3), np.float32)
        self.print_size = print_size or (h, w)

    def add(self, alpha: np.ndarray, colour) -> None:
        """Paint ``alpha`` (H, W) in ``colour`` (RGB in [0, 1] or an (H, W, 3) array) over what is there."""
        a = alpha[..., None]
        self.colour = self.colour * (1 - a) + np.asarray(colour, np.float32) * a
        self.alpha = self.alpha + alpha * (1 - self.alpha)


def _canvas(h: int, w: int) -> np.ndarray:
    return np.zeros((h * SS, w * SS), np.uint8)


def _down(big: np.ndarray, h: int, w: int, blur: float = 0.0) -> np.ndarray:
    a = cv2.resize(big.astype(np.float32) / 255.0, (w, h), interpolation=cv2.INTER_AREA)
    if blur > 0:
        a = cv2.GaussianBlur(a, (0, 0), blur)
    return a


def _tone(rng: np.random.Generator, bright: bool | None = None) -> np.ndarray:
    """Near-neutral dark or light colour of dust and scratches, sometimes slightly tinted."""
    if bright is None:
        bright = rng.random() < 0.55
    v = rng.uniform(0.78, 1.0) if bright else rng.uniform(0.0, 0.25)
    tint = rng.normal(0, 0.03, 3) if rng.random() < 0.5 else np.zeros(3)
    return np.clip(v + tint, 0, 1).astype(np.float32)


def _pt(rng, h, w, margin=0.0):
    return rng.uniform(-margin, 1 + margin) * w, rng.uniform(-margin, 1 + margin) * h


def _dust(layer: _Layer, rng: np.random.Generator, h: int, w: int) -> None:
    big = _canvas(h, w)
    n = int(rng.integers(1, 4))
    x, y = _pt(rng, h, w)
    size = rng.uniform(0.5, 5.0)  # radius in px: 1-10 px across
    for _ in range(n):  # a few overlapping ellipses make irregular specks
        cx, cy = x + rng.normal(0, size * 0.6), y + rng.normal(0, size * 0.6)
        ax = max(0.5, size * rng.uniform(0.4, 1.0))
        ay = max(0.5, ax * rng.uniform(0.4, 1.0))
        cv2.ellipse(big, (int(cx * SS), int(cy * SS)), (max(1, int(ax * SS)), max(1, int(ay * SS))),
                    rng.uniform(0, 180), 0, 360, 255, -1, lineType=cv2.LINE_AA)
    a = _down(big, h, w, blur=rng.uniform(0, 0.7) if rng.random() < 0.6 else 0.0)
    layer.add(a * rng.uniform(0.65, 1.0), _tone(rng))


def _curve(rng: np.random.Generator, x: float, y: float, length: float, wiggle: float, n: int = 40) -> np.ndarray:
    """A smooth random curve from (x, y): a heading that drifts as it goes."""
    heading = rng.uniform(0, 2 * np.pi)
    turn = np.cumsum(rng.normal(0, wiggle, n))
    turn = cv2.GaussianBlur(turn.reshape(-1, 1), (1, 0), 3).ravel() if n > 3 else turn
    steps = length / n
    xs = x + np.cumsum(steps * np.cos(heading + turn))
    ys = y + np.cumsum(steps * np.sin(heading + turn))
    return np.stack([xs, ys], 1)


def _polyline(big: np.ndarray, pts: np.ndarray, width: float) -> None:
    p = (pts * SS).astype(np.int32).reshape(-1, 1, 2)
    cv2.polylines(big, [p], False, 255, max(1, int(round(width * SS))), lineType=cv2.LINE_AA)


def _hair(layer: _Layer, rng: np.random.Generator, h: int, w: int) -> None:
    big = _canvas(h, w)
    x, y = _pt(rng, h, w)
    pts = _curve(rng, x, y, rng.uniform(12, 0.6 * max(h, w)), rng.uniform(0.05, 0.35))
    _polyline(big, pts, rng.uniform(0.6, 2.2))
    layer.add(_down(big, h, w) * rng.uniform(0.55, 1.0), _tone(rng, bright=rng.random() < 0.4))


def _scratch(layer: _Layer, rng: np.random.Generator, h: int, w: int) -> None:
    big = _canvas(h, w)
    length = rng.uniform(0.25, 1.2) * max(h, w)
    straight = False
    if rng.random() < 0.5:  # film and print scratches run mostly along one axis
        # A film scratch runs exactly along the film, straight, as the transport drew it.
        straight = rng.random() < 0.4
        spread = 0.005 if straight else 0.15
        angle = np.pi / 2 + rng.normal(0, spread) if rng.random() < 0.6 else rng.normal(0, spread)
    else:
        angle = rng.uniform(0, np.pi)
    cx, cy = _pt(rng, h, w)
    t = np.linspace(-0.5, 0.5, 60)
    bend = 0.0 if straight else rng.normal(0, 0.04) * length
    xs = cx + t * length * np.cos(angle) - bend * np.sin(np.pi * (t + 0.5)) * np.sin(angle)
    ys = cy + t * length * np.sin(angle) + bend * np.sin(np.pi * (t + 0.5)) * np.cos(angle)
    pts = np.stack([xs, ys], 1)
    width = rng.choice([1.0, 1.5, 2.0, 3.0, 4.0], p=[0.3, 0.25, 0.25, 0.12, 0.08])
    if rng.random() < 0.4:  # broken scratch: keep random runs of the curve
        keep = np.ones(len(pts), bool)
        for _ in range(int(rng.integers(1, 5))):
            s = int(rng.integers(0, len(pts)))
            keep[s:s + int(rng.integers(2, 12))] = False
        runs = np.split(np.arange(len(pts)), np.where(np.diff(keep.astype(int)) != 0)[0] + 1)
        for r in runs:
            if keep[r[0]] and len(r) > 1:
                _polyline(big, pts[r], width)
    else:
        _polyline(big, pts, width)
    a = _down(big, h, w, blur=rng.uniform(0, 0.5) if rng.random() < 0.5 else 0.0)
    # Opacity varying along the scratch, as pressure did.
    ramp = cv2.resize(rng.uniform(0.6, 1.0, (4, 4)).astype(np.float32), (w, h), interpolation=cv2.INTER_LINEAR)
    layer.add(a * ramp * rng.uniform(0.7, 1.0), _tone(rng, bright=rng.random() < 0.65))


def _jagged_polygon(rng, cx, cy, r, n=24):
    ang = np.sort(rng.uniform(0, 2 * np.pi, n))
    rad = r * np.exp(rng.normal(0, 0.35, n))
    return np.stack([cx + rad * np.cos(ang), cy + rad * np.sin(ang)], 1)


def _torn_corner(rng, cx, cy, r):
    """A corner torn off across: one ragged edge from side to side of the print, not a star of spikes."""
    sx, sy = (1 if cx == 0 else -1), (1 if cy == 0 else -1)
    d1, d2 = r * rng.uniform(0.6, 1.6, 2)
    p0, p1 = np.array([cx + sx * d1, cy]), np.array([cx, cy + sy * d2])
    n = 48
    t = np.linspace(0, 1, n)[:, None]
    normal = np.array([p1[1] - p0[1], p0[0] - p1[0]]) / max(np.hypot(*(p1 - p0)), 1e-6)
    # A gentle bow, a wander along the edge and fine fibres across it.
    off = (rng.normal(0, 0.12) * r * np.sin(np.pi * t[:, 0])
           + np.cumsum(rng.normal(0, rng.uniform(0.3, 1.2), n)) * 0.5
           + rng.normal(0, rng.uniform(0.2, 1.5), n))
    pts = p0 + t * (p1 - p0) + normal * off[:, None]
    return np.vstack([[cx, cy], pts])


def _paper(rng) -> np.ndarray:
    """What shows through a tear: paper base, card, or a dark scanner lid."""
    if rng.random() < 0.8:
        v = rng.uniform(0.85, 1.0)
        return np.array([v, v * rng.uniform(0.94, 1.0), v * rng.uniform(0.85, 1.0)], np.float32)
    return np.full(3, rng.uniform(0.0, 0.15), np.float32)


def _tear(layer: _Layer, rng: np.random.Generator, h: int, w: int) -> None:
    big = _canvas(h, w)
    if rng.random() < 0.5:  # missing corner or edge bite
        corner = rng.integers(4)
        cx, cy = (0 if corner % 2 == 0 else w), (0 if corner < 2 else h)
        # A corner the size of the print's, but never the whole crop: a view with no edge of the tear in it
        # is just a flat patch.
        r = min(rng.uniform(0.05, 0.22) * min(layer.print_size), 0.45 * min(h, w))
        poly = _jagged_polygon(rng, cx, cy, r, 30) if rng.random() < 0.5 else _torn_corner(rng, cx, cy, r)
    elif rng.random() < 0.5:  # small hole
        x, y = _pt(rng, h, w)
        poly = _jagged_polygon(rng, x, y, rng.uniform(3, 14), 16)
    else:  # a thin crack that opens in places
        x, y = _pt(rng, h, w)
        pts = _curve(rng, x, y, rng.uniform(20, 0.5 * max(h, w)), 0.5, 30)
        pts = pts + rng.normal(0, 0.8, pts.shape)
        _polyline(big, pts, rng.uniform(1.5, 5.0))
        poly = None
    if poly is not None:
        cv2.fillPoly(big, [(poly * SS).astype(np.int32)], 255, lineType=cv2.LINE_AA)
    a = _down(big, h, w)
    paper = _paper(rng)
    layer.add(a, paper)
    if rng.random() < 0.5:  # a lighter fibrous rim where the paper surface lifted
        rim = np.clip(cv2.dilate(a, np.ones((3, 3), np.uint8)) - a, 0, 1)
        layer.add(rim * rng.uniform(0.3, 0.7), np.clip(paper + 0.05, 0, 1))


def _crease(layer: _Layer, rng: np.random.Generator, h: int, w: int) -> None:
    big = _canvas(h, w)
    x0, y0 = _pt(rng, h, w)
    angle = rng.uniform(0, np.pi)
    L = max(h, w) * 1.5
    p0 = np.array([x0 - L * np.cos(angle), y0 - L * np.sin(angle)])
    p1 = np.array([x0 + L * np.cos(angle), y0 + L * np.sin(angle)])
    pts = np.linspace(p0, p1, 80) + rng.normal(0, 0.6, (80, 2))
    _polyline(big, pts, rng.uniform(1.5, 4.0))
    a = _down(big, h, w, blur=0.6)
    layer.add(a * rng.uniform(0.6, 0.95), _tone(rng, bright=True))


def _spot(layer: _Layer, rng: np.random.Generator, h: int, w: int) -> None:
    """A drop or mould spot: larger, softer and often coloured."""
    big = _canvas(h, w)
    x, y = _pt(rng, h, w)
    poly = _jagged_polygon(rng, x, y, rng.uniform(3, 12), 20)
    cv2.fillPoly(big, [(poly * SS).astype(np.int32)], 255, lineType=cv2.LINE_AA)
    a = _down(big, h, w, blur=rng.uniform(0.3, 1.5))
    if rng.random() < 0.5:
        colour = _tone(rng)
    else:
        colour = np.array([rng.uniform(0.45, 0.8), rng.uniform(0.3, 0.55), rng.uniform(0.1, 0.3)], np.float32)
    layer.add(np.clip(a * rng.uniform(0.75, 1.0) * 1.2, 0, 1), colour)


def _foxing(layer: _Layer, rng: np.random.Generator, h: int, w: int) -> None:
    """Clusters of small rust-brown spots of ageing paper."""
    cx, cy = _pt(rng, h, w)
    big = _canvas(h, w)
    spread = rng.uniform(5, 40)
    for _ in range(int(rng.integers(3, 15))):
        x, y = cx + rng.normal(0, spread), cy + rng.normal(0, spread)
        r = rng.uniform(0.8, 3.5)
        cv2.circle(big, (int(x * SS), int(y * SS)), max(1, int(r * SS)), 255, -1, lineType=cv2.LINE_AA)
    a = _down(big, h, w, blur=rng.uniform(0.3, 0.8))
    colour = np.array([rng.uniform(0.45, 0.7), rng.uniform(0.25, 0.45), rng.uniform(0.1, 0.25)], np.float32)
    layer.add(np.clip(a * rng.uniform(0.8, 1.0) * 1.3, 0, 1), colour)


_DRAW = {"dust": _dust, "hair": _hair, "scratch": _scratch, "tear": _tear, "crease": _crease, "spot": _spot,
         "foxing": _foxing}
# How many marks of each kind per 256×256 px at "heavy" damage: dust dominates real scans.
_RATE = {"dust": 25.0, "hair": 1.5, "scratch": 1.2, "tear": 0.3, "crease": 0.15, "spot": 1.0, "foxing": 0.3}


def age_print(rgb: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Fading, colour cast and sepia of an old print, in float [0, 1]."""
    img = rgb.astype(np.float32) / 255.0
    r = rng.random()
    if r < 0.25:  # sepia or monochrome print
        g = img @ np.array([0.299, 0.587, 0.114], np.float32)
        tone = np.array([1.0, 0.87, 0.68], np.float32) if rng.random() < 0.6 else np.ones(3, np.float32)
        img = g[..., None] * tone
    elif r < 0.45:  # colour cast of faded dyes
        img = img * np.clip(1 + rng.normal(0, 0.08, 3), 0.75, 1.25).astype(np.float32)
    if rng.random() < 0.4:  # fading: lifted blacks, lowered contrast
        lift = rng.uniform(0.0, 0.2)
        img = lift + img * (1 - lift - rng.uniform(0, 0.1))
    return np.clip(img, 0, 1)


def scan(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """What a scanner adds: grain, blur, noise, JPEG. Float [0, 1] in, uint8 out."""
    h, w = img.shape[:2]
    if rng.random() < 0.4:  # paper grain: low-amplitude, fine texture
        grain = cv2.GaussianBlur(rng.normal(0, 1, (h, w)).astype(np.float32), (0, 0), rng.uniform(0.5, 1.5))
        img = img * (1 + grain[..., None] * rng.uniform(0.005, 0.03))
    if rng.random() < 0.35:
        img = cv2.GaussianBlur(img, (0, 0), rng.uniform(0.3, 1.0))
    if rng.random() < 0.5:
        sigma = rng.uniform(0.5, 5.0) / 255.0
        img = img + rng.normal(0, sigma, img.shape).astype(np.float32)
    out = np.clip(img * 255.0 + 0.5, 0, 255).astype(np.uint8)
    if rng.random() < 0.5:
        ok, buf = cv2.imencode(".jpg", out[..., ::-1], [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(55, 97))])
        out = np.ascontiguousarray(cv2.imdecode(buf, cv2.IMREAD_COLOR)[..., ::-1])
    return out


def render_damage(rgb: np.ndarray, rng: np.random.Generator, *, amount: float | None = None,
                  kinds: tuple[str, ...] = KINDS, age: bool = True, scan_noise: bool = True,
                  emphasis: dict | None = None,
                  print_size: tuple[int, int] | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Damage a clean uint8 RGB photo.

    Returns (damaged uint8, damage opacity (H, W), visible change (H, W) in
    [0, 1], aged clean uint8). A mark drawn in the colour of what is under it
    has opacity but no visible change.

    ``amount`` in [0, 1] scales how many marks are drawn (None: random); 0 draws
    none, which makes a clean negative that went through the same ageing and scan. ``emphasis`` multiplies
    the usual rate of the kinds it names (training draws more of the marks a detector finds hardest).
    ``print_size`` (height, width) is the whole print when ``rgb`` is a crop of it: missing corners are sized
    for the print, as they are on the photos the detector will see. Lines keep the crop's scale: drawn as
    long as the print, every training scratch crossed its whole crop, and a detector trained on them took
    stair edges and paving joints for scratches (the scratch bridge joins the pieces of a long one instead).
    """
    h, w = rgb.shape[:2]
    amount = rng.uniform(0.1, 1.0) ** 1.5 if amount is None else amount
    img = age_print(rgb, rng) if age else rgb.astype(np.float32) / 255.0
    layer = _Layer(h, w, print_size)
    area = h * w / (256.0 * 256.0)
    # Each image gets its own mix of kinds so some are dust-only, some scratch-only.
    weights = {k: _RATE[k] * (emphasis or {}).get(k, 1.0) * rng.uniform(0.0, 2.0) for k in kinds}
    for kind in kinds:
        n = rng.poisson(weights[kind] * amount * area)
        for _ in range(int(n)):
            _DRAW[kind](layer, rng, h, w)
    damaged = img * (1 - layer.alpha[..., None]) + layer.colour * layer.alpha[..., None]
    change = np.abs(damaged - img).max(axis=2)
    # The same scan noise on both, so the clean reference differs from the damaged photo only by damage.
    if scan_noise:
        state = rng.bit_generator.state
        out = scan(damaged, rng)
        rng.bit_generator.state = state
        clean = scan(img, rng)
    else:
        out = np.clip(damaged * 255 + 0.5, 0, 255).astype(np.uint8)
        clean = np.clip(img * 255 + 0.5, 0, 255).astype(np.uint8)
    return out, layer.alpha, change, clean


MIN_CHANGE = 0.05  # a mark that changes the photo by less than this (of full scale) cannot be seen


def truth_mask(alpha: np.ndarray, change: np.ndarray) -> np.ndarray:
    """Pixels where damage is drawn and shows."""
    return (alpha > VISIBLE) & (change > MIN_CHANGE)


def ignore_mask(alpha: np.ndarray, change: np.ndarray) -> np.ndarray:
    """Pixels that are neither clearly damage nor clearly clean: soft edges and invisible marks."""
    return (alpha > IGNORE) & ~truth_mask(alpha, change)


def add_clean_structure(rgb: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Draw scene content that looks like damage but is not: text, bars, fences, grids, brick courses.

    These are hard negatives on purpose: regular, repeated or lettered structure
    belongs to the picture, so the detector must learn to leave it alone.
    """
    out = rgb.copy()
    h, w = out.shape[:2]
    r = rng.random()
    col = tuple(int(c) for c in (rng.integers(0, 60, 3) if rng.random() < 0.5 else rng.integers(190, 256, 3)))
    if r < 0.4:  # text
        font = int(rng.choice([cv2.FONT_HERSHEY_SIMPLEX, cv2.FONT_HERSHEY_DUPLEX, cv2.FONT_HERSHEY_PLAIN,
                               cv2.FONT_HERSHEY_COMPLEX, cv2.FONT_HERSHEY_TRIPLEX]))
        letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,"
        for _ in range(int(rng.integers(1, 5))):
            s = "".join(rng.choice(list(letters), int(rng.integers(3, 16))))
            cv2.putText(out, s, (int(rng.integers(0, w)), int(rng.integers(10, h))), font, rng.uniform(0.3, 1.2), col,
                        int(rng.integers(1, 3)), lineType=cv2.LINE_AA)
    else:  # bars, fence, window grid or brick courses
        # At least three lines each way: a single straight line is what a film scratch looks like, and it
        # must never be taught as scene content.
        step = max(3, min(int(rng.integers(6, 30)), min(h, w) // 4))
        thick = int(rng.integers(1, 4))
        x0, y0 = int(rng.integers(0, w // 2)), int(rng.integers(0, h // 2))
        x1 = int(rng.integers(min(x0 + 2 * step + 1, w), w + 1))
        y1 = int(rng.integers(min(y0 + 2 * step + 1, h), h + 1))
        vertical, horizontal = rng.random() < 0.7, rng.random() < 0.5
        if vertical:
            for x in range(x0, x1, step):
                cv2.line(out, (x, y0), (x, y1), col, thick, lineType=cv2.LINE_AA)
        if horizontal or not vertical:
            offset = 0
            for y in range(y0, y1, step):
                cv2.line(out, (x0, y), (x1, y), col, thick, lineType=cv2.LINE_AA)
                if not vertical:  # brick: short verticals offset every other course
                    for x in range(x0 + offset, x1, step * 2):
                        cv2.line(out, (x, y), (x, min(y + step, y1)), col, thick, lineType=cv2.LINE_AA)
                    offset = step - offset
    # Scene structure is blurred with the photo's optics, unlike dust on the print.
    return cv2.GaussianBlur(out, (0, 0), 0.5) if rng.random() < 0.5 else out
