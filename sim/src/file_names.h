// Helpers shared by the writers of run and sweep files.
#pragma once

#include <string>

namespace cogov {

//! The hidden temporary name a writer fills before renaming into place:
//! ".NAME.partial-PID" next to `path`.
std::string temporary_name(const std::string& path);

//! Rename a finished temporary file to its final name; throws h5::Error.
void move_into_place(const std::string& temporary, const std::string& path);

//! The current UTC time, ISO 8601 ("2026-01-31T12:00:00Z").
std::string utc_now();

}  // namespace cogov
