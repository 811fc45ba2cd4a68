"""Robust choices: satisficing share against maximum regret, one point per lever combination."""

from matplotlib.figure import Figure

from ..labels import unit_label, wrap


def choice_label(row, levers) -> str:
    return ", ".join(f"{l} = {row[l]:g}" for l in levers)


def robustness_figure(result) -> Figure:
    table = result.ranking()
    goal = result.goals[0]
    fig = Figure(figsize=(8.5, 0.32 * len(table) + 2.6), layout="constrained")
    left, right = fig.subplots(1, 2, sharey=True)
    labels = [choice_label(r, result.levers) for _, r in table.iterrows()]
    y = range(len(table))
    left.barh(y, table["satisficing"], color="#4C72B0")
    left.set_yticks(list(y), labels)
    left.invert_yaxis()
    left.set_xlim(0, 1)
    left.set_xlabel(wrap("Share of futures meeting every threshold", 30))
    right.barh(y, table["max_regret"], color="#C44E52")
    units = unit_label((result.units or {}).get(goal.name, ""))
    right.set_xlabel(wrap(f"Maximum regret on {goal.name} (to {goal.direction}){', ' + units if units else ''}", 34))
    for ax in (left, right):
        ax.grid(True, axis="x", alpha=0.3)
    n = result.values["future"].nunique()
    fig.suptitle(wrap(f"Lever combinations across {n} futures, best first", 70), fontsize=10)
    return fig
