// Running a calibration of cogov: candidate batches as sweeps on the sweep
// machinery (thread pool, journal, --resume, shards), the output file.
#pragma once

#include <atomic>
#include <functional>
#include <string>

#include "cogov/batch/calibration.h"
#include "cogov/batch/sweep.h"
#include "cogov/batch/sweep_record.h"

namespace cogov {

class MpiSweeps;

constexpr const char* CALIBRATION_FORMAT = "cogov-calibration";
constexpr std::int64_t CALIBRATION_FORMAT_VERSION = 1;

struct CalibrateConfig {
    std::string output;        //!< the calibration file to write
    int threads = 1;           //!< runs at once; changes speed, never results
    bool resume = false;       //!< continue from the work folder of an interrupted calibration
    bool force = false;        //!< replace an existing output and work folder
    Shard shard;               //!< this process's slice of every batch (Slurm arrays)
    MpiSweeps* mpi = nullptr;  //!< run every batch over these MPI ranks (every rank calls run_calibration)
    const std::atomic<bool>* stop = nullptr;
    std::function<void(const AbcProgress&)> on_progress;
};

struct CalibrateSummary {
    AbcResult result;
    bool interrupted = false;
    bool already_complete = false;
    double wall_seconds = 0;
    std::string work_dir;
};

//! The work folder of an output (".NAME.calibrate" beside it): one sweep
//! file (or journal) per batch of candidates.
std::string calibration_work_dir(const std::string& output);

//! The sweep that simulates one batch of candidates: a csv-type design of
//! the candidates' values, `replicates` runs each, seeded with
//! batch_seed(seed, generation, batch), recording the targets' series.
Sweep batch_sweep(const Calibration& calib, std::int64_t generation, std::int64_t batch,
                  const std::vector<Candidate>& candidates);

//! Each candidate's statistics (one per target, the mean over its
//! replicates) from the records of its runs; a failed run fails the candidate.
std::vector<Stats> batch_statistics(const Calibration& calib, const Sweep& sweep,
                                    const std::function<RunRecord(std::size_t run)>& record);

//! Run the calibration and write its file (shard 1 of N only, when sharded;
//! rank 0 only, over MPI).
//! Throws RequestError for an output or work folder the options do not
//! allow to continue or replace.
CalibrateSummary run_calibration(const Calibration& calib, const CalibrateConfig& config);

//! Write a calibration file (temporary name, renamed when complete).
void write_calibration(const std::string& path, const Calibration& calib, const AbcResult& result, double wall_seconds,
                       bool replace);

//! The final generation of a calibration file: parameter keys, particles
//! and weights, for drawing parameters in what-ifs.
struct Posterior {
    std::string path;
    std::vector<const ParamSpec*> parameters;
    std::vector<std::vector<double>> theta;  //!< [particle][parameter]
    std::vector<double> weights;
    std::uint64_t id = 0;  //!< the file's @calibration_id
    //! Draw r: a particle picked by weight from the stream (seed, r); INT
    //! parameters rounded. The same (seed, r) gives the same draw.
    std::vector<std::pair<const ParamSpec*, ParamValue>> draw(std::uint64_t seed, std::int64_t r) const;
    std::size_t draw_index(std::uint64_t seed, std::int64_t r) const;
};
//! Throws h5::Error for a missing, foreign or newer-format file.
Posterior read_posterior(const std::string& path);

//! A sweep design of `n` posterior draws: point r is Posterior::draw(seed, r)
//! of the calibration file at `path` (particles picked by weight, so the
//! design's spread is the posterior's), one column per calibrated parameter.
//! A file that cannot be read, or a value outside its parameter's range,
//! throws ScenarioError at `where` (key design.file).
std::pair<std::vector<SweepParameter>, Design> posterior_design(const std::string& path, std::size_t n,
                                                                std::uint64_t seed, const Origin& where);

//! The fingerprint of what decides a calibration's result, and as hex text
//! (the file's @calibration_id).
std::uint64_t calibration_fingerprint(const Calibration& calib);
std::string calibration_id(const Calibration& calib);

}  // namespace cogov
