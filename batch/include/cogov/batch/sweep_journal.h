// The journal of a sweep in progress: run records appended as runs finish.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "cogov/batch/sweep.h"
#include "cogov/batch/sweep_record.h"

namespace cogov {

//! An append-only file of run records next to the sweep's output
//! (".NAME.journal"). Each entry carries its length and a checksum, so a
//! process killed mid-write (kill -9, node loss) leaves a torn last entry
//! that the next open cuts off; every complete entry survives. The file is
//! locked while open, so two processes cannot work on one sweep.
class Journal {
public:
    //! The journal path for an output file.
    static std::string path_for(const std::string& output);

    //! Open or create. An existing journal must belong to the same sweep
    //! (fingerprint, runs, shard); otherwise, or when locked, throws
    //! RequestError.
    Journal(const std::string& path, const Sweep& sweep, const Shard& shard);
    ~Journal();
    Journal(const Journal&) = delete;
    Journal& operator=(const Journal&) = delete;

    const std::string& path() const { return path_; }
    bool has(std::size_t run) const { return offsets_[run] >= 0; }
    std::size_t count() const { return count_; }

    //! Append a record (flushed to the OS at once; synced to disk at most
    //! once a second).
    void append(const RunRecord& record);
    //! The record of a run that has one.
    RunRecord read(std::size_t run) const;
    //! Close and delete the file.
    void remove();

private:
    void write_header(const Sweep& sweep, const Shard& shard);
    void check_header(const Sweep& sweep, const Shard& shard);
    void scan();

    std::string path_;
    int fd_ = -1;
    std::vector<std::int64_t> offsets_;  //!< per run: entry offset, or -1
    std::size_t count_ = 0;
    std::int64_t end_ = 0;
    std::chrono::steady_clock::time_point last_sync_;
};

}  // namespace cogov
