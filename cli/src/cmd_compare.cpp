// cogov compare: paired replicates of two or more scenarios.
#include <cmath>
#include <iomanip>
#include <thread>

#include "cogov/batch/calibrate_run.h"
#include "cogov/sim/compare.h"
#include "cogov/sim/run.h"
#include "cogov/sim/library.h"
#include "cogov/cli/options.h"
#include "cogov/cli/progress.h"

namespace cogov::cli {
namespace {

//! Outcomes printed by default (the file holds them all).
const char* const KEY_OUTCOMES[] = {"final.trust.residents.resident_committee",
                                    "final.trust.residents.government",
                                    "final.trust.residents.social_organization",
                                    "final.trust.social_organization.government",
                                    "run.resolved_share",
                                    "run.known_share",
                                    "mean.resolution_rate",
                                    "mean.resolution_time_mean",
                                    "mean.participation_rate",
                                    "mean.collaboration_index",
                                    "mean.committee_service_hours",
                                    "total.issues_discovered",
                                    "final.socorgs_active",
                                    "total.contracts_renewed"};

//! Does outcome o take one value in every arm and replicate (or none)?
bool never_changes(const CompareResult& result, std::size_t o)
{
    const double first = result.arms[0].outcomes[0][o];
    for (const auto& arm : result.arms)
        for (const auto& rep : arm.outcomes)
            if (rep[o] != first && !(std::isnan(rep[o]) && std::isnan(first))) return false;
    return true;
}

void print_table(std::ostream& os, const CompareResult& result, bool all)
{
    const auto& outcomes = outcome_table();
    for (std::size_t k = 0; k < result.differences.size(); ++k) {
        os << "\n'" << result.arms[k + 1].scenario.name << "' vs '" << result.arms[0].scenario.name << "' ("
           << result.config.replicates << " paired replicates, 95% CI; means, totals and shares over "
           << result.range.text(result.arms[0].scenario.params.time_steps) << ")\n"
           << "  " << std::left << std::setw(44) << "outcome" << std::right << std::setw(11) << "base" << std::setw(11)
           << "alt" << std::setw(11) << "diff" << std::setw(25) << "95% CI" << std::setw(10) << "var.red."
           << "\n";
        for (std::size_t o = 0; o < outcomes.size(); ++o) {
            if (!all && std::find_if(std::begin(KEY_OUTCOMES), std::end(KEY_OUTCOMES),
                                     [&](const char* n) { return outcomes[o].name == n; }) == std::end(KEY_OUTCOMES))
                continue;
            if (all && never_changes(result, o)) continue;  // --all: every outcome that changes
            const PairedDifference& d = result.differences[k][o];
            std::ostringstream ci;
            ci << std::setprecision(4) << "[" << d.ci_low << ", " << d.ci_high << "]";
            const bool clear = d.ci_low > 0 || d.ci_high < 0;
            os << "  " << std::left << std::setw(44) << outcomes[o].name << std::right << std::setprecision(4)
               << std::setw(11) << d.mean_base << std::setw(11) << d.mean_alternative << std::setw(11) << d.diff_mean
               << std::setw(25) << ci.str();
            if (std::isnan(d.variance_reduction)) os << std::setw(10) << "-";
            else os << std::setw(9) << std::fixed << std::setprecision(0) << 100 * d.variance_reduction << "%";
            os << (clear ? " *" : "") << std::defaultfloat << "\n";
        }
    }
    os << "\n* the 95% interval excludes zero. var.red.: variance removed by pairing on common random numbers.\n"
       << (all ? "--all: outcomes with one value in every arm and replicate are left out.\n" : "");
}

//! With posterior draws: the effect at fixed parameters (simulation noise
//! only) and over the posterior draws (with parameter uncertainty).
void print_posterior_table(std::ostream& os, const CompareResult& drawn, const CompareResult& fixed, bool all)
{
    const auto& outcomes = outcome_table();
    for (std::size_t k = 0; k < drawn.differences.size(); ++k) {
        os << "\n'" << drawn.arms[k + 1].scenario.name << "' vs '" << drawn.arms[0].scenario.name
           << "': at the posterior mean (" << fixed.config.replicates
           << " paired replicates, 95% CI: simulation noise only) and over " << drawn.config.replicates
           << " posterior draws (95% of the paired differences: with parameter uncertainty)\n"
           << "  " << std::left << std::setw(44) << "outcome" << std::right << std::setw(11) << "diff" << std::setw(25)
           << "95% CI, fixed" << std::setw(11) << "diff" << std::setw(25) << "95%, over draws"
           << "\n";
        for (std::size_t o = 0; o < outcomes.size(); ++o) {
            if (!all && std::find_if(std::begin(KEY_OUTCOMES), std::end(KEY_OUTCOMES),
                                     [&](const char* n) { return outcomes[o].name == n; }) == std::end(KEY_OUTCOMES))
                continue;
            const PairedDifference &f = fixed.differences[k][o], &d = drawn.differences[k][o];
            std::ostringstream a, b;
            a << std::setprecision(4) << "[" << f.ci_low << ", " << f.ci_high << "]";
            b << std::setprecision(4) << "[" << d.diff_q025 << ", " << d.diff_q975 << "]";
            os << "  " << std::left << std::setw(44) << outcomes[o].name << std::right << std::setprecision(4)
               << std::setw(11) << f.diff_mean << std::setw(25) << a.str() << std::setw(11) << d.diff_mean
               << std::setw(25) << b.str() << "\n";
        }
    }
}

//! Replicate r's parameters: draw r of the posterior (all the same with `mean`).
std::vector<std::vector<std::pair<const ParamSpec*, ParamValue>>> posterior_values(const Posterior& post,
                                                                                   std::uint64_t seed, int replicates,
                                                                                   bool mean)
{
    std::vector<std::pair<const ParamSpec*, ParamValue>> at_mean;
    for (std::size_t j = 0; j < post.parameters.size(); ++j) {
        std::vector<double> x;
        for (const auto& t : post.theta) x.push_back(t[j]);
        const double m = summarise(x, post.weights).mean;
        if (post.parameters[j]->type == ParamType::integer)
            at_mean.emplace_back(post.parameters[j], static_cast<std::int64_t>(std::llround(m)));
        else at_mean.emplace_back(post.parameters[j], m);
    }
    std::vector<std::vector<std::pair<const ParamSpec*, ParamValue>>> out;
    for (int r = 0; r < replicates; ++r) out.push_back(mean ? at_mean : post.draw(seed, r));
    return out;
}

}  // namespace

int cmd_compare(const Args& args, Io& io)
{
    CommandLine cl("cogov compare BASE.toml ALT.toml [ALT2.toml ...] --replicates R -o CMP.h5 [options]",
                   "Run each scenario R times on common random numbers (replicate r of every\n"
                   "scenario uses the same seed) and report, for key outcomes, the mean paired\n"
                   "difference of each alternative from the base with a 95% confidence interval\n"
                   "and the variance reduction pairing achieved. Scenarios may be files or\n"
                   "library names (cogov list).");
    cl.options.add_options()("scenarios", po::value<std::vector<std::string>>()->composing(),
                             "scenario files (positional)")("replicates,r", po::value<int>()->default_value(10),
                                                            "paired replicates")(
        "seed", po::value<std::uint64_t>()->default_value(1),
        "comparison seed (replicate seeds derive from it)")("steps", po::value<std::int64_t>(),
                                                            "weeks to simulate in every arm")(
        "set", po::value<std::vector<std::string>>()->composing(),
        "override a parameter in every arm")("output,o", po::value<std::string>()->required(), "HDF5 file to write")(
        "threads", po::value<int>()->default_value(static_cast<int>(std::max(1u, std::thread::hardware_concurrency()))),
        "runs in parallel (results do not depend on it)")(
        "posterior", po::value<std::string>(),
        "calibration file (cogov calibrate): replicate r of every arm runs with "
        "draw r of its final generation; also runs the arms at the posterior mean")(
        "draws", po::value<int>(),
        "posterior draws (default: --replicates)")("no-series", "store outcomes only, not every run's weekly series")(
        "all",
        "print every outcome that changes (those with one value in every run are left out), not just the key ones")(
        "window", po::value<std::string>(),
        "weeks the mean, total and share outcomes cover: FIRST:LAST (e.g. 53:312), FIRST:, or\n"
        "after:EVENT_NOTE (from the week that scenario event takes effect); default the whole run")(
        "force", "replace an existing output file")("quiet,q", "no progress and no table");
    cl.positional.add("scenarios", -1);
    if (cl.parse(args, io)) return EXIT_OK;
    const auto files =
        cl.vm.count("scenarios") ? cl.vm["scenarios"].as<std::vector<std::string>>() : std::vector<std::string>{};
    if (files.size() < 2) throw UsageError("give a base scenario and at least one alternative");
    Overrides overrides;
    if (cl.vm.count("set")) overrides = cl.vm["set"].as<std::vector<std::string>>();
    if (cl.vm.count("steps")) overrides.push_back("time.steps=" + std::to_string(cl.vm["steps"].as<std::int64_t>()));
    std::vector<Scenario> arms;
    for (const auto& file : files) arms.push_back(load_scenario_file(resolve_scenario(file), overrides));
    const std::string output = checked_output(cl.vm["output"].as<std::string>());
    check_output_path(output, cl.vm.count("force") > 0);

    CompareConfig config;
    config.replicates = cl.vm["replicates"].as<int>();
    config.seed = cl.vm["seed"].as<std::uint64_t>();
    config.threads = checked_threads(cl.vm["threads"].as<int>());
    config.keep_series = cl.vm.count("no-series") == 0;
    if (cl.vm.count("window")) config.window = parse_window(cl.vm["window"].as<std::string>());
    const bool quiet = cl.vm.count("quiet") > 0;
    ProgressBar bar(io.err, io.err_is_terminal && !quiet, "runs");
    CompareResult fixed;
    if (cl.vm.count("posterior")) {
        const std::string path = cl.vm["posterior"].as<std::string>();
        const Posterior post = read_input([&] { return read_posterior(path); });
        CompareConfig at_mean = config;
        at_mean.replicate_values = posterior_values(post, config.seed, config.replicates, true);
        at_mean.replicate_values_source = path + " (posterior mean)";
        fixed = compare(
            arms, at_mean, [&](int done, int total) { bar.update(done, total); }, io.stop);
        config.replicates = cl.vm.count("draws") ? cl.vm["draws"].as<int>() : config.replicates;
        config.replicate_values = posterior_values(post, config.seed, config.replicates, false);
        config.replicate_values_source = path;
    }
    CompareResult result = compare(
        arms, config, [&](int done, int total) { bar.update(done, total); }, io.stop);
    bar.finish();
    result.fixed_differences = fixed.differences;
    write_compare(output, result, cl.vm.count("force") > 0);
    if (!quiet) {
        if (cl.vm.count("posterior")) print_posterior_table(io.out, result, fixed, cl.vm.count("all") > 0);
        else print_table(io.out, result, cl.vm.count("all") > 0);
        io.out << "written to " << output << " (" << std::fixed << std::setprecision(1) << result.wall_seconds
               << " s)\n";
    }
    return EXIT_OK;
}

}  // namespace cogov::cli
