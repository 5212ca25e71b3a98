"""Every output says how it was made, in forms other readers understand."""
import io

import c2pa
import cv2
import numpy as np
import pytest
from PIL import Image

from studio.core.faces import FaceGenerator, encode_face, FaceMeta
from studio.core.inspection import inspect_file
from studio.core.paths import resources_dir
from studio.core.photo.batch import BatchItem, repair_batch
from studio.core.watermark import embed, read

SAMPLES = resources_dir() / "samples"


def _photo_with_exif_and_icc(path):
    from PIL import ImageCms

    rgb = cv2.cvtColor(cv2.imread(str(SAMPLES / "old-photo.jpg")), cv2.COLOR_BGR2RGB)
    img = Image.fromarray(rgb)
    exif = Image.Exif()
    exif[0x010F] = "Scanner maker"  # Make
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    img.save(path, "JPEG", quality=95, exif=exif.tobytes(), icc_profile=icc)
    return exif.tobytes(), icc


def _c2pa(path):
    """The manifest as the C2PA reference library reads it from the file's bytes."""
    import json

    reader = c2pa.Reader(str(path))
    data = json.loads(reader.json())
    active = data["manifests"][data["active_manifest"]]
    actions = [a for s in active["assertions"] if s["label"].startswith("c2pa.actions") for a in s["data"]["actions"]]
    return reader.get_validation_state(), actions, [i["title"] for i in active.get("ingredients", [])]


@pytest.mark.parametrize("suffix", [".jpg", ".png"])
def test_a_learned_repair_says_so_in_iptc_and_a_signed_c2pa_manifest(tmp_path, suffix):
    src = tmp_path / "scan.jpg"
    exif, icc = _photo_with_exif_and_icc(src)
    out = tmp_path / f"repaired{suffix}"
    rep = repair_batch([BatchItem(src, out)], method="neural", mask_path=SAMPLES / "old-photo-mask.png")
    assert rep.written == [out]
    data = out.read_bytes()
    assert b"<Iptc4xmpExt:DigitalSourceType>http://cv.iptc.org/newscodes/digitalsourcetype/" \
           b"compositeWithTrainedAlgorithmicMedia</Iptc4xmpExt:DigitalSourceType>" in data
    state, actions, ingredients = _c2pa(out)
    assert state in ("Valid", "Trusted")  # a local key: the signature checks, the signer is not a public one
    assert [a["action"] for a in actions] == ["c2pa.opened", "c2pa.edited"]
    assert actions[1]["digitalSourceType"].endswith("compositeWithTrainedAlgorithmicMedia")
    assert ingredients == ["scan.jpg"]
    with Image.open(out) as img:  # the photo's own metadata is kept
        assert img.info.get("icc_profile") == icc
        assert img.getexif().get(0x010F) == "Scanner maker"


def test_a_classical_repair_is_algorithmically_enhanced_and_marking_can_be_switched_off(tmp_path):
    src = tmp_path / "scan.jpg"
    _photo_with_exif_and_icc(src)
    out, plain = tmp_path / "telea.jpg", tmp_path / "plain.jpg"
    repair_batch([BatchItem(src, out)], method="telea", mask_path=SAMPLES / "old-photo-mask.png")
    assert inspect_file(out).digital_source_type == "algorithmicallyEnhanced"
    repair_batch([BatchItem(src, plain)], method="telea", mask_path=SAMPLES / "old-photo-mask.png", mark=False)
    found = inspect_file(plain)
    assert found.digital_source_type is None and not found.c2pa.present
    assert b"DigitalSourceType" not in plain.read_bytes()


def test_a_repaired_video_carries_the_marks(tmp_path):
    from studio.core.video.enhance import EnhanceOptions
    from studio.core.video.pipeline import VideoRepairOptions, repair_video
    from tests.video_helpers import make_clip

    src = make_clip(tmp_path / "in.mp4", frames=12)
    out = tmp_path / "out.mp4"
    repair_video(src, out, VideoRepairOptions(enhance=EnhanceOptions(denoise=0.3)))
    import av

    with av.open(str(out)) as c:
        assert c.metadata["DigitalSourceType"].endswith("algorithmicallyEnhanced")
        assert sum(1 for _ in c.decode(video=0)) == 12  # still a playable video
    state, actions, ingredients = _c2pa(out)
    assert state in ("Valid", "Trusted") and ingredients == ["in.mp4"]
    assert any("denoised" in a.get("parameters", {}).get("description", "") for a in actions)


def _jpeg_stripped(rgb, scale=1.0):
    """What a platform does: metadata gone, JPEG quality 80, maybe a resize."""
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, "JPEG", quality=80)
    out = np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))
    if scale != 1.0:
        out = cv2.resize(out, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return out


def test_the_face_watermark_survives_stripping_jpeg_and_resizing_and_spares_real_photos():
    gen = FaceGenerator(None, "cpu")
    faces = [cv2.resize(f, (256, 256), interpolation=cv2.INTER_LANCZOS4) for f in gen.generate(list(range(20)))]
    found = [read(_jpeg_stripped(embed(f, gen.sha256), scale)) for f, scale in zip(faces, [1.0, 0.9] * 10)]
    assert sum(r.found and r.payload == f"studio:{gen.sha256[:6]}" for r in found) >= 19
    photos = [cv2.cvtColor(cv2.imread(str(p)), cv2.COLOR_BGR2RGB) for p in sorted((SAMPLES / "landscapes").glob("*"))]
    photos.append(cv2.cvtColor(cv2.imread(str(SAMPLES / "old-photo.jpg")), cv2.COLOR_BGR2RGB))
    crops = [cv2.resize(p[y:y + 200, x:x + 200], (256, 256)) for p in photos for y, x in ((0, 0), (40, 60))]
    assert sum(read(_jpeg_stripped(c)).found for c in crops) <= 1
    # The mark is faint: well above 40 dB against the unmarked face.
    from studio.core.metrics import psnr

    assert psnr(embed(faces[0], gen.sha256), faces[0]) > 40


def test_exported_faces_are_created_by_a_trained_model_in_every_form(tmp_path):
    gen = FaceGenerator(None, "cpu")
    face = cv2.resize(gen.generate([3])[0], (256, 256))
    path = tmp_path / "face.jpg"
    path.write_bytes(encode_face(face, "jpg", FaceMeta(3, 1.0, gen.name, gen.sha256)))
    state, actions, _ = _c2pa(path)
    assert state in ("Valid", "Trusted") and actions[0]["action"] == "c2pa.created"
    i = inspect_file(path)
    assert i.digital_source_type == "trainedAlgorithmicMedia" and i.watermark.found and i.made_by_a_model


def test_real_faces_are_not_taken_for_generated_ones(shared_data):
    files = sorted((shared_data / "celeba").rglob("*.jpg"))[:400:20]
    faces = [cv2.resize(cv2.cvtColor(cv2.imread(str(f)), cv2.COLOR_BGR2RGB), (256, 256)) for f in files]
    assert len(faces) == 20
    assert sum(read(_jpeg_stripped(f, 0.9)).found for f in faces) <= 1


def test_outputs_can_be_signed_with_the_users_own_certificate(tmp_path, monkeypatch):
    from studio.core.credentials import _make_installation_credentials, load_credentials, read_manifest, sign_file
    from studio.core.errors import StudioError
    from studio.core.provenance import Provenance

    mine = tmp_path / "mine"
    _make_installation_credentials(mine)  # stands in for a certificate the user got elsewhere
    monkeypatch.setenv("STUDIO_C2PA_CERT", str(mine / "signing-chain.pem"))
    monkeypatch.setenv("STUDIO_C2PA_KEY", str(mine / "signing-key.pem"))
    creds = load_credentials()
    assert creds.source == str(mine / "signing-chain.pem") and creds.algorithm == "es256"
    out = tmp_path / "o.jpg"
    Image.fromarray(np.zeros((32, 32, 3), np.uint8)).save(out)
    src = tmp_path / "src.jpg"
    Image.fromarray(np.full((32, 32, 3), 9, np.uint8)).save(src)
    sign_file(out, Provenance(["repaired (telea)"]), original=src)
    assert read_manifest(out).valid
    monkeypatch.setenv("STUDIO_C2PA_KEY", "")
    with pytest.raises(StudioError, match="both a certificate chain and its private key"):
        load_credentials()
