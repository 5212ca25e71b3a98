import numpy as np
import torch
import torch.nn.functional as F

from studio.core.training.swd import laplacian_pyramid, swd


def _textures(n, seed, size=32):
    rng = np.random.default_rng(seed)
    base = rng.normal(0, 1, (n, 3, size // 4, size // 4)).astype(np.float32)
    x = torch.from_numpy(base)
    x = F.interpolate(x, size=(size, size), mode="bilinear", align_corners=False)
    x = x + 0.3 * torch.randn(n, 3, size, size, generator=torch.Generator().manual_seed(seed))
    return x.clamp(-1, 1)


def test_swd_separates_matching_from_blurred_distributions():
    real_a, real_b = _textures(256, 1), _textures(256, 2)
    blurred = F.avg_pool2d(real_b, 3, 1, 1)
    same = swd(real_a, real_b)["swd"]
    far = swd(real_a, blurred)["swd"]
    assert far > same * 2
    levels = swd(real_a, real_b, patches_per_image=16)
    assert set(levels) == {"swd_32", "swd_16", "swd"}


def test_swd_gives_the_same_score_for_uint8_and_float_images():
    rng = np.random.default_rng(0)
    a = (rng.random((16, 32, 32, 3)) * 255).astype(np.uint8)
    b = (rng.random((16, 32, 32, 3)) * 255).astype(np.uint8)
    as_float = [torch.from_numpy(x).permute(0, 3, 1, 2).float() / 127.5 - 1 for x in (a, b)]
    assert abs(swd(a, b, patches_per_image=16)["swd"] - swd(*as_float, patches_per_image=16)["swd"]) < 1e-3


def test_pyramid_levels_reach_16_pixels():
    levels = laplacian_pyramid(torch.rand(2, 3, 64, 64))
    assert [lv.shape[-1] for lv in levels] == [64, 32, 16]


def test_swd_on_real_faces_matches_the_published_scale(shared_data):
    """Two disjoint sets of real CelebA faces score about 8; blurred faces about 55."""
    import cv2

    from studio.core.images import find_images
    from studio.core.training.data import _decode_square

    files = find_images(shared_data / "celeba")[:2000]
    faces = np.stack([_decode_square(f, 64) for f in files])
    same = swd(faces[:1000], faces[1000:])["swd"]
    blurred = swd(faces[:1000], np.stack([cv2.GaussianBlur(f, (0, 0), 1.5) for f in faces[1000:]]))["swd"]
    assert 4 < same < 14 and 40 < blurred < 75
