// Paired comparison of scenarios on common random numbers.
//
// Replicate r of every arm runs with the same seed, derived from (compare
// seed, r): every arm draws the same numbers for the same purpose in the
// same community and week, so the difference between arms is the policy,
// not the dice.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "cogov/sim/scenario.h"
#include "cogov/sim/window.h"

namespace cogov {

//! How an outcome summarises series over a run: the last week's value, the
//! mean over weeks, the sum over weeks, or a ratio of sums over weeks.
enum class Summary { final, mean, total, ratio };

//! One key outcome of a run.
struct OutcomeSpec {
    std::string name;  //!< e.g. "mean.resolution_rate", "run.resolved_share"
    std::string meaning;
    std::string unit;  //!< of the summarised series (sums keep the weekly unit)
    Summary summary;
    std::vector<std::size_t> columns;      //!< series columns summed (indices into series_names())
    std::vector<std::size_t> denominator;  //!< for ratio: columns summed below the line
};

//! The outcomes reported by a comparison, in order.
const std::vector<OutcomeSpec>& outcome_table();

//! An outcome's meaning with the weeks it covers, e.g. "Share of issues
//! closed ..., mean over weeks 53-312 (from 'reform' in week 53)".
std::string outcome_meaning(const OutcomeSpec& outcome, const WeekRange& range, std::int64_t steps);

//! The outcomes of one run's series (rows as run_series gives them), means,
//! totals and ratios over `range`.
std::vector<double> summarise(const std::vector<std::vector<double>>& rows, const WeekRange& range);

//! One run's city series, a row per week in the order of series_names().
std::vector<std::vector<double>> run_series(const Scenario& scenario, std::uint64_t seed,
                                            const std::atomic<bool>* stop = nullptr);

struct CompareConfig {
    int replicates = 10;
    Window window;  //!< weeks the mean, total and ratio outcomes cover (default: the whole run)
    //! Replicate seeds to use instead of those derived from `seed` (one per
    //! replicate): a sweep's point is compared with its own seeds.
    std::vector<std::uint64_t> seeds;
    std::uint64_t seed = 1;
    int threads = 1;          //!< runs in parallel; results do not depend on it
    bool keep_series = true;  //!< keep every run's per-step series (for the file)
    //! Per replicate: parameter values set in every arm from the start (as
    //! --set would), e.g. draws from a calibration's posterior, the same
    //! draw for both arms. Empty: none; otherwise one entry per replicate.
    std::vector<std::vector<std::pair<const ParamSpec*, ParamValue>>> replicate_values;
    std::string replicate_values_source;  //!< where they came from (stored in the file)
};

//! One arm's results: outcomes[r][o] and, if kept, series[r][t][column].
struct ArmResult {
    Scenario scenario;
    std::vector<std::vector<double>> outcomes;
    std::vector<std::vector<std::vector<double>>> series;
};

//! Arm k against arm 0, per outcome.
struct PairedDifference {
    double mean_base = 0, mean_alternative = 0;
    double diff_mean = 0, diff_sd = 0, ci_low = 0, ci_high = 0;
    //! The 2.5% and 97.5% quantiles of the paired differences themselves:
    //! with per-replicate parameter draws, the effect's spread over the
    //! posterior (parameter uncertainty plus one run's noise).
    double diff_q025 = 0, diff_q975 = 0;
    //! 1 - Var(paired differences) / (Var(base) + Var(alternative)): the
    //! share of variance pairing removed compared with independent runs;
    //! NaN when the outcome does not vary.
    double variance_reduction = 0;
};

//! A PairedDifference member as files hold it: the dataset's name and the member.
struct DifferenceColumn {
    const char* name;
    double PairedDifference::*field;
    bool quantile;  //!< diff_q025 and diff_q975: written by comparisons, not by effect sweeps
};

//! Every PairedDifference column, in the files' order.
inline constexpr DifferenceColumn DIFFERENCE_COLUMNS[] = {
    {"mean_base", &PairedDifference::mean_base, false},
    {"mean_alternative", &PairedDifference::mean_alternative, false},
    {"diff_mean", &PairedDifference::diff_mean, false},
    {"diff_sd", &PairedDifference::diff_sd, false},
    {"ci_low", &PairedDifference::ci_low, false},
    {"ci_high", &PairedDifference::ci_high, false},
    {"diff_q025", &PairedDifference::diff_q025, true},
    {"diff_q975", &PairedDifference::diff_q975, true},
    {"variance_reduction", &PairedDifference::variance_reduction, false},
};

struct CompareResult {
    CompareConfig config;
    WeekRange range;                   //!< the weeks summarised (config.window resolved)
    std::vector<std::uint64_t> seeds;  //!< per replicate
    std::vector<ArmResult> arms;       //!< arm 0 is the base
    //! differences[k-1][o]: arm k against arm 0.
    std::vector<std::vector<PairedDifference>> differences;
    //! Optional: the same comparison at fixed parameters (simulation noise
    //! only), when `differences` come from per-replicate parameter draws.
    std::vector<std::vector<PairedDifference>> fixed_differences;
    double wall_seconds = 0;
};

//! The seed of replicate r (shared by all arms).
std::uint64_t replicate_seed(std::uint64_t seed, int replicate);

//! Paired statistics of alternative against base over replicates (95% t interval).
PairedDifference paired_difference(const std::vector<double>& base, const std::vector<double>& alternative);

//! Run every arm's replicates (same steps required) and compare each with arm 0.
//! `progress(done, total)` is called after each run; `stop` aborts with Interrupted.
CompareResult compare(const std::vector<Scenario>& arms, const CompareConfig& config,
                      const std::function<void(int, int)>& progress = {}, const std::atomic<bool>* stop = nullptr);

//! Format name and version of comparison files.
constexpr const char* COMPARE_FORMAT = "cogov-compare";
constexpr std::int64_t COMPARE_FORMAT_VERSION = 1;

//! Write a comparison to HDF5 (temporary name, renamed when complete).
void write_compare(const std::string& path, const CompareResult& result, bool replace);

}  // namespace cogov
