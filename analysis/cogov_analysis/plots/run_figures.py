"""Figures of one run: trust, participation, issues, organizations, hours."""

import warnings
from dataclasses import dataclass

import matplotlib
import numpy as np

from ..errors import AnalysisError
from ..labels import actor_label, possessive, unit_label
from . import style

ABSENT_COLOR = "0.85"


@dataclass(frozen=True)
class Panel:
    title: str
    ylabel: str
    lines: tuple            # (metric, legend label)
    community_band: bool = False


@dataclass(frozen=True)
class FigureSpec:
    stem: str
    title: str
    caption: str
    panels: tuple


LINE_FIGURES = (
    FigureSpec("participation", "Participation",
               "Residents taking part in deliberation or volunteering (the band is the range over communities), "
               "and volunteer hours.", (
        Panel("Residents taking part in deliberation or volunteering", "share of residents (0 to 1)",
              (("participation_rate", "City"),), community_band=True),
        Panel("Volunteer hours", "hours per week", (("volunteer_hours", "Volunteer hours"),)),
    )),
    FigureSpec("issues", "Issue funnel: raised, reported, resolved",
               "Issues raised, reported, discovered and resolved each week, the open issues, time to resolution "
               "and the share of closed issues resolved satisfactorily.", (
        Panel("Issues per week", "issues per week", (
            ("issues_raised", "Raised"), ("issues_reported", "Reported"),
            ("issues_discovered", "Discovered by grid workers"), ("issues_resolved", "Resolved"),
            ("issues_bounced", "Referral bounced"))),
        Panel("Open issues at the end of the week", "issues", (
            ("backlog", "Reported, not yet resolved (backlog)"), ("silent_issues", "Raised, not reported"))),
        Panel("Time to resolution", "weeks", (("resolution_time_mean", "Mean weeks from raising to resolution"),)),
        Panel("Closed issues resolved satisfactorily", "share of closed issues (0 to 1)",
              (("resolution_rate", "City"),), community_band=True),
    )),
    FigureSpec("organizations", "Social organizations and service contracts",
               "Social organizations active and under contract, service contracts, government payments and "
               "the organizations' mean reserves.", (
        Panel("Social organizations", "organizations", (
            ("socorgs_active", "Active"), ("socorgs_contracted", "Under a government contract"))),
        Panel("Service contracts", "contracts", (
            ("contracts_active", "Running"), ("contracts_started", "Started this week"),
            ("contracts_renewed", "Renewed this week"), ("contracts_dropped", "Dropped this week"))),
        Panel("Government payments to social organizations", "payments per week", (
            ("payments_on_time", "On time"), ("payments_late", "Late"), ("payments_defaulted", "Never made"))),
        Panel("Mean reserves of active social organizations", "thousand CNY", (
            ("socorg_reserves_mean", "Mean reserves"),)),
    )),
    FigureSpec("hours", "Committee and government working hours",
               "Resident committee hours spent on delegated administration and left for residents' issues; "
               "government hours for issues.", (
        Panel("Resident committee hours", "hours per week", (
            ("committee_admin_hours", "On delegated administration"),
            ("committee_service_hours", "Available for residents' issues"))),
        Panel("Government hours for issues", "hours per week", (
            ("government_hours", "After steering contracts"),)),
    )),
)


def metrics_used() -> set:
    return {m for spec in LINE_FIGURES for p in spec.panels for m, _ in p.lines}


def _community_band(ax, run, metric):
    values = run.read(f"communities/{metric}")
    ax.fill_between(run.steps, values.min(axis=1), values.max(axis=1), alpha=0.2, color="C0",
                    label="Range over communities")


@style.styled
def line_figure(run, spec: FigureSpec):
    city = run.city_wide([m for p in spec.panels for m, _ in p.lines])
    markers = style.event_markers(run.events)
    fig, axes = style.grid(len(spec.panels), columns=2, title=f"{spec.title} ({run.name})")
    for ax, panel in zip(axes, spec.panels):
        if panel.community_band:
            _community_band(ax, run, panel.lines[0][0])
        for metric, label in panel.lines:
            ax.plot(city.index, city[metric], label=label)
        style.week_axis(ax, panel.ylabel, panel.title)
        style.mark_events(ax, markers)
        ax.legend(loc="best")
    style.footnote(fig, style.events_note(markers))
    return fig


def community_trust(run) -> np.ndarray:
    """Per-community trust, with social organizations' rows blank (NaN) in weeks a
    community had none active: cogov writes NaN there, files from before it did
    hold 0, which is not a trust."""
    trust = run.trust("communities")
    if "social_organization" in run.actors:
        none = run.read("communities/socorgs_active") == 0
        trust[:, :, run.actors.index("social_organization"), :][none] = np.nan
    return trust


@style.styled
def trust_lines(run):
    """The 5 x 5 trust matrix over time as small multiples: row truster, column trustee."""
    city = run.trust("city")
    communities = community_trust(run)
    markers = style.event_markers(run.events)
    n = len(run.actors)
    fig, axes = style.grid(n * n, columns=n, panel=(2.4, 1.9), title=f"Trust between actor types ({run.name})",
                           sharex=True, sharey=True)
    for k, ax in enumerate(axes):
        i, j = divmod(k, n)
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)     # weeks with no organization anywhere
            low, high = np.nanmin(communities[:, :, i, j], axis=1), np.nanmax(communities[:, :, i, j], axis=1)
        ax.fill_between(run.steps, low, high, alpha=0.2, color="C0", label="Range over communities")
        ax.plot(run.steps, city[:, i, j], color="C0", label="City mean")
        ax.set_ylim(0, 1)
        ax.grid(True, alpha=0.3)
        style.mark_events(ax, markers)
        if i == 0:
            ax.set_title(f"trust in\n{actor_label(run.actors[j]).lower()}")
        if j == 0:
            ax.set_ylabel(f"{possessive(actor_label(run.actors[i]))}\ntrust (0 to 1)")
        if i == n - 1:
            ax.set_xlabel("Week")
    axes[0].legend(loc="lower left", fontsize=6)
    style.footnote(fig, style.events_note(markers))
    return fig


def heatmap_steps(run, wanted=None) -> list:
    """Weeks to draw: the given ones, else the first, middle and last week."""
    s = run.steps
    if not wanted:
        return list(dict.fromkeys([int(s[0]), int(s[len(s) // 2]), int(s[-1])]))
    for week in wanted:
        if week not in s:
            raise AnalysisError(f"week {week} is not in the run (weeks {s[0]} to {s[-1]})")
    return [int(w) for w in wanted]


@style.styled
def trust_heatmaps(run, steps):
    city = run.trust("city")
    labels = [actor_label(a) for a in run.actors]
    cmap = matplotlib.colormaps["viridis"].with_extremes(bad=ABSENT_COLOR)     # NaN: no actor of that type
    fig, axes = style.grid(len(steps), columns=3, panel=(4.4, 3.9), title=f"Trust matrix ({run.name})")
    for ax, week in zip(axes, steps):
        row = int(np.searchsorted(run.steps, week))
        image = ax.imshow(city[row], vmin=0, vmax=1, cmap=cmap)
        for (i, j), value in np.ndenumerate(city[row]):
            ax.text(j, i, "none" if np.isnan(value) else f"{value:.2f}", ha="center", va="center", fontsize=7,
                    color="white" if value < 0.6 else "black")
        ax.set_xticks(range(len(labels)), labels, rotation=35, ha="right")
        ax.set_yticks(range(len(labels)), labels if ax is axes[0] else [])
        ax.set_xlabel("Trusted actor (trustee)")
        if ax is axes[0]:
            ax.set_ylabel("Trusting actor (truster)")
        ax.set_title(f"Week {week}")
    fig.colorbar(image, ax=list(axes), label=unit_label("trust"), shrink=0.8)
    if np.isnan(city[[int(np.searchsorted(run.steps, w)) for w in steps]]).any():
        style.footnote(fig, "none: no actor of that type existed that week (e.g. no active social organization), "
                            "so its trust is not defined.")
    return fig


def run_plots(run, heatmap_weeks=None) -> list:
    """Every figure of a run."""
    weeks = heatmap_steps(run, heatmap_weeks)
    return [
        style.Plot("trust_lines", "Trust between actor types over time",
                   "Mean trust of each actor type (rows) in each actor type (columns), week by week; the band is "
                   "the range over communities.", trust_lines(run)),
        style.Plot("trust_heatmap", "Trust matrix", "The trust matrix in weeks "
                   + ", ".join(map(str, weeks)) + ": rows are the trusting actors, columns the trusted.",
                   trust_heatmaps(run, weeks)),
        *[style.Plot(spec.stem, spec.title, spec.caption, line_figure(run, spec)) for spec in LINE_FIGURES],
    ]
