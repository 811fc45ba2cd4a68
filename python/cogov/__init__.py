"""cogov: the agent-based model of collaborative community governance, in Python.

The C++ engine itself, not a wrapper around the command line: the same
scenarios, the same numbers (a run here is bit-identical to `cogov run`
with the same scenario and seed), the same speed.

    import cogov
    s = cogov.load_scenario("baseline", set={"committee.delegated_items": 72})
    m = cogov.Model(s, seed=1, threads=2)
    m.step(52)                                   # Ctrl-C stops it between weeks
    m.residents.trust_toward("government")       # a read-only NumPy view, no copy
    m.metrics()["participation_rate"]            # this week's city metrics
    m.set("contracts.p_late", 0.3)               # a live lever, from the next week on

    ds = cogov.run(s, seed=1, steps=104)         # xarray Dataset, as the run file holds
    cmp = cogov.compare("baseline", "grid-management", replicates=8, steps=104)
    sw = cogov.sweep("sweeps/burden-grid.toml", out="burden.h5")

Functions: load_scenario, scenario_from_toml, library, Model, run, compare,
sweep. Errors in scenario input raise ScenarioError (a ValueError) with the
command line's file:line:column messages. Full guide: docs/python.md.
"""

import os
from collections.abc import Mapping

# The engine finds its scenario library relative to the running program
# (sim/src/library.cpp), which here is the Python interpreter: point it at
# the build tree's library, build/share/cogov/scenarios, unless told otherwise.
_LIBRARY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "share", "cogov", "scenarios")
if not os.environ.get("COGOV_SCENARIOS") and os.path.isdir(_LIBRARY):
    os.environ["COGOV_SCENARIOS"] = os.path.normpath(_LIBRARY)

from . import _cogov  # noqa: E402
from ._cogov import (  # noqa: E402
    ACTORS, DISCOVERED, DOMAINS, EXPERIENCES, ISSUE_STAGES, JOINT, KINDS, MULTI_ACTOR, NO_TIE, ORG_TYPES, PARTICIPATED,
    PARTICIPATING, PARTY_MEMBER, VOLUNTEER, Diagnostic, Scenario, ScenarioError, __version__, git_commit, library_dir)
from ._model import Model  # noqa: E402
from ._runs import compare, run, sweep  # noqa: E402

__all__ = ["ACTORS", "DOMAINS", "EXPERIENCES", "ISSUE_STAGES", "KINDS", "ORG_TYPES", "Diagnostic", "Model", "Scenario",
           "ScenarioError", "compare", "library", "library_dir", "load_scenario", "run", "scenario_from_toml", "sweep"]


def _toml_value(key, value) -> str:
    """A Python value as the TOML text `--set key=value` takes."""
    if isinstance(value, str):
        return value                      # already TOML: '"text"', '[1, 2]', '0.3'
    if hasattr(value, "dtype") and getattr(value, "shape", None) == ():
        value = value.item()              # NumPy scalars
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)                # shortest round trip; 'nan', 'inf' are TOML too
    raise TypeError(f"set: {key}: expected a bool, int, float or TOML text, got {value!r}")


def _overrides(values) -> list:
    if values is None:
        return []
    if isinstance(values, Mapping):
        return [f"{k}={_toml_value(k, v)}" for k, v in values.items()]
    if isinstance(values, (list, tuple)) and all(isinstance(v, str) for v in values):
        return list(values)               # ["key=value", ...] as on the command line
    raise TypeError("set: expected a dict {key: value} or a list of 'key=value' strings")


def load_scenario(path=None, set=None) -> Scenario:
    """Load and validate a scenario, as `cogov run SCENARIO --set key=value ...` does.

    path: a scenario file, or a library name ("grid-management"; see library()),
    or None for the built-in baseline. set: {key: value} overrides (bool, int,
    float, or TOML text), applied on top as --set would be.

    Raises ScenarioError (a ValueError) listing every problem with the command
    line's messages, "file:line:column: error: key: message", also as
    error.messages and error.diagnostics.

    >>> s = cogov.load_scenario("baseline", set={"committee.delegated_items": 72})
    >>> s["committee.delegated_items"], s.steps
    (72, 520)
    """
    return _cogov._load_scenario(None if path is None else os.fspath(path), _overrides(set))


def scenario_from_toml(text: str, source: str = "<string>", set=None) -> Scenario:
    """A scenario from TOML text; `source` names it in messages (and resolves a relative base).

    >>> cogov.scenario_from_toml('name = "small"\\n[time]\\nsteps = 10\\n').steps
    10
    """
    return _cogov._load_scenario_text(text, source, _overrides(set))


def library() -> dict:
    """The scenario library, as `cogov list` shows it: {name: description}, sorted by name.

    >>> list(cogov.library())[:2]
    ['baseline', 'chongqing-three-society-linkage']
    """
    return _cogov._library_entries()
