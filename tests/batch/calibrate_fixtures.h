// Small calibrations of cogov for the calibration tests: a quick city,
// targets written at known parameter values, calibration files.
#pragma once

#include <string>
#include <vector>

#include "cogov/batch/calibrate_targets.h"
#include "support.h"

namespace cogov::test {

//! A quick city for calibration tests, as a calibration file's [set] table.
inline std::string calib_set(std::int64_t steps, std::int64_t communities = 3, std::int64_t residents = 200)
{
    return "[set]\n\"time.steps\" = " + std::to_string(steps) +
           "\n\"city.communities\" = " + std::to_string(communities) +
           "\n\"city.streets\" = 1\n\"city.residents_per_community\" = " + std::to_string(residents) +
           "\n\"grid.households_per_cell\" = 30\n";
}

//! A target file of the pack's schema (data/targets/README.md).
std::string target_text(const Target& t);

//! The mean over `seeds` runs of each target's statistic in `scenario`.
std::vector<double> statistics_at(const Scenario& scenario, const std::vector<Target>& targets, int seeds);

}  // namespace cogov::test
