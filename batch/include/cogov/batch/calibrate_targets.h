// Empirical targets (data/targets/, README there): loading, the statistic
// of a run's series, and the distance of a calibration.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cogov/sim/scenario.h"

namespace cogov {

enum class TargetStatistic { mean, slope_per_year };

//! One target file of the pack.
struct Target {
    std::string id, title, kind;           //!< kind: "empirical" or "assumed"
    std::string file;                      //!< where it was read from
    std::string scenario;                  //!< model.scenario (a library scenario name)
    std::string series;                    //!< model.series (a recordable name)
    std::vector<std::string> denominator;  //!< model.denominator (optional)
    TargetStatistic statistic = TargetStatistic::mean;
    std::int64_t first = 1, last = 1;     //!< model.window, weeks, inclusive, 1-based
    double estimate = 0, lo = 0, hi = 0;  //!< value.estimate, value.interval
    Origin origin;                        //!< where the calibration named it

    //! The series a run must record for this target (series, then denominators).
    std::vector<std::string> needed() const;
};

//! Read `dir`/`id`.toml; every problem is reported at file:line:column.
//! Throws ScenarioError.
Target load_target(const std::string& dir, const std::string& id, const Origin& named_at);

//! The statistic of one run (README "Statistics"). `series[j]` is the
//! weekly series of needed()[j], row w-1 = week w. NaN when undefined (a
//! zero denominator): the run scores as a miss.
double target_statistic(const Target& target, const std::vector<const double*>& series);

//! z = (s - estimate) / h, h the half-width of the interval on the side
//! where s falls.
double target_z(const Target& target, double s);

//! The calibration distance: the root mean square of z over targets;
//! infinity when any statistic is NaN.
double rms_distance(const std::vector<Target>& targets, const std::vector<double>& stats);

}  // namespace cogov
