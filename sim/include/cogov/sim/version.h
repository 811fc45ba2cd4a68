// Build provenance, generated at build time from git (see cmake/version.cmake).
#pragma once

namespace cogov {

//! cogov's semantic version, e.g. "0.1.0".
const char* version();
//! The git commit the binary was built from, "+dirty" when the tree had
//! uncommitted changes, or "unknown" outside a git checkout.
const char* git_commit();

}  // namespace cogov
