"""The GIL is released while the engine steps; Ctrl-C stops a long step(n),
run, compare or sweep cleanly between weeks (or runs).

Checked to fail: with the gil_scoped_release in Model::step (python/src/
model.cpp) removed, the other thread counts nothing while step(n) runs and
test_another_thread_runs_while_stepping fails; with PyErr_CheckSignals
removed from the loop, the interrupt arrives only after all 4,000 weeks and
test_ctrl_c_stops_step_between_weeks fails on its week bound."""

import _thread
import threading
import time

import pytest

import cogov
from conftest import TINY

# About a millisecond a week: long enough to interrupt, short enough to test.
LONG = {**TINY, "city.communities": 10, "city.residents_per_community": 1000, "time.steps": 4000}


def count_while(call) -> tuple:
    """Run call() while another Python thread counts; (count during the call, seconds)."""
    stop = threading.Event()
    count = [0]

    def counter():
        while not stop.is_set():
            count[0] += 1

    t = threading.Thread(target=counter)
    t.start()
    time.sleep(0.05)
    before = count[0]
    start = time.perf_counter()
    call()
    seconds = time.perf_counter() - start
    during = count[0] - before
    stop.set()
    t.join()
    return during, seconds


def test_another_thread_runs_while_stepping():
    m = cogov.Model(cogov.load_scenario(set=LONG))
    during, seconds = count_while(lambda: m.step(400))
    assert seconds > 0.05
    # Without the GIL released the counter would stall for the whole call
    # (a few counts at most, at the switch points before and after).
    assert during > 1000, f"only {during} counts in {seconds:.2f} s of stepping"


def test_another_thread_runs_during_a_whole_run():
    during, seconds = count_while(lambda: cogov.run(cogov.load_scenario(set=LONG), steps=400, threads=1))
    assert during > 1000, f"only {during} counts in {seconds:.2f} s"


def interrupt_after(seconds: float) -> threading.Timer:
    timer = threading.Timer(seconds, _thread.interrupt_main)
    timer.start()
    return timer


def test_ctrl_c_stops_step_between_weeks():
    m = cogov.Model(cogov.load_scenario(set=LONG))
    timer = interrupt_after(0.2)
    with pytest.raises(KeyboardInterrupt):
        m.step(4000)
    timer.join()
    stopped = m.week
    assert 0 < stopped < 4000
    m.step()  # still usable, one whole week later
    assert m.week == stopped + 1


def test_ctrl_c_stops_a_run_and_writes_nothing(tmp_path):
    timer = interrupt_after(0.2)
    with pytest.raises(KeyboardInterrupt):
        cogov.run(cogov.load_scenario(set=LONG), threads=1, out=tmp_path / "r.h5")
    timer.join()
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
    m.step(1000)
    t.join()
    assert errors and "another thread" in errors[0]
