// The run output file: one writer, one layout (docs/output-schema.md).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cogov/model.h"

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
    RunWriter(const std::string& path, const Model& model);
    ~RunWriter();
    RunWriter(const RunWriter&) = delete;
    RunWriter& operator=(const RunWriter&) = delete;

    //! Buffer the step just completed; full blocks go to disk.
    void record(const Model& model);
    //! Flush, write run attributes (and the per-agent snapshot if asked),
    //! close and rename into place.
    void finish(const Model& model, double wall_seconds, bool snapshot);


private:
    void create_layout(const Model& model);
    void write_metadata(const Model& model);
    void flush_block();

    std::unique_ptr<PendingFile> pending_;
    std::unique_ptr<h5::File> file_;
    std::size_t communities_, streets_, block_rows_;
    std::size_t rows_written_ = 0, rows_buffered_ = 0;
    std::vector<std::vector<double>> city_, community_, street_;  //!< per metric: block x columns
    std::vector<double> city_trust_, community_trust_;
};

//! Write the per-agent state of `model` under /snapshot of an open file.
void write_snapshot(h5::File& file, const Model& model);

}  // namespace cogov
