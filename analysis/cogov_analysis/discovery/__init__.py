"""Scenario discovery: which combinations of inputs lead to the cases of interest (a policy failing,
a threshold missed). PRIM (Friedman and Fisher 1999, with the scenario-discovery measures of Bryant
and Lempert 2010) and CART (Breiman et al. 1984, scikit-learn's tree) on experiment or sweep
results; docs/policy-analysis.md."""

from .prim import Box, PrimResult, prim
from .cart import CartResult, cart

__all__ = ["Box", "PrimResult", "prim", "CartResult", "cart"]
