// Running a scenario to an output file: the API the command, tests,
// benchmarks and sweeps share.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>

#include "cogov/sim/checkpoint.h"
#include "cogov/sim/metrics.h"
#include "cogov/sim/model.h"
#include "cogov/sim/scenario.h"

namespace cogov {

//! How to run (apart from what the scenario describes).
struct RunConfig {
    std::uint64_t seed = 1;
    int threads = 1;                 //!< changes speed only, never results
    std::string output;              //!< HDF5 path; empty: run without writing
    bool force = false;              //!< replace an existing output file
    bool snapshot = false;           //!< add the final per-agent state
    std::int64_t checkpoint_at = 0;  //!< save a checkpoint after this week (0: none)
    std::string checkpoint;          //!< where to save it
};

struct RunResult {
    Counters city;  //!< the final step's city-wide tallies
    std::int64_t steps = 0;
    double wall_seconds = 0;
};

//! Thrown when a run is stopped through its stop flag; nothing was written.
class Interrupted : public std::runtime_error {
public:
    Interrupted() : std::runtime_error("interrupted; no output was written") {}
};

//! What a caller can do about a refused request. The engine names no
//! command-line flags: the command line phrases each remedy with its own.
enum class Remedy {
    none,
    replace,            //!< the output exists: replace it (RunConfig::force)
    resume_or_replace,  //!< an interrupted sweep's journal exists: resume it or start over
};

//! Thrown for a request refused before running (e.g. the output exists);
//! nothing was written. The message names files and settings, not flags.
class RequestError : public std::runtime_error {
public:
    explicit RequestError(const std::string& what, Remedy remedy = Remedy::none)
        : std::runtime_error(what), remedy_(remedy)
    {
    }
    Remedy remedy() const { return remedy_; }

private:
    Remedy remedy_;
};

//! Refuse an output path that exists (without force) or whose folder is missing.
void check_output_path(const std::string& path, bool force);

using StepCallback = std::function<void(const Model&)>;

//! Run a scenario to the end. `on_step` sees the model after every step;
//! setting `*stop` ends the run with Interrupted and leaves no output file.
RunResult run(const Scenario& scenario, const RunConfig& config, const StepCallback& on_step = {},
              const std::atomic<bool>* stop = nullptr);

//! Run from week 1 through a sequence of scenarios (a branched run's
//! history, see Model::rebase): the first segment's, then each next one's
//! from its start week. `config.seed` is the run's seed.
RunResult run_segments(const std::vector<Segment>& plan, const RunConfig& config, const StepCallback& on_step = {},
                       const std::atomic<bool>* stop = nullptr);

//! Continue a checkpoint (checkpoint.h) to the end under `scenario`: the
//! checkpoint's own scenario continues it exactly; another one branches.
//! Its seed is the checkpoint's. The output holds the whole run.
RunResult run_from_checkpoint(Checkpoint checkpoint, const Scenario& scenario, const RunConfig& config,
                              const StepCallback& on_step = {}, const std::atomic<bool>* stop = nullptr);

//! What a run file says about the run that made it.
struct RunFileInfo {
    std::string format;
    std::int64_t format_version = 0;
    std::string cogov_version, git_commit, created;
    std::uint64_t seed = 0;
    std::int64_t steps = 0;
    double wall_seconds = 0;
    std::string scenario_name, scenario_toml;
};

//! Read and check a run file's root attributes. Throws h5::Error for a
//! missing, foreign or newer-format file.
RunFileInfo read_run_info(const std::string& path);

//! The scenario stored in a run file, loaded back exactly.
Scenario scenario_from_run(const RunFileInfo& info, const std::string& path);

}  // namespace cogov
