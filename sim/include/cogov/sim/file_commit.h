// Writing output files so that a file under its final name is always complete.
#pragma once

#include <cstdint>
#include <string>

namespace cogov {

namespace h5 {
class File;
}

//! A hidden temporary path beside `path` (".NAME.partial-PID"). The file is
//! renamed into place by commit(); destroyed uncommitted, it is removed.
//! Creating one removes the partial files of `path` left by dead processes.
//! commit() syncs the file, renames it, then syncs the folder. With
//! `replace` (the caller was told it may replace the file: --force) it
//! replaces whatever is there; without, it never replaces a file (one that
//! another process committed while this one was being written is kept, and
//! commit() throws). The caller decides, not what exists when this is made:
//! a run that checked its output at start may create its PendingFile only
//! after a long burn-in, when a rival run has committed the same name.
class PendingFile {
public:
    PendingFile(std::string path, bool replace);
    ~PendingFile();
    PendingFile(const PendingFile&) = delete;
    PendingFile& operator=(const PendingFile&) = delete;

    const std::string& temporary() const { return temp_; }
    //! Rename the temporary file to the final path (throws on failure).
    void commit();

private:
    std::string path_, temp_;
    bool replace_ = false;
    bool committed_ = false;
};

//! Remove ".NAME.partial-PID" files beside `path` whose process is dead;
//! returns how many were removed.
int remove_stale_partials(const std::string& path);

//! The current UTC time, ISO 8601 ("2026-11-27T11:21:29Z").
std::string utc_now();

//! Root attributes every cogov file carries: format, format_version,
//! cogov_version, git_commit, created.
void write_common_attributes(h5::File& file, const std::string& format, long long version);

//! Check that `file` is a `format` file (@format) no newer than `newest`
//! and return its @format_version; h5::Error otherwise. `kind` names such
//! files in messages ("run file", "checkpoint", "sweep file").
std::int64_t check_format(const h5::File& file, const std::string& format, const std::string& kind,
                          std::int64_t newest);

}  // namespace cogov
