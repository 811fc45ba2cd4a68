"""Missing, foreign, damaged and newer files get one clear message, not a traceback."""

import shutil
import subprocess

import h5py
import pytest

from cogov_analysis import FileFormatError, open_file, supported_formats
from cogov_analysis.cli import main
from conftest import ANALYSIS


def stub(path, format_name: str):
    """An HDF5 file with only a cogov format attribute (version 1): open for more."""
    f = h5py.File(path, "w")
    f.attrs["format"] = format_name
    f.attrs["format_version"] = 1
    return f


@pytest.fixture
def bad_files(tmp_path, files):
    text = tmp_path / "notes.h5"
    text.write_text("not HDF5 at all\n")
    foreign = tmp_path / "foreign.h5"
    with h5py.File(foreign, "w") as f:
        f["data"] = [1, 2, 3]
    newer = tmp_path / "newer.h5"
    shutil.copy(files["events"], newer)
    with h5py.File(newer, "r+") as f:
        f.attrs["format_version"] = 2
    made = {"unknown": "cogov-future", "damaged": "cogov-run", "damaged comparison": "cogov-compare",
            "damaged sweep": "cogov-sweep"}
    paths = {kind: tmp_path / f"{kind.replace(' ', '-')}.h5" for kind in made}
    for kind, format_name in made.items():
        with stub(paths[kind], format_name) as f:
            if kind == "damaged comparison":
                f.create_group("arms/0")
    return {"missing": tmp_path / "nowhere.h5", "directory": tmp_path, "text": text, "foreign": foreign,
            "newer": newer, **paths}


MESSAGES = {
    "missing": "no such file",
    "directory": "not a file",
    "text": "not an HDF5 file",
    "foreign": "not a cogov output file (no 'format' attribute)",
    "unknown": "format 'cogov-future' is not supported by this analysis toolkit; it reads cogov-compare "
               "(up to version 1), cogov-run (up to version 1), cogov-sweep (up to version 1)",
    "damaged sweep": "damaged or incomplete cogov file",
    "newer": "cogov-run format version 2, newer than this toolkit reads (up to version 1)",
    "damaged": "damaged or incomplete cogov file",
    "damaged comparison": "damaged comparison file (arms 0; expected 0, 1, ...)",
}


@pytest.mark.parametrize("kind", sorted(MESSAGES))
def test_open_file_refuses_with_a_reason(bad_files, kind):
    with pytest.raises(FileFormatError) as info:
        open_file(bad_files[kind])
    assert MESSAGES[kind] in str(info.value)
    assert str(bad_files[kind]) in str(info.value)


def test_supported_formats():
    assert supported_formats() == {"cogov-compare": 1, "cogov-run": 1, "cogov-sweep": 1}


@pytest.mark.parametrize("kind", sorted(MESSAGES))
def test_command_line_prints_one_line_and_exits_2(bad_files, kind, tmp_path, capsys):
    status = main(["plot", str(bad_files[kind]), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("cogov-analysis: error: ")
    assert MESSAGES[kind] in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_the_script_reports_without_a_traceback(bad_files):
    result = subprocess.run([str(ANALYSIS / "cogov-analysis"), "report", str(bad_files["newer"]), "-o", "x.html"],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == f"cogov-analysis: error: {bad_files['newer']}: written in cogov-run format " \
                                    "version 2, newer than this toolkit reads (up to version 1); update the analysis toolkit"


def test_a_command_refuses_the_wrong_kind_of_input(sweep_paths, capsys):
    status = main(["plot", *map(str, sweep_paths)])
    assert status == 2
    assert "plot needs a run file (cogov-run); the input is a sweep" in capsys.readouterr().err
