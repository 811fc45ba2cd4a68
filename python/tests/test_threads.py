"""The GIL is released while the engine steps; Ctrl-C stops a long step(n),
run, compare or sweep cleanly between weeks (or runs).

Checked to fail: with the gil_scoped_release in step() (python/src/
model.cpp) removed, the other thread makes no progress while step(n) runs
and test_another_thread_runs_while_stepping fails; with PyErr_CheckSignals
removed from its loop, the interrupt arrives only after all 4,000 weeks and
test_ctrl_c_stops_step_between_weeks fails on its week bound."""

import _thread
import threading
import time

import cogov
from conftest import TINY

# About a millisecond a week: long enough to interrupt, short enough to test.
LONG = {**TINY, "city.communities": 10, "city.residents_per_community": 1000, "time.steps": 4000}


def progress_during(call) -> tuple:
    """Run call() while another Python thread works; (its progress marks in the first half of the call, seconds).

    Only the first half counts: once the engine returns, the other thread
    may run for a few switch intervals (5 ms each, longer on a loaded
    machine) before the call's Python frame sees its end, even if the
    engine held the GIL throughout."""
    stop = threading.Event()
    marks = []

    def worker():
        while not stop.is_set():
            marks.append(time.perf_counter())
            sum(range(100))

    t = threading.Thread(target=worker)
    t.start()
    time.sleep(0.05)
    start = time.perf_counter()
    call()
    end = time.perf_counter()
    stop.set()
    t.join()
    return sum(start + 0.01 < m < start + (end - start) / 2 for m in marks), end - start


def test_another_thread_runs_while_stepping():
    m = cogov.Model(cogov.load_scenario(set=LONG))
    inside, seconds = progress_during(lambda: m.step(300))
    assert seconds > 0.1
    assert inside > 100, f"the other thread made {inside} steps of progress in {seconds:.2f} s of stepping"


def test_another_thread_runs_during_a_whole_run():
    inside, seconds = progress_during(lambda: cogov.run(cogov.load_scenario(set=LONG), steps=300, threads=1))
    assert seconds > 0.1
    assert inside > 100, f"the other thread made {inside} steps of progress in {seconds:.2f} s"


def interrupted(call, after: float = 0.2) -> tuple:
    """Call with a simulated Ctrl-C `after` seconds in: (KeyboardInterrupt raised by the call, seconds).

    An interrupt the call never looked for surfaces only after it returned,
    at the next Python function call; it is absorbed here, and the call
    counts as not interrupted."""
    timer = threading.Timer(after, _thread.interrupt_main)
    raised, seconds = False, None
    start = time.perf_counter()
    timer.start()
    try:
        try:
            call()
        except KeyboardInterrupt:
            raised = True
        seconds = time.perf_counter() - start
        timer.join()
        time.sleep(0.01)
    except KeyboardInterrupt:
        pass
    timer.join()
    return raised, seconds


def test_ctrl_c_stops_step_between_weeks():
    m = cogov.Model(cogov.load_scenario(set=LONG))
    raised, _ = interrupted(lambda: m.step(4000))
    stopped = m.week
    assert raised and 0 < stopped < 4000, f"stopped at week {stopped}"
    m.step()  # still usable, one whole week later
    assert m.week == stopped + 1


def test_ctrl_c_stops_a_run_and_writes_nothing(tmp_path):
    raised, seconds = interrupted(lambda: cogov.run(cogov.load_scenario(set=LONG), threads=1, out=tmp_path / "r.h5"))
    assert raised and seconds < 2  # the 4,000 weeks take several seconds
    assert list(tmp_path.iterdir()) == []


def test_a_second_thread_cannot_step_the_same_model():
    m = cogov.Model(cogov.load_scenario(set=LONG))
    errors = []

    def other():
        time.sleep(0.05)
        try:
            m.step()
        except RuntimeError as e:
            errors.append(str(e))

    t = threading.Thread(target=other)
    t.start()
    m.step(300)
    t.join()
    assert errors and "another thread" in errors[0]
