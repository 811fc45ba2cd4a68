"""Open any cogov output file: the root attribute `format` picks the reader.

A reader is registered per format name with the newest `format_version` it
understands. Run files (`cogov-run`) are registered by `runfile`, comparison
files (`cogov-compare`) by `comparefile`, sweep files (`cogov-sweep`) by
`sweepfile`.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import h5py

from .errors import FileFormatError
from .h5util import text_attr


@dataclass(frozen=True)
class Reader:
    format: str
    max_version: int
    read: Callable[[Path, h5py.File], object]


_READERS: dict[str, Reader] = {}


def register(format_name: str, max_version: int, read: Callable[[Path, h5py.File], object]) -> None:
    """Make `open_file` hand files of `format_name` (up to `max_version`) to `read(path, h5file)`."""
    _READERS[format_name] = Reader(format_name, max_version, read)


def supported_formats() -> dict[str, int]:
    """Format name -> newest version this toolkit reads."""
    return {name: r.max_version for name, r in sorted(_READERS.items())}


def check_readable(path: Path) -> None:
    """Refuse a missing path, a directory or a file that is not HDF5."""
    if not path.exists():
        raise FileFormatError(f"{path}: no such file")
    if not path.is_file():
        raise FileFormatError(f"{path}: not a file")
    try:
        is_hdf5 = h5py.is_hdf5(str(path))
    except OSError as e:
        raise FileFormatError(f"{path}: cannot be read ({e.strerror or e})") from None
    if not is_hdf5:
        raise FileFormatError(f"{path}: not an HDF5 file, so not a cogov output file")


def reader_for(path: Path, f: h5py.File) -> Reader:
    """The registered reader for an open file, after checking format and version."""
    name = text_attr(f, "format")
    known = ", ".join(f"{n} (up to version {v})" for n, v in supported_formats().items())
    if name is None:
        raise FileFormatError(f"{path}: an HDF5 file, but not a cogov output file (no 'format' attribute)")
    reader = _READERS.get(name)
    if reader is None:
        raise FileFormatError(f"{path}: format '{name}' is not supported by this analysis toolkit; it reads {known}")
    version = f.attrs.get("format_version")
    if version is None:
        raise FileFormatError(f"{path}: a '{name}' file without a 'format_version' attribute")
    if int(version) > reader.max_version:
        raise FileFormatError(
            f"{path}: written in {name} format version {int(version)}, newer than this toolkit reads "
            f"(up to version {reader.max_version}); update the analysis toolkit")
    return reader


def open_file(path) -> object:
    """Read a cogov output file into its in-memory form (a Run, ...)."""
    path = Path(path)
    check_readable(path)
    try:
        with h5py.File(path, "r") as f:
            return reader_for(path, f).read(path, f)
    except KeyError as e:
        raise FileFormatError(f"{path}: damaged or incomplete cogov file ({e.args[0] if e.args else e})") from None
    except OSError as e:
        raise FileFormatError(f"{path}: cannot be read as HDF5 ({e})") from None
