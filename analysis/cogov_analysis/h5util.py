"""Turning HDF5 values into plain Python values."""

import numpy as np


def as_text(value) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def text_attr(obj, name: str, default=None):
    """A string attribute as str, or `default` when absent."""
    value = obj.attrs.get(name)
    return default if value is None else as_text(value)


def plain(value):
    """An attribute value as str, int, float or list of those."""
    if isinstance(value, bytes):
        return as_text(value)
    if isinstance(value, np.ndarray):
        return [plain(v) for v in value.tolist()]
    if isinstance(value, np.generic):
        return value.item()
    return value


def attrs_dict(obj) -> dict:
    return {k: plain(v) for k, v in obj.attrs.items()}


def strings(dataset) -> list:
    """A string dataset as a list of str."""
    return [as_text(v) for v in dataset[...].tolist()]
