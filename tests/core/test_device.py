import pytest
import torch

from studio.core.device import describe, pick_device
from studio.core.errors import StudioError


def test_cpu_choice_and_env_override(monkeypatch):
    assert pick_device("cpu").type == "cpu"
    monkeypatch.setenv("STUDIO_DEVICE", "cpu")
    assert pick_device().type == "cpu"
    assert describe(torch.device("cpu")).startswith("CPU")


def test_unavailable_or_unknown_devices_are_clear_errors():
    with pytest.raises(StudioError, match="unknown device"):
        pick_device("tpu-9000")
    if not torch.cuda.is_available():
        with pytest.raises(StudioError, match="no CUDA GPU"):
            pick_device("cuda")


def test_all_cores_is_a_burst_that_restores_the_thread_count():
    import os

    import torch

    from studio.core.device import all_cores

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        with all_cores():
            assert torch.get_num_threads() == (os.cpu_count() or 1)
        assert torch.get_num_threads() == 1
    finally:
        torch.set_num_threads(before)
