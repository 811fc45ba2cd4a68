// Scenario: the validated, immutable description of one experiment.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cogov/sim/human.h"
#include "cogov/sim/params.h"

namespace cogov {

//! Thrown when scenario input is refused; holds every problem found.
class ScenarioError : public std::runtime_error {
public:
    explicit ScenarioError(std::vector<Diagnostic> diagnostics);
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

private:
    std::vector<Diagnostic> diagnostics_;
};

//! A parameter change scheduled at the start of a step.
struct Event {
    std::int64_t step = 0;  //!< 1-based step the changes apply before
    std::string note;       //!< what the event stands for, e.g. "burden cut"
    std::vector<std::pair<const ParamSpec*, ParamValue>> sets;
    Origin origin;
};

//! A fully resolved scenario: parameters at step 0 plus scheduled events.
struct Scenario {
    std::string name = "baseline";
    std::string description;
    std::string source = "<built-in baseline>";  //!< file it was loaded from
    Params params;
    std::vector<Event> events;     //!< sorted by step, file order within a step
    std::vector<HumanMove> moves;  //!< players' moves ([[human]]), sorted by step, file order within a step
    std::vector<Origin> origins;   //!< where each parameter's value came from

    //! Self-contained TOML (no base, every parameter, every event) that
    //! loads back to an identical scenario. Stored in every output file.
    std::string to_toml() const;
};

//! Parse `key=value` overrides (value in TOML syntax) on top of a scenario.
using Overrides = std::vector<std::string>;

//! The deepest `base` chain a scenario may have (the file itself counts as
//! one): deeper chains are refused, whether read from disk or from the
//! segments stored in an output file.
constexpr std::size_t MAX_BASE_DEPTH = 32;
//! The largest scenario file read (1 MiB); only regular files are read.
constexpr std::size_t MAX_SCENARIO_BYTES = std::size_t{1} << 20;

//! Load a scenario file, following `base = "..."` chains, then apply
//! overrides and validate everything. Throws ScenarioError.
Scenario load_scenario_file(const std::string& path, const Overrides& overrides = {});

//! Load scenario text; `source_name` labels diagnostics and resolves a
//! relative `base` (its directory). Throws ScenarioError.
Scenario load_scenario_text(std::string_view text, const std::string& source_name, const Overrides& overrides = {});

//! The built-in baseline (the parameter table's defaults), with overrides.
Scenario builtin_baseline(const Overrides& overrides = {});

//! Every problem of a resolved scenario: events outside the run, and
//! combinations at the start and after each event.
std::vector<Diagnostic> check_scenario(const Scenario& scenario);

//! A scenario with parameters set from the start (as --set would, located
//! at `where`), validated like a loaded one. Throws ScenarioError.
Scenario with_values(const Scenario& base, const std::vector<std::pair<const ParamSpec*, ParamValue>>& values,
                     const Origin& where);

//! Problems with combinations of values (more grid workers than residents,
//! shares summing past one, ...), located at the values' origins.
std::vector<Diagnostic> check_combinations(const Params& p, const std::vector<Origin>& origins);

}  // namespace cogov
