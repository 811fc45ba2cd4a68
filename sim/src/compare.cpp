// Paired comparisons: running arms on common random numbers, and statistics.
#include <algorithm>
#include "cogov/sim/compare.h"

#include <boost/math/distributions/students_t.hpp>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>

#include "cogov/sim/model.h"
#include "cogov/sim/rng.h"
#include "cogov/sim/run.h"

namespace cogov {
namespace {

std::size_t column_of(const std::string& name)
{
    const std::size_t i = series_index(name);
    if (i == series_names().size()) throw std::logic_error("no series " + name);
    return i;
}

std::vector<OutcomeSpec> build_outcomes()
{
    std::vector<OutcomeSpec> out;
    auto add = [&](Summary s, const std::string& column, const std::string& meaning) {
        const char* prefix = s == Summary::final ? "final." : s == Summary::mean ? "mean." : "total.";
        out.push_back({prefix + column, meaning, series_unit(column_of(column)), s, {column_of(column)}, {}});
    };
    auto ratio = [&](const std::string& name, const std::vector<std::string>& num, const std::vector<std::string>& den,
                     const std::string& meaning) {
        OutcomeSpec o{"run." + name, meaning, "share", Summary::ratio, {}, {}};
        for (const auto& c : num) o.columns.push_back(column_of(c));
        for (const auto& c : den) o.denominator.push_back(column_of(c));
        out.push_back(o);
    };
    ratio("resolved_share", {"issues_resolved"}, {"issues_raised"}, "Issues resolved per issue raised");
    ratio("known_share", {"issues_reported", "issues_discovered"}, {"issues_raised"},
          "Issues reported or discovered per issue raised");
    ratio("discovered_share", {"issues_discovered"}, {"issues_raised"},
          "Issues discovered by grid workers or meetings per issue raised");
    ratio("good_experience_share", {"good_experiences"}, {"good_experiences", "bad_experiences"},
          "Share of residents' experiences that were good");
    auto meaning = [](const std::string& metric) {
        for (const auto& m : metric_table())
            if (m.name == metric) return std::string(m.meaning);
        return metric;
    };
    for (const char* m : {"participation_rate", "socorgs_active", "contracts_active", "backlog", "socorg_reserves_mean",
                          "fee_collection_mean"})
        add(Summary::final, m, meaning(m));
    for (const char* m : {"participation_rate", "resolution_rate", "resolution_time_mean", "collaboration_index",
                          "committee_service_hours", "committee_admin_hours", "socorgs_active", "socorg_capacity_mean",
                          "priority_alignment"})
        add(Summary::mean, m, meaning(m));
    for (const char* m :
         {"issues_raised", "issues_reported", "issues_discovered", "issues_lapsed", "issues_resolved", "issues_bounced",
          "issues_abandoned", "contracts_started", "contracts_renewed", "contracts_dropped", "payments_late",
          "payments_defaulted", "socorgs_entered", "socorgs_exited", "socorg_investment", "volunteer_hours"})
        add(Summary::total, m, meaning(m));
    for (Summary s : {Summary::final, Summary::mean})
        for (int a = 0; a < ACTORS; ++a)
            for (int b = 0; b < ACTORS; ++b)
                add(s, std::string("trust.") + ACTOR_NAMES[a] + "." + ACTOR_NAMES[b],
                    std::string("Mean trust of ") + ACTOR_NAMES[a] + " in " + ACTOR_NAMES[b]);
    return out;
}

//! Sum over the weeks of `range` (and columns), skipping weeks with no value
//! (NaN trust of an absent actor type); `weeks` counts the weeks that had one.
double sum_over_run(const std::vector<std::vector<double>>& rows, const WeekRange& range,
                    const std::vector<std::size_t>& columns, std::size_t* weeks = nullptr)
{
    double v = 0;
    std::size_t n = 0;
    const auto first = static_cast<std::size_t>(range.first - 1);
    const auto last = std::min(rows.size(), static_cast<std::size_t>(range.last));
    for (std::size_t t = first; t < last; ++t) {
        const auto& row = rows[t];
        double week = 0;
        for (std::size_t c : columns) week += row[c];
        if (std::isnan(week)) continue;
        v += week;
        ++n;
    }
    if (weeks) *weeks = n;
    return v;
}

}  // namespace

std::vector<double> summarise(const std::vector<std::vector<double>>& rows, const WeekRange& range)
{
    std::vector<double> out;
    for (const auto& o : outcome_table()) {
        switch (o.summary) {
        case Summary::final: out.push_back(rows.back()[o.columns[0]]); break;
        case Summary::mean: {
            std::size_t weeks = 0;
            const double sum = sum_over_run(rows, range, o.columns, &weeks);
            out.push_back(weeks > 0 ? sum / double(weeks) : std::numeric_limits<double>::quiet_NaN());
            break;
        }
        case Summary::total: out.push_back(sum_over_run(rows, range, o.columns)); break;
        case Summary::ratio: {
            const double den = sum_over_run(rows, range, o.denominator);
            out.push_back(den > 0 ? sum_over_run(rows, range, o.columns) / den : 0.0);
        }
        }
    }
    return out;
}

namespace {

double variance(const std::vector<double>& x, double mean)
{
    double s = 0;
    for (double v : x) s += (v - mean) * (v - mean);
    return x.size() > 1 ? s / double(x.size() - 1) : 0.0;
}

}  // namespace

const std::vector<OutcomeSpec>& outcome_table()
{
    static const std::vector<OutcomeSpec> table = build_outcomes();
    return table;
}

std::string outcome_meaning(const OutcomeSpec& outcome, const WeekRange& range, std::int64_t steps)
{
    switch (outcome.summary) {
    case Summary::final: return outcome.meaning + ", in the last week (week " + std::to_string(steps) + ")";
    case Summary::mean: return outcome.meaning + ", mean over " + range.text(steps);
    case Summary::total: return outcome.meaning + ", summed over " + range.text(steps);
    default: return outcome.meaning + ", over " + range.text(steps);
    }
}

namespace {

//! The city series of `model` from where it stands to its last week.
std::vector<std::vector<double>> remaining_series(Model& model, const std::atomic<bool>* stop)
{
    std::vector<std::vector<double>> rows;
    rows.reserve(static_cast<std::size_t>(model.steps_total()));
    while (!model.finished()) {
        if (stop && stop->load()) throw Interrupted();
        model.step();
        const Counters k = model.city_counters();
        std::vector<double> row(series_names().size());
        for (std::size_t i = 0; i < row.size(); ++i) row[i] = series_value(k, i);
        rows.push_back(std::move(row));
    }
    return rows;
}

//! The arms in groups that share a burn-in, each group in arm order.
//! Library reforms are events from week 53, so a reform and its base
//! make one group, and each replicate runs their burn-in once.
std::vector<std::vector<int>> burn_in_groups(const std::vector<Scenario>& arms)
{
    std::vector<std::vector<int>> groups;
    for (int a = 0; a < static_cast<int>(arms.size()); ++a) {
        auto g = std::find_if(groups.begin(), groups.end(),
                              [&](const std::vector<int>& group) { return same_burn_in(arms[group[0]], arms[a]); });
        if (g == groups.end()) groups.push_back({a});
        else g->push_back(a);
    }
    return groups;
}

}  // namespace

std::vector<std::vector<double>> run_series(const Scenario& scenario, std::uint64_t seed, const std::atomic<bool>* stop)
{
    Model model(scenario, seed, 1);
    return remaining_series(model, stop);
}

std::uint64_t replicate_seed(std::uint64_t seed, int replicate)
{
    // Keep the seed below 2^63 so it survives an int64 HDF5 attribute.
    return mix64(seed ^ mix64(0x636f6d70617265ULL + static_cast<std::uint64_t>(replicate))) >> 1;
}

PairedDifference paired_difference(const std::vector<double>& base, const std::vector<double>& alternative)
{
    const std::size_t n = base.size();
    PairedDifference d;
    if (n == 0) return d;
    std::vector<double> diff(n);
    for (std::size_t r = 0; r < n; ++r) diff[r] = alternative[r] - base[r];
    d.mean_base = std::accumulate(base.begin(), base.end(), 0.0) / double(n);
    d.mean_alternative = std::accumulate(alternative.begin(), alternative.end(), 0.0) / double(n);
    d.diff_mean = d.mean_alternative - d.mean_base;
    const double var_d = variance(diff, d.diff_mean);
    d.diff_sd = std::sqrt(var_d);
    const double t = n > 1 ? boost::math::quantile(boost::math::students_t(double(n - 1)), 0.975) : 0.0;
    const double half = n > 1 ? t * d.diff_sd / std::sqrt(double(n)) : 0.0;
    d.ci_low = d.diff_mean - half;
    d.ci_high = d.diff_mean + half;
    std::sort(diff.begin(), diff.end());
    auto quantile = [&](double q) {  // linear interpolation between order statistics (numpy's default)
        const double h = q * double(n - 1);
        const auto lo = static_cast<std::size_t>(h);
        return lo + 1 < n ? diff[lo] + (h - double(lo)) * (diff[lo + 1] - diff[lo]) : diff[lo];
    };
    d.diff_q025 = quantile(0.025);
    d.diff_q975 = quantile(0.975);
    // Undefined (NaN) when the outcome does not vary beyond rounding.
    const double independent = variance(base, d.mean_base) + variance(alternative, d.mean_alternative);
    const double scale = d.mean_base * d.mean_base + d.mean_alternative * d.mean_alternative;
    d.variance_reduction = independent > 1e-20 * scale && independent > 0 ? 1.0 - var_d / independent
                                                                          : std::numeric_limits<double>::quiet_NaN();
    return d;
}

CompareResult compare(const std::vector<Scenario>& arms, const CompareConfig& config,
                      const std::function<void(int, int)>& progress, const std::atomic<bool>* stop)
{
    if (arms.size() < 2) throw RequestError("a comparison needs at least two scenarios");
    if (config.replicates < 2) throw RequestError("a comparison needs at least 2 replicates for a confidence interval");
    for (const auto& s : arms)
        if (s.params.time_steps != arms[0].params.time_steps)
            throw RequestError("scenario '" + s.name + "' runs " + std::to_string(s.params.time_steps) +
                               " weeks but '" + arms[0].name + "' runs " + std::to_string(arms[0].params.time_steps) +
                               ": compared scenarios must have the same time.steps");
    if (!config.replicate_values.empty() &&
        config.replicate_values.size() != static_cast<std::size_t>(config.replicates))
        throw RequestError("a comparison with per-replicate parameters needs one set per replicate");
    const auto start = std::chrono::steady_clock::now();
    CompareResult result;
    result.config = config;
    const int R = config.replicates, A = static_cast<int>(arms.size());
    if (!config.seeds.empty() && config.seeds.size() != static_cast<std::size_t>(R))
        throw RequestError("a comparison of " + std::to_string(R) + " replicates was given " +
                           std::to_string(config.seeds.size()) + " seeds");
    std::vector<const Scenario*> scenarios;
    for (const auto& s : arms) scenarios.push_back(&s);
    result.range = resolve_window(config.window, scenarios, arms[0].params.time_steps);
    for (int r = 0; r < R; ++r)
        result.seeds.push_back(config.seeds.empty() ? replicate_seed(config.seed, r) : config.seeds[size_t(r)]);
    result.arms.resize(arms.size());
    for (int a = 0; a < A; ++a) {
        result.arms[a].scenario = arms[a];
        result.arms[a].outcomes.resize(R);
        if (config.keep_series) result.arms[a].series.resize(R);
    }
    std::atomic<int> done{0};
    std::atomic<bool> failed{false};
    std::string failure;
    auto scenario_of = [&](int a, int r) {
        return config.replicate_values.empty()
                   ? arms[a]
                   : with_values(arms[a], config.replicate_values[r], Origin{config.replicate_values_source, 0, 0});
    };
    // A job is one replicate of one group of arms that share a burn-in: it
    // runs the burn-in once and each arm from a copy of its state (the same
    // numbers as a run of its own, tests/sim/test_compare.cpp). Each job
    // writes only its own slots.
    const std::vector<std::vector<int>> groups = burn_in_groups(arms);
    const int G = static_cast<int>(groups.size());
#pragma omp parallel for schedule(dynamic, 1) num_threads(std::max(1, config.threads))
    for (int job = 0; job < G * R; ++job) {
        const std::vector<int>& group = groups[static_cast<std::size_t>(job % G)];
        const int r = job / G;
        std::optional<Model> first;
        State burned;
        for (std::size_t i = 0; i < group.size() && !failed; ++i) {
            const int a = group[i];
            try {
                if (i == 0) {
                    first.emplace(scenario_of(a, r), result.seeds[r], 1);
                    if (group.size() > 1) burned = first->state();
                }
                Model branch =
                    i == 0 ? std::move(*first) : Model({Segment{scenario_of(a, r), 1}}, result.seeds[r], 1, burned);
                auto rows = remaining_series(branch, stop);
                result.arms[a].outcomes[r] = summarise(rows, result.range);
                if (config.keep_series) result.arms[a].series[r] = std::move(rows);
            } catch (const std::exception& e) {
#pragma omp critical(cogov_compare_failure)
                if (!failed.exchange(true)) failure = e.what();
                break;
            }
            const int finished = ++done;
#pragma omp critical(cogov_compare_progress)
            if (progress) progress(finished, A * R);
        }
    }
    if (stop && stop->load()) throw Interrupted();
    if (failed) throw std::runtime_error("a comparison run failed: " + failure);
    const std::size_t O = outcome_table().size();
    for (int a = 1; a < A; ++a) {
        std::vector<PairedDifference> diffs;
        for (std::size_t o = 0; o < O; ++o) {
            std::vector<double> base(R), alt(R);
            for (int r = 0; r < R; ++r) base[r] = result.arms[0].outcomes[r][o], alt[r] = result.arms[a].outcomes[r][o];
            diffs.push_back(paired_difference(base, alt));
        }
        result.differences.push_back(std::move(diffs));
    }
    result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

}  // namespace cogov
