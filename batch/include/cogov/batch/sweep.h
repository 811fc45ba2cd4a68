// Sweep: a validated batch of runs (base scenario, varied parameters,
// design, replicates, seeds, what to record). See docs/sweeps.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "cogov/sim/params.h"
#include "cogov/sim/scenario.h"
#include "cogov/sim/window.h"

namespace cogov {

enum class DesignType { factorial, latin_hypercube, sobol, morris, csv, experiment };

//! "factorial", "latin_hypercube", "sobol", "morris", "csv" or "experiment".
const char* design_name(DesignType type);

//! One varied parameter: a list of values (factorial) or a range (samplers).
struct SweepParameter {
    const ParamSpec* spec = nullptr;
    std::vector<ParamValue> levels;  //!< factorial only
    double min = 0, max = 0;         //!< samplers only; within the table's range
    Origin origin;
};

//! The design points and their structure, so that analysis can compute
//! indices. Matrices are row-major, points x parameters.
struct Design {
    DesignType type = DesignType::factorial;
    std::size_t k = 0;                  //!< parameters
    std::size_t n = 0;                  //!< LHS points, Saltelli base samples N, Morris trajectories r
    std::int64_t levels = 0;            //!< Morris grid levels p (0 otherwise)
    double delta = 0;                   //!< Morris step in unit space, p / (2 (p - 1))
    std::vector<double> unit;           //!< points x k in [0, 1]: the sample (factorial: level/(levels-1); csv: NaN)
    std::vector<double> values;         //!< points x k, the parameter values (booleans 0/1)
    std::vector<std::int64_t> group;    //!< Saltelli base sample j, Morris trajectory, else the point
    std::vector<std::int64_t> role;     //!< Saltelli 0 = A, i = AB_i (1..k), k+1 = B; Morris step; else 0
    std::vector<std::int64_t> changed;  //!< Morris: parameter changed from the previous point (-1 none)

    std::size_t points() const { return k == 0 ? (group.empty() ? 1 : group.size()) : values.size() / k; }
    double value(std::size_t point, std::size_t param) const { return values[point * k + param]; }
};

//! What each run keeps, by output series name: a metric of metrics.def or
//! a trust cell "trust.<truster>.<trustee>" (actor names).
struct RecordSpec {
    std::vector<std::string> series;  //!< full weekly city series
    std::vector<std::string> final;   //!< value at the last week
    std::vector<std::string> mean;    //!< mean over the last `last_weeks` weeks, or over `window`
    std::int64_t last_weeks = 52;
    Window window;  //!< when set ("53:312", "after:NOTE"), the weeks the means cover
};

//! An outcome of an experiment (the M of XLRM): a recorded summary
//! ("mean.<name>" or "final.<name>"), the direction that is better and an
//! optional threshold a satisficing choice must meet.
struct OutcomeGoal {
    std::string name;
    bool maximise = true;
    double threshold = 0;
    bool has_threshold = false;
};

//! An experiment in the XLRM form: uncertainties (X, sampled into futures),
//! levers (L, every combination run in every future) and outcomes (M).
//! Design point p is future p / combinations, lever combination
//! p % combinations (/design/group and /design/role).
struct Experiment {
    std::vector<std::string> uncertainties, levers;  //!< parameter keys, in design-matrix column order
    std::vector<OutcomeGoal> outcomes;
    std::size_t futures = 0, combinations = 1;
    std::string sampling;  //!< "latin_hypercube", "sobol" or "csv" (e.g. a calibration posterior)

    bool active() const { return !uncertainties.empty() || !levers.empty(); }
};

//! One arm of an effect sweep: a policy variant run at every design point
//! and replicate on the same seed as the base arm (common random numbers).
struct SweepArm {
    std::string name;
    Scenario scenario;  //!< the arm's scenario with the sweep's [set] and the arm's own set applied
    std::string toml;   //!< scenario.to_toml(), cached
};

//! A fully resolved sweep.
struct Sweep {
    std::string source = "<sweep>";  //!< file the sweep was read from
    std::string text;                //!< that file's text (provenance)
    std::string name;
    Scenario base;          //!< base scenario with the sweep's [set] applied
    std::string base_toml;  //!< base.to_toml(), cached
    std::vector<SweepParameter> parameters;
    Design design;
    std::int64_t replicates = 1;
    std::uint64_t seed = 1;
    bool common_seeds = false;  //!< same seeds at every design point (common random numbers)
    RecordSpec record;
    //! Policy arms beyond the base (empty: a sweep of levels). Every run
    //! runs the base and then each arm on one seed, and records them all.
    std::vector<SweepArm> arms;
    std::string base_arm = "base";  //!< the base arm's name in an effect sweep
    Experiment experiment;          //!< set when the file has [uncertainties] or [levers]
    std::int64_t max_steps = 0;     //!< longest run: the series length
    std::uint64_t id = 0;           //!< fingerprint of everything that decides the results

    std::size_t points() const { return design.points(); }
    std::size_t runs() const { return points() * static_cast<std::size_t>(replicates); }
    std::size_t point_of(std::size_t run) const { return run / static_cast<std::size_t>(replicates); }
    std::int64_t replicate_of(std::size_t run) const { return static_cast<std::int64_t>(run) % replicates; }
    //! The run's seed, from (sweep seed, design point, replicate); 63 bits so
    //! `cogov run --seed` takes it.
    std::uint64_t run_seed(std::size_t run) const;
    //! The parameter values of a design point, in parameter order.
    std::vector<std::pair<const ParamSpec*, ParamValue>> values_for(std::size_t point) const;
    //! The same as `key=value` text (cogov run --set).
    Overrides overrides_for(std::size_t point) const;
    //! The scenario of a design point. Throws ScenarioError (the run fails).
    Scenario scenario_for(std::size_t point) const;
    //! The scenario of arm `arm` (0 = the base) at a design point.
    Scenario scenario_for(std::size_t point, std::size_t arm) const;
    //! Arms run per run: 1 + arms.size().
    std::size_t arm_count() const { return 1 + arms.size(); }
    //! Name of arm `arm` (0 = the base).
    const std::string& arm_name(std::size_t arm) const { return arm == 0 ? base_arm : arms[arm - 1].name; }
};

//! Read and validate a sweep file; every problem found is reported with
//! file:line:column, as for scenarios. Throws ScenarioError.
Sweep load_sweep_file(const std::string& path);
Sweep load_sweep_text(const std::string& text, const std::string& source_name);

//! Replace a sweep's window (cogov sweep --window), checking it against the
//! base and arm scenarios; the fingerprint changes with it. Throws RequestError.
void set_sweep_window(Sweep& sweep, const std::string& text);

//! The fingerprint of what decides a sweep's results (base scenario,
//! design, seeds, replicates, records). Files of one sweep share it.
std::uint64_t sweep_fingerprint(const Sweep& sweep);

//! Run ids in execution order: replicate by replicate, and within a
//! replicate the design points in bit-reversed order, so any prefix is an
//! even sample of the design.
std::vector<std::size_t> run_order(const Sweep& sweep);

//! A slice of the runs: shard I of N takes every N-th run of run_order().
struct Shard {
    std::size_t index = 1;  //!< 1-based
    std::size_t count = 1;
    bool whole() const { return count == 1; }
    std::string text() const { return std::to_string(index) + "/" + std::to_string(count); }
};
//! Parse "I/N" (1 <= I <= N). Throws std::invalid_argument.
Shard parse_shard(const std::string& text);
//! The runs of one shard, in execution order.
std::vector<std::size_t> shard_runs(const Sweep& sweep, const Shard& shard);

}  // namespace cogov
