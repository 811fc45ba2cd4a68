"""CART for scenario discovery (Breiman, L., Friedman, J. H., Olshen, R. A. and Stone, C. J. (1984).
Classification and Regression Trees. Wadsworth): a classification tree of the cases of interest on
the inputs, with scikit-learn (Debian's python3-sklearn). Each leaf where the cases of interest are
the majority is a box; the rule reads off the path to it."""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import AnalysisError


@dataclass
class CartResult:
    tree: object                    # the fitted sklearn DecisionTreeClassifier
    inputs: list
    leaves: pd.DataFrame            # leaf, rule, points, cases, density, coverage

    def best_rule(self) -> str:
        return self.leaves.sort_values(["density", "coverage"], ascending=False)["rule"].iloc[0]


def _paths(tree, inputs: list, digits: int) -> dict:
    """leaf id -> rule text, merging repeated limits on one input."""
    t = tree.tree_
    out = {}

    def walk(node, limits):
        if t.children_left[node] == -1:
            parts = []
            for name in inputs:
                low, high = limits.get(name, (None, None))
                if low is not None and high is not None:
                    parts.append(f"{low:.{digits}g} < {name} <= {high:.{digits}g}")
                elif low is not None:
                    parts.append(f"{name} > {low:.{digits}g}")
                elif high is not None:
                    parts.append(f"{name} <= {high:.{digits}g}")
            out[node] = " and ".join(parts) or "(everywhere)"
            return
        name, cut = inputs[t.feature[node]], float(t.threshold[node])
        low, high = limits.get(name, (None, None))
        walk(t.children_left[node], {**limits, name: (low, cut if high is None else min(high, cut))})
        walk(t.children_right[node], {**limits, name: (cut if low is None else max(low, cut), high)})

    walk(0, {})
    return out


def cart(x: pd.DataFrame, y, max_depth: int = 3, min_leaf: float = 0.05, seed: int = 0, digits: int = 3) -> CartResult:
    """A classification tree of `y` (True for the cases of interest) on the inputs `x`; leaves hold
    at least `min_leaf` of the points."""
    try:
        from sklearn.tree import DecisionTreeClassifier
    except ImportError:
        raise AnalysisError("CART needs scikit-learn: apt-get install python3-sklearn") from None
    y = np.asarray(y, dtype=bool)
    if len(x) != len(y) or not y.any() or y.all():
        raise AnalysisError("CART: give as many outcomes as points, with some but not all cases of interest")
    inputs = list(x.columns)
    tree = DecisionTreeClassifier(max_depth=max_depth, min_samples_leaf=max(1, int(min_leaf * len(y))),
                                  random_state=seed).fit(x.astype(float).to_numpy(), y)
    leaf_of = tree.apply(x.astype(float).to_numpy())
    rules = _paths(tree, inputs, digits)
    rows = []
    for leaf, rule in rules.items():
        inside = leaf_of == leaf
        rows.append({"leaf": int(leaf), "rule": rule, "points": int(inside.sum()), "cases": int(y[inside].sum()),
                     "density": float(y[inside].mean()) if inside.any() else np.nan,
                     "coverage": float(y[inside].sum() / y.sum())})
    leaves = pd.DataFrame(rows)
    return CartResult(tree, inputs, leaves[leaves["density"] > 0.5].reset_index(drop=True)
                      if (leaves["density"] > 0.5).any() else leaves)
