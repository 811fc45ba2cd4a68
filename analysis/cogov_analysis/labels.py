"""Plain-word labels for actors, series and units, for figures and reports."""

import textwrap

from .series import SeriesInfo, split_trust_series

ACTOR_LABELS = {
    "government": "Government",
    "social_organization": "Social organizations",
    "property_company": "Property companies",
    "resident_committee": "Resident committees",
    "residents": "Residents",
}

UNIT_LABELS = {
    "share": "share (0 to 1)",
    "trust": "trust (0 = none, 1 = full)",
    "cosine": "cosine similarity (-1 to 1)",
}


def actor_label(actor: str) -> str:
    return ACTOR_LABELS.get(actor, actor.replace("_", " ").capitalize())


def possessive(label: str) -> str:
    return label + ("'" if label.endswith("s") else "'s")


def trust_label(truster: str, trustee: str) -> str:
    """E.g. "Residents' trust in government"."""
    return f"{possessive(actor_label(truster))} trust in {actor_label(trustee).lower()}"


def trust_info(truster: str, trustee: str, name: str) -> SeriesInfo:
    return SeriesInfo(name, "trust", trust_label(truster, trustee))


def series_label(name: str, info: dict[str, SeriesInfo]) -> str:
    """The long name of a series, or a readable form of its key."""
    if name in info:
        return info[name].long_name
    pair = split_trust_series(name)
    if pair:
        return trust_label(*pair)
    return name.replace("_", " ").capitalize()


def summary_label(summary: str, mean_weeks=None, window: str = "") -> str:
    """How a run was summarised: its last week, or its mean, sum or share over the weeks of `window`
    ("weeks 53-312 (from 'reform' in week 53)") or, without one, over the last `mean_weeks` weeks."""
    if summary == "final":
        return "in the last week"
    if window:
        return {"mean": "mean over ", "total": "summed over ", "run": "over "}.get(summary, "") + window
    if summary == "mean":
        return f"mean over the last {mean_weeks} weeks" if mean_weeks else "mean over the last weeks"
    return {"total": "summed over the run", "run": "over the run"}.get(summary, summary)


def unit_label(units: str) -> str:
    return UNIT_LABELS.get(units, units)


def axis_label(name: str, info: dict[str, SeriesInfo]) -> str:
    """Units of a series, in words, for a y axis."""
    units = info[name].units if name in info else ("trust" if split_trust_series(name) else "")
    return unit_label(units)


MISSING = "n/a"     # a value that does not exist, e.g. the trust of an actor type absent that week


def number(value) -> str:
    """A number for a table: thousands separated, else four significant digits; NaN as n/a."""
    if value != value:   # NaN
        return MISSING
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.4g}"


def wrap(text: str, width: int = 42) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def parameter_label(key: str, info: dict[str, SeriesInfo]) -> str:
    """A parameter's key with its units, for an axis: `power.leader_tenure (weeks)`, `grid.enabled (0 = off, 1 = on)`."""
    units = info[key].units if key in info else ""
    if units == "switch":
        return f"{key} (0 = off, 1 = on)"
    return f"{key} ({units})" if units else key
