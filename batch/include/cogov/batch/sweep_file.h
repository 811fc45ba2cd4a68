// The sweep output file: one writer, one reader, one layout
// (docs/output-schema.md, "Sweep files").
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cogov/sim/compare.h"
#include "cogov/batch/sweep.h"
#include "cogov/batch/sweep_record.h"

namespace cogov {

class PendingFile;

constexpr const char* SWEEP_FORMAT = "cogov-sweep";
constexpr std::int64_t SWEEP_FORMAT_VERSION = 1;

namespace h5 {
class File;
}

//! Writes a sweep file from records given in run order (0, 1, 2, ...),
//! buffering a block of rows at a time, so memory does not grow with the
//! number of runs. Data go to a hidden temporary file renamed into place
//! by finish(); a writer destroyed before finish() removes it.
class SweepWriter {
public:
    //! `replace`: finish() may replace an existing file (PendingFile).
    SweepWriter(const std::string& path, const Sweep& sweep, const Shard& shard, bool replace);
    ~SweepWriter();
    SweepWriter(const SweepWriter&) = delete;
    SweepWriter& operator=(const SweepWriter&) = delete;

    //! The next run's record (status missing for a run not done).
    void add(const RunRecord& record);
    //! Write the counts, close and rename into place. Every run must have
    //! been added.
    void finish(double wall_seconds);

    std::size_t done() const { return done_; }
    std::size_t failed() const { return failed_; }

private:
    void create_layout();
    void write_design();
    void write_metadata();
    void flush_block();
    //! Effect sweeps: collect a point's records; when its last replicate
    //! comes, keep each arm's paired statistics against the base.
    void add_to_point(const RunRecord& record);
    void write_point_effects();
    void write_experiment();
    std::string mean_window_text() const;
    std::string resolve_window_text() const;

    std::unique_ptr<PendingFile> pending_;  // declared before file_: closed after it
    const Sweep& sweep_;
    Shard shard_;
    std::unique_ptr<h5::File> file_;
    std::size_t block_rows_, next_ = 0, done_ = 0, failed_ = 0;
    std::vector<RunRecord> block_;
    std::vector<std::vector<double>> point_values_;  //!< the current point's ok records
    std::vector<PairedDifference> point_effects_;    //!< per point, arm, summary
    std::vector<std::int64_t> point_pairs_;          //!< replicates behind each
};

//! Reads a sweep file: the sweep it describes and its run records.
class SweepReader {
public:
    //! Throws h5::Error for a missing, foreign or newer-format file.
    explicit SweepReader(const std::string& path);
    ~SweepReader();

    const Sweep& sweep() const { return sweep_; }
    const std::string& path() const { return path_; }
    std::string shard() const;
    bool complete() const;
    //! A run's status and record; fastest in increasing run order.
    RunStatus status(std::size_t run);
    RunRecord record(std::size_t run);

private:
    void load_block(std::size_t run);

    std::string path_;
    std::unique_ptr<h5::File> file_;
    Sweep sweep_;
    std::size_t block_rows_, block_first_ = SIZE_MAX;
    std::vector<RunRecord> block_;
};

//! Join sweep files of one sweep (shards, or partial files) into one file
//! identical to a single-process sweep's. A run present in several inputs
//! is taken from the first. Throws RequestError when the inputs belong to
//! different sweeps or some runs are in none of them.
struct MergeResult {
    std::size_t runs = 0, failed = 0;
};
MergeResult merge_sweep_files(const std::vector<std::string>& inputs, const std::string& output, bool force);

}  // namespace cogov
