import threading
import time

from studio.gui.jobs import JobRegistry, LatestRequest


def _slow(x, *, cancel=None):
    for _ in range(20):
        if cancel is not None and cancel.is_set():
            break
        time.sleep(0.01)
    return x


def test_only_the_latest_request_is_shown_and_superseded_jobs_are_cancelled(qtbot):
    jobs = JobRegistry()
    latest = LatestRequest(jobs, _slow, name="t")
    got = []
    latest.result.connect(lambda args, out: got.append(out))
    first = latest.submit(1)
    latest.submit(2)
    last = latest.submit(3)
    assert first.cancel_event.is_set()
    with qtbot.waitSignal(last.finished, timeout=5000):
        pass
    qtbot.waitUntil(lambda: not jobs.running(), timeout=5000)
    qtbot.wait(50)
    assert got == [3]


def test_serial_requests_never_overlap_and_run_the_latest_waiting_one(qtbot):
    jobs = JobRegistry()
    active, most = [0], [0]
    lock = threading.Lock()

    def work(x, *, cancel=None):
        with lock:
            active[0] += 1
            most[0] = max(most[0], active[0])
        time.sleep(0.05)
        with lock:
            active[0] -= 1
        return x

    latest = LatestRequest(jobs, work, serial=True)
    got = []
    latest.result.connect(lambda args, out: got.append(out))
    for i in range(5):
        latest.submit(i)
    qtbot.waitUntil(lambda: got == [4], timeout=5000)
    qtbot.waitUntil(lambda: not jobs.running(), timeout=5000)
    assert most[0] == 1
