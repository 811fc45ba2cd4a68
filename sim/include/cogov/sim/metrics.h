// Per-step counters and the output metrics derived from them (metrics.def).
#pragma once

#include <array>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include "cogov/sim/actors.h"

namespace cogov {

//! Counters a phase accumulates; see metrics.def.
enum Counter : std::size_t {
#define COGOV_COUNTER(name) C_##name,
#define COGOV_METRIC(name, num, den, unit, doc)
#include "cogov/sim/metrics.def"
#undef COGOV_COUNTER
#undef COGOV_METRIC
    COUNTER_COUNT
};

//! One community's tallies for one step.
struct Counters {
    std::array<double, COUNTER_COUNT> value{};
    //! Sum of truster-type entities' trust (row) toward each trustee type (column).
    Eigen::Matrix<double, ACTORS, ACTORS, Eigen::RowMajor> trust_sum =
        Eigen::Matrix<double, ACTORS, ACTORS, Eigen::RowMajor>::Zero();
    //! Number of entities of each truster type that were summed.
    Eigen::Array<double, ACTORS, 1> trusters = Eigen::Array<double, ACTORS, 1>::Zero();

    double& operator[](Counter c) { return value[c]; }
    double operator[](Counter c) const { return value[c]; }
    void clear() { *this = Counters{}; }
    Counters& operator+=(const Counters& other);
    //! Mean trust of truster type `a` toward trustee type `b`; NaN when there
    //! is no truster of that type (e.g. no active social organization).
    double trust(int a, int b) const
    {
        return trusters[a] > 0 ? trust_sum(a, b) / trusters[a] : std::numeric_limits<double>::quiet_NaN();
    }
};

//! One output series.
struct MetricSpec {
    std::string_view name;
    Counter numerator;
    Counter denominator;  //!< C_one for plain counts
    std::string_view unit;
    std::string_view meaning;
    double value(const Counters& c) const;
};

const std::vector<MetricSpec>& metric_table();

//! Every city series by name: each metric of metrics.def, then the 25 trust
//! cells "trust.<truster>.<trustee>" (actor names, truster-major). What
//! comparisons keep and sweeps may record.
const std::vector<std::string>& series_names();
//! Index of a name in series_names(), or series_names().size() if none.
std::size_t series_index(std::string_view name);
//! Value of series `index` from a week's counters.
double series_value(const Counters& c, std::size_t index);
//! Unit and meaning of series `index`, for dataset attributes.
std::string series_unit(std::size_t index);
std::string series_meaning(std::size_t index);

//! Street-level series, written to /streets/<name>.
enum StreetCounter : std::size_t { S_leader_changes = 0, S_commitments_broken, STREET_COUNTER_COUNT };
struct StreetMetricSpec {
    std::string_view name, unit, meaning;
};
constexpr std::array<StreetMetricSpec, STREET_COUNTER_COUNT> STREET_METRICS = {{
    {"leader_changes", "changes", "Street leaders replaced this week"},
    {"commitments_broken", "changes", "New leaders who did not keep the predecessor's commitments"},
}};
using StreetCounters = std::array<double, STREET_COUNTER_COUNT>;

}  // namespace cogov
