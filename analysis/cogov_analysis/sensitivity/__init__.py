"""Sensitivity indices: Sobol (Saltelli design) and Morris elementary effects."""

from .designs import morris_sample, saltelli_sample
from .morris import MorrisResult, elementary_effects, morris_indices
from .saltelli import infer_structure, split
from .sobol import SobolResult, sobol_indices

__all__ = ["MorrisResult", "SobolResult", "elementary_effects", "infer_structure", "morris_indices",
           "morris_sample", "saltelli_sample", "sobol_indices", "split"]
