"""load_scenario and ScenarioError: the command line's scenarios and its
messages, word for word."""

import numpy as np
import pytest

import cogov
from conftest import REPO, TINY, cli


def cli_errors(*args) -> list:
    """The diagnostic lines `cogov check` prints on stderr (the last line is the summary)."""
    result = cli("check", *args, check=False)
    assert result.returncode == 2, result.stderr
    return result.stderr.splitlines()[:-1]


def test_library_name_file_and_builtin_load_the_same_baseline():
    by_name = cogov.load_scenario("baseline")
    by_path = cogov.load_scenario(REPO / "scenarios" / "baseline.toml")
    assert by_name == by_path
    assert by_name.name == "baseline" and by_name.steps == 520
    builtin = cogov.load_scenario()
    assert builtin.params == by_name.params
    assert "<built-in" in builtin.source


def test_set_overrides_like_the_command_line():
    s = cogov.load_scenario("grid-management", set={"committee.delegated_items": 72, "contracts.p_late": 0.3,
                                                     "grid.enabled": False, "time.steps": np.int64(40)})
    assert s["committee.delegated_items"] == 72 and s["contracts.p_late"] == 0.3
    assert s["grid.enabled"] is False and s.steps == 40
    assert isinstance(s["contracts.p_late"], float) and isinstance(s.steps, int)
    as_strings = cogov.load_scenario("grid-management", set=["committee.delegated_items=72", "contracts.p_late=0.3",
                                                             "grid.enabled=false", "time.steps=40"])
    assert as_strings == s
    # A REAL parameter takes an integer, as in TOML.
    zero = cogov.load_scenario(set={"contracts.p_late": 0})["contracts.p_late"]
    assert zero == 0.0 and isinstance(zero, float)


def test_scenario_reads_back():
    s = cogov.load_scenario("power-instability")
    assert s.params["time.steps"] == s.steps and len(s.params) > 100
    again = cogov.scenario_from_toml(s.to_toml(), "again.toml")
    assert again.params == s.params
    for e in s.events:
        assert set(e) == {"step", "note", "set", "origin"} and e["step"] >= 1
    assert "power-instability" in repr(s)
    with pytest.raises(cogov.ScenarioError, match="unknown key"):
        s["no.such_key"]


def test_with_values_validates():
    s = cogov.load_scenario(set=TINY)
    assert s.with_values({"time.steps": 5}).steps == 5
    assert s.steps == 30  # immutable
    with pytest.raises(cogov.ScenarioError) as e:
        s.with_values({"time.steps": 0})
    assert e.value.messages == ["with_values: error: time.steps: 0 is out of range: expected an integer in [1, 100000] (weeks)"]


def test_unknown_key_has_the_cli_message():
    with pytest.raises(cogov.ScenarioError) as e:
        cogov.load_scenario("baseline", set={"committee.delegated_item": 72})
    assert isinstance(e.value, ValueError)
    assert e.value.messages == cli_errors("baseline", "--set", "committee.delegated_item=72")
    assert "did you mean 'committee.delegated_items'" in str(e.value)
    d = e.value.diagnostics[0]
    assert (d.file, d.line, d.column, d.key) == ("--set", 0, 0, "committee.delegated_item")


def test_every_problem_of_a_file_with_positions(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(f'base = "{cogov.library_dir()}/baseline.toml"\n[trust]\na_gain = 2.0\n[committee]\ndelegated_items = "many"\n'
                   '[contracts]\np_lat = 0.1\n')
    with pytest.raises(cogov.ScenarioError) as e:
        cogov.load_scenario(bad)
    assert len(e.value.messages) == 3
    assert e.value.messages == cli_errors(str(bad))
    assert str(e.value) == "\n".join(e.value.messages)
    lines = sorted(d.line for d in e.value.diagnostics)
    assert lines == [3, 5, 7]
    assert all(m.startswith(f"{bad}:") for m in e.value.messages)


def test_missing_file_and_syntax_error(tmp_path):
    with pytest.raises(cogov.ScenarioError) as e:
        cogov.load_scenario(tmp_path / "none.toml")
    assert e.value.messages == cli_errors(str(tmp_path / "none.toml"))
    broken = tmp_path / "broken.toml"
    broken.write_text("[time\nsteps = 3\n")
    with pytest.raises(cogov.ScenarioError) as e:
        cogov.load_scenario(broken)
    assert e.value.messages == cli_errors(str(broken))
    assert e.value.diagnostics[0].line == 1


def test_bad_set_values():
    with pytest.raises(cogov.ScenarioError) as e:
        cogov.load_scenario(set={"time.steps": 2.5})
    assert e.value.messages == cli_errors("baseline", "--set", "time.steps=2.5")
    with pytest.raises(TypeError, match="expected a bool, int, float or TOML text"):
        cogov.load_scenario(set={"time.steps": [1]})
    with pytest.raises(TypeError):
        cogov.load_scenario(set=3)


def test_library():
    lib = cogov.library()
    assert "baseline" in lib and "grid-management" in lib
    assert all(isinstance(v, str) for v in lib.values())
