// The run output file: one writer, one layout (docs/output-schema.md).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cogov/sim/model.h"

namespace cogov {

//! Format name and version stored on the root of every run file.
constexpr const char* RUN_FORMAT = "cogov-run";
constexpr std::int64_t RUN_FORMAT_VERSION = 1;

namespace h5 {
class File;
}
class PendingFile;

//! Writes one run to HDF5. Data go to a hidden temporary file next to the
//! target, renamed into place only by finish(); a writer destroyed before
//! finish() (error, interruption) removes its temporary file.
class RunWriter {
public:
    //! `steps`: rows to hold (the run's final horizon; -1: the model's).
    //! `replace`: finish() may replace an existing file (PendingFile).
    RunWriter(const std::string& path, const Model& model, std::int64_t steps, bool replace);
    ~RunWriter();
    RunWriter(const RunWriter&) = delete;
    RunWriter& operator=(const RunWriter&) = delete;

    //! Buffer the step just completed; full blocks go to disk.
    void record(const Model& model);
    //! Flush, write run attributes (and the per-agent snapshot if asked),
    //! close and rename into place.
    void finish(const Model& model, double wall_seconds, bool snapshot);

    //! Copy the series recorded so far into `dest` (a checkpoint).
    void copy_history(h5::File& dest);
    //! Take the series of a checkpoint's first weeks as this run's own.
    void restore_history(const h5::File& src);

private:
    void create_layout(const Model& model, std::size_t steps);
    void write_metadata(const Model& model);
    void flush_block();
    //! Every per-step dataset, in a fixed order.
    std::vector<std::string> series_paths() const;

    std::unique_ptr<PendingFile> pending_;
    std::unique_ptr<h5::File> file_;
    std::size_t communities_, streets_, block_rows_;
    std::size_t rows_written_ = 0, rows_buffered_ = 0;
    std::vector<std::vector<double>> city_, community_, street_;  //!< per metric: block x columns
    std::vector<double> city_trust_, community_trust_;
};

//! Write the per-agent state of `model` under /snapshot of an open file.
void write_snapshot(h5::File& file, const Model& model);

//! The scenarios a run went through (/segments: scenario TOML and first week).
void write_segments(h5::File& file, const std::vector<Segment>& segments);
std::vector<Segment> read_segments(const h5::File& file);

}  // namespace cogov
