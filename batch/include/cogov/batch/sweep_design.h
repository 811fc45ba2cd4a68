// Sweep designs: full factorial, Latin hypercube, Sobol' (Saltelli),
// Morris trajectories and designs read from CSV.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "cogov/batch/sweep.h"

namespace cogov {

//! Every combination of the parameters' value lists; the first parameter
//! varies slowest.
Design factorial_design(const std::vector<SweepParameter>& params);

//! `n` points, one per stratum of every parameter's range.
Design latin_hypercube_design(const std::vector<SweepParameter>& params, std::size_t n, std::uint64_t seed);

//! Saltelli's scheme for first-order and total Sobol' indices (no second
//! order): N base samples from a 2k-dimensional Sobol' sequence (points
//! 1..N; the origin is skipped), A = its first k columns, B = the last k.
//! Each base sample j gives k + 2 consecutive points: A_j, AB_j^1 ..
//! AB_j^k (A_j with column i taken from B_j), B_j, the layout SALib's
//! sobol.analyze expects with calc_second_order=False. k <= 32.
Design saltelli_design(const std::vector<SweepParameter>& params, std::size_t n);

//! Morris's elementary-effects design: `r` trajectories of k + 1 points on
//! a grid of `levels` (even) levels; each step moves one parameter by
//! delta = levels / (2 (levels - 1)) up or down.
Design morris_design(const std::vector<SweepParameter>& params, std::size_t r, std::int64_t levels, std::uint64_t seed);

//! A design matrix from a CSV file: a header of parameter keys, then one
//! row of values per point. Problems are located at file:line:column.
//! Throws ScenarioError.
std::pair<std::vector<SweepParameter>, Design> csv_design(const std::string& path);

//! `n` points of the unscrambled Sobol' sequence (points 1..n; the origin
//! is skipped), one column per parameter.
Design sobol_points_design(const std::vector<SweepParameter>& params, std::size_t n);

//! An experiment: every lever combination (rows of `levers`) in every
//! future (rows of `futures`); point f * L + l, group f, role l.
Design experiment_design(const Design& futures, const Design& levers);

//! A unit-interval sample as a value of the parameter's type within its
//! sweep range (integers: equal-width bins; booleans: true from 0.5 up).
double unit_to_value(const SweepParameter& param, double u);

}  // namespace cogov
