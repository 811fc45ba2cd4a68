// The scenario library: the scenario files shipped with cogov, found
// relative to the running program (never through a path baked in at build
// time), and the one place that turns a library name into a file. Used by
// `cogov list`, `check`, `run`, `compare`, the classroom server and
// scenario `base` lookups.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace cogov {

//! Where the library is looked for, in order: $COGOV_SCENARIOS when set
//! (and non-empty); then <program folder>/../share/cogov/scenarios, which
//! is the installed layout (<prefix>/bin/cogov, <prefix>/share/cogov/
//! scenarios) and which the build tree links to the source scenarios/.
std::vector<std::filesystem::path> library_search_path();

//! The first folder of the search path that exists; the first candidate
//! (for messages) when none does.
std::filesystem::path library_dir();

//! The file of a library name in `dir` ("grid-management" or
//! "grid-management.toml" -> dir/grid-management.toml) when it exists.
std::optional<std::filesystem::path> library_file(const std::filesystem::path& dir, const std::string& name);

//! A scenario argument as a path: an existing file as given; otherwise,
//! for a bare name (no '/'), the library's file of that name; otherwise
//! the argument unchanged (reading it then reports the missing file).
std::string resolve_scenario(const std::string& arg);

//! Where a scenario's `base = "..."` points. `text` is resolved against the
//! folder of the file that names it (`dir`); a bare name that is no file
//! there is looked up in the library.
struct BaseLookup {
    std::optional<std::filesystem::path> file;  //!< the base file, when found
    std::vector<std::filesystem::path> looked;  //!< every place looked, in order
};
BaseLookup find_base(const std::string& text, const std::filesystem::path& dir);

//! The scenario files of a library folder (*.toml, no subfolders), sorted
//! by file name; `problem` says why the folder could not be read.
std::vector<std::filesystem::path> library_files(const std::filesystem::path& dir, std::string* problem = nullptr);

struct LibraryEntry {
    std::string name;  //!< file stem: what `cogov run NAME` takes
    std::string file;
    std::string description;  //!< the scenario's, or "(invalid: ...)"
};

//! Every scenario of a library folder with its description.
std::vector<LibraryEntry> library_entries(const std::filesystem::path& dir);

}  // namespace cogov
