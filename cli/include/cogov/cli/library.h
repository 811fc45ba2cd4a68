// The scenario library: the scenario files shipped in scenarios/.
#pragma once

#include <string>
#include <vector>

namespace cogov::cli {

//! The library folder: $COGOV_SCENARIOS, else the source tree's scenarios/.
std::string library_dir();

//! A scenario argument as a path: an existing file as given, otherwise a
//! library name ("grid-management" -> <library>/grid-management.toml).
std::string resolve_scenario(const std::string& arg);

struct LibraryEntry {
    std::string name, file, description;
};

//! Every scenario in the library (sorted by file name; subfolders excluded).
std::vector<LibraryEntry> library_entries(const std::string& dir);

}  // namespace cogov::cli
