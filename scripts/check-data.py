#!/usr/bin/python3
"""Check data/targets/*.toml and the parameter provenance against the code's tables.

Targets: every field of the schema in data/targets/README.md is present and
typed; id equals the file stem; series (and denominator series) are city
series of cogov (metrics of metrics.def, or trust.<truster>.<trustee> with
ACTOR_NAMES); the scenario exists and the window lies within its time.steps;
lo <= estimate <= hi. Provenance: every row of params.def ends with its
evidence (EMPIRICAL, CALIBRATED or ASSUMED) and a non-empty source.

Usage: scripts/check-data.py [REPO_ROOT]. Prints one line per problem, naming
file and key; exit 0 if none, 1 otherwise. Standard library only (Python 3.11+).
"""
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
problems = []


def problem(where, what):
    problems.append(f"{where}: {what}")


def series_names():
    metrics = re.findall(r"^COGOV_METRIC\((\w+),", (ROOT / "sim/include/cogov/sim/metrics.def").read_text(), re.M)
    actors_h = (ROOT / "sim/include/cogov/sim/actors.h").read_text()
    block = re.search(r"ACTOR_NAMES\s*=\s*\{([^}]*)\}", actors_h).group(1)
    actors = re.findall(r'"(\w+)"', block)
    return set(metrics) | {f"trust.{a}.{b}" for a in actors for b in actors}


def scenario_steps(name):
    """time.steps of scenarios/<name>.toml, following `base`, else the table default."""
    path = ROOT / "scenarios" / f"{name}.toml"
    while path.exists():
        doc = tomllib.loads(path.read_text())
        if "steps" in doc.get("time", {}):
            return doc["time"]["steps"]
        if "base" not in doc:
            break
        path = path.parent / doc["base"]
    m = re.search(r"COGOV_PARAM\(time, steps, INT, (\d+),", (ROOT / "sim/include/cogov/sim/params.def").read_text())
    return int(m.group(1))


FIELDS = {
    "id": str, "title": str, "observed": str, "kind": str,
    "model.scenario": str, "model.series": str, "model.statistic": str, "model.window": list,
    "value.estimate": (int, float), "value.interval": list,
    "source.citation": str, "source.url": str, "source.mapping": str,
}
ALLOWED = set(FIELDS) | {"model.denominator"}


def flatten(doc, prefix=""):
    for k, v in doc.items():
        if isinstance(v, dict):
            yield from flatten(v, f"{prefix}{k}.")
        else:
            yield f"{prefix}{k}", v


def check_target(path, names):
    where = str(path.relative_to(ROOT))
    try:
        doc = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as e:
        return problem(where, f"not valid TOML: {e}")
    flat = dict(flatten(doc))
    for key in flat:
        if key not in ALLOWED:
            problem(where, f"{key}: not a field of the schema")
    for key, typ in FIELDS.items():
        if key not in flat:
            problem(where, f"{key}: missing")
        elif not isinstance(flat[key], typ) or isinstance(flat[key], bool):
            problem(where, f"{key}: expected {typ}, got {type(flat[key]).__name__}")
        elif typ is str and key != "source.url" and not flat[key].strip():
            problem(where, f"{key}: empty")
    if problems and problems[-1].startswith(where):
        return
    if flat["id"] != path.stem or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", flat["id"]):
        problem(where, f"id: expected the file stem in lowercase-with-dashes, got {flat['id']!r}")
    if flat["kind"] not in ("empirical", "assumed"):
        problem(where, f"kind: expected empirical or assumed, got {flat['kind']!r}")
    if flat["model.statistic"] not in ("mean", "slope_per_year"):
        problem(where, f"model.statistic: expected mean or slope_per_year, got {flat['model.statistic']!r}")
    for s in [flat["model.series"]] + list(flat.get("model.denominator", [])):
        if s not in names:
            problem(where, f"model.series/denominator: {s!r} is not a city series of cogov")
    if "model.denominator" in flat and not (isinstance(flat["model.denominator"], list) and flat["model.denominator"]):
        problem(where, "model.denominator: expected a non-empty list of series")
    scen = ROOT / "scenarios" / f"{flat['model.scenario']}.toml"
    window = flat["model.window"]
    if not scen.exists():
        problem(where, f"model.scenario: no file scenarios/{flat['model.scenario']}.toml")
    elif not (len(window) == 2 and all(isinstance(w, int) for w in window)
              and 1 <= window[0] <= window[1] <= scenario_steps(flat["model.scenario"])):
        problem(where, f"model.window: expected [first, last] with 1 <= first <= last <= time.steps, got {window}")
    lo_hi = flat["value.interval"]
    if not (len(lo_hi) == 2 and all(isinstance(v, (int, float)) for v in lo_hi)
            and lo_hi[0] <= flat["value.estimate"] <= lo_hi[1] and lo_hi[0] < lo_hi[1]):
        problem(where, f"value.interval: expected [lo, hi] with lo <= estimate <= hi, got {lo_hi}")


STRING = r'"(?:[^"\\]|\\.)*"'


def check_provenance():
    """Every row ends with: ..., "meaning", EVIDENCE, "source" ["continued" ...])."""
    where = "sim/include/cogov/sim/params.def"
    text = (ROOT / where).read_text()
    rows = re.findall(rf"^COGOV_PARAM\((\w+), (\w+),((?:[^()\"]|{STRING})*)\)", text, re.M)
    if not rows:
        problem(where, "no COGOV_PARAM rows found")
    for sec, name, rest in rows:
        m = re.search(rf",\s*(\w+),\s*((?:{STRING}\s*)+)$", rest)
        if not m or m.group(1) not in ("EMPIRICAL", "CALIBRATED", "ASSUMED"):
            problem(where, f"{sec}.{name}: expected the row to end with EMPIRICAL, CALIBRATED or ASSUMED and a source")
        elif not "".join(s[1:-1] for s in re.findall(STRING, m.group(2))).strip():
            problem(where, f"{sec}.{name}: empty source")


names = series_names()
targets = sorted((ROOT / "data/targets").glob("*.toml"))
if not targets:
    problem("data/targets", "no target files")
for t in targets:
    check_target(t, names)
check_provenance()
for p in problems:
    print(p)
print(f"{len(targets)} targets, provenance checked: {len(problems)} problem(s)", file=sys.stderr)
sys.exit(1 if problems else 0)
