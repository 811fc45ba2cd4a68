"""Figure making shared by every plot: layout, week axes, events, saving."""

import functools
import io
import re
from dataclasses import dataclass
from pathlib import Path

import matplotlib

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..labels import wrap

FORMATS = ("png", "svg")
DPI = 110
PANEL = (4.2, 3.0)       # inches per panel
EVENT_COLOR = "0.35"
FOOTNOTE_POINTS = 7
FOOTNOTE_CHARS_PER_INCH = 17   # characters of 7-point text per inch of figure width
TITLE_CHARS_PER_INCH = 11      # characters of an 11-point title per inch of figure width
RC = {"font.size": 9, "axes.titlesize": 9, "axes.labelsize": 9, "legend.fontsize": 8,
      "xtick.labelsize": 8, "ytick.labelsize": 8, "svg.hashsalt": "cogov",
      "svg.fonttype": "none"}     # SVG text stays text: searchable and editable


@dataclass
class Plot:
    """A finished figure with the words a report shows beside it."""

    stem: str          # file name without extension
    title: str
    caption: str
    figure: Figure


def styled(build):
    """Run a figure builder (or saver) under the house style, leaving global settings alone."""
    @functools.wraps(build)
    def wrapper(*args, **kwargs):
        with matplotlib.rc_context(RC):
            return build(*args, **kwargs)
    return wrapper


def grid(count: int, columns: int = 3, panel=PANEL, title: str = "", **subplots):
    """A figure with `count` panels on a grid; unused cells are hidden. Returns (fig, flat axes)."""
    columns = max(1, min(columns, count))
    rows = -(-count // columns)
    fig = Figure(figsize=(panel[0] * columns, panel[1] * rows + (0.5 if title else 0)), layout="constrained")
    axes = np.atleast_1d(fig.subplots(rows, columns, squeeze=False, **subplots)).ravel()
    for ax in axes[count:]:
        ax.set_visible(False)
    if title:
        fig.suptitle(wrap(title, int(fig.get_size_inches()[0] * TITLE_CHARS_PER_INCH)), fontsize=11)
    return fig, axes[:count]


def event_markers(events: pd.DataFrame) -> pd.DataFrame:
    """One marker per event (step, note), numbered in time order, with what it set."""
    if events is None or events.empty:
        return pd.DataFrame(columns=["number", "step", "note", "sets"])
    sets = events.assign(sets=events["key"] + " = " + events["value"])
    grouped = sets.groupby(["step", "note"], sort=True)["sets"].agg("; ".join).reset_index()
    grouped.insert(0, "number", np.arange(1, len(grouped) + 1))
    return grouped


def mark_events(ax, markers: pd.DataFrame, color: str = EVENT_COLOR) -> None:
    """A dotted line and the event's number at each event's week."""
    for row in markers.itertuples():
        ax.axvline(row.step, color=color, linestyle=":", linewidth=1)
        ax.annotate(str(row.number), (row.step, 1), xycoords=("data", "axes fraction"), xytext=(2, -2),
                    textcoords="offset points", va="top", fontsize=7, color=color)


def events_note(markers: pd.DataFrame, prefix: str = "Scenario events") -> str:
    """Footnote text naming each numbered event."""
    if markers.empty:
        return ""
    items = [f"({r.number}) week {r.step}: {r.note or 'event'} [{r.sets}]" for r in markers.itertuples()]
    return f"{prefix} (dotted lines): " + "; ".join(items)


def footnote(fig: Figure, text: str) -> None:
    """Small text under the panels; the layout leaves room for it."""
    if not text:
        return
    width, height = fig.get_size_inches()
    lines = wrap(text, int(width * FOOTNOTE_CHARS_PER_INCH)).count("\n") + 1
    gap = 0.06 / height         # between the panels' lowest label and the note
    share = min(0.3, (lines * FOOTNOTE_POINTS * 1.35 / 72 + 0.08) / height + gap)
    fig.get_layout_engine().set(rect=(0, share, 1, 1 - share))
    fig.text(0.01, share - gap, wrap(text, int(width * FOOTNOTE_CHARS_PER_INCH)), ha="left", va="top",
             fontsize=FOOTNOTE_POINTS, color=EVENT_COLOR)


def week_axis(ax, ylabel: str, title: str = "") -> None:
    ax.set_xlabel("Week")
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(wrap(title))
    ax.grid(True, alpha=0.3)


def safe_stem(text: str) -> str:
    """A file-name-safe version of a series or arm name."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_") or "figure"


@styled
def save(fig: Figure, directory: Path, stem: str, formats=FORMATS, dpi: int | None = None) -> list:
    """Write the figure as <directory>/<stem>.<format> for each format (raster resolution `dpi`,
    default DPI)."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt in formats:
        path = directory / f"{stem}.{fmt}"
        fig.savefig(path, format=fmt, dpi=dpi or DPI)
        fig.set_layout_engine("none")    # keep the layout of the first drawing: no second solve
        paths.append(path)
    return paths


@styled
def png_bytes(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()
