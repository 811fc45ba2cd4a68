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
class PendingFile {
public:
    explicit PendingFile(std::string path);
    ~PendingFile();
    PendingFile(const PendingFile&) = delete;
    PendingFile& operator=(const PendingFile&) = delete;

    const std::string& temporary() const { return temp_; }
    //! Rename the temporary file to the final path (throws on failure).
    void commit();

private:
    std::string path_, temp_;
    bool committed_ = false;
};

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
