import io

from studio.cli.progress import TextProgress
from studio.core.durations import format_duration


def test_eta_restarts_with_each_phase(monkeypatch):
    clock = [0.0]
    monkeypatch.setattr("studio.cli.progress.time.monotonic", lambda: clock[0])
    out = io.StringIO()
    bar = TextProgress("train", stream=out, min_interval=0)
    bar(0, 300, "loading")
    clock[0] = 1.0
    bar(300, 300, "loaded")
    bar(1000, 2000, "step")  # resumed run: starts at step 1000
    clock[0] = 11.0
    bar(1100, 2000, "step")  # 100 steps in 10 s: 900 more take 90 s
    assert "ETA 1:30" in out.getvalue().splitlines()[-1]


def test_format_duration():
    assert format_duration(59) == "0:59" and format_duration(3725) == "1:02:05"
