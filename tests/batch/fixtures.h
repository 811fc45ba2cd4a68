// Small sweeps for the sweep tests.
#pragma once

#include <string>

#include "cogov/batch/sweep.h"

namespace cogov::test {

//! The baseline shrunk to a quick size, as a sweep file's [set] table.
inline const char* const SMALL_SET = R"([set]
"time.steps" = 12
"city.communities" = 3
"city.streets" = 1
"city.residents_per_community" = 200
"grid.households_per_cell" = 30
)";

//! A factorial sweep of 6 points x 2 replicates; points 3..5 are refused
//! (shares above one), so it has failed runs too.
inline std::string factorial_sweep_text()
{
    return std::string("name = \"small\"\nseed = 11\nreplicates = 2\n") + SMALL_SET + R"(
[design]
type = "factorial"

[parameters]
"residents.share_elderly" = [0.2, 0.9]
"trust.a_gain" = [0.02, 0.05, 0.1]

[record]
series = ["participation_rate", "trust.residents.government"]
final = ["backlog", "issues_resolved"]
mean = ["resolution_rate"]
last_weeks = 4
)";
}

}  // namespace cogov::test
