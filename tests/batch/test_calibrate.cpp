// cogov calibrate on cogov itself: thread invariance, recovery of known
// parameter values, reproducible particles, refused calibration files.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "calibrate_fixtures.h"
#include "cogov/batch/calibrate_run.h"
#include "cogov/sim/compare.h"
#include "cogov/sim/h5.h"
#include "cogov/sim/metrics.h"

using namespace cogov;
namespace fs = std::filesystem;

namespace {

struct Truth {
    const char* key;
    double value;
    const char* prior;  //!< the prior's TOML
};

//! The recovery problem: three parameters, each with a target it moves.
const Truth TRUTH[] = {
    {"trust.a_gain", 0.08, "{ prior = \"log_uniform\", min = 0.01, max = 0.5 }"},
    {"handling.committee_quality", 0.6, "{ prior = \"uniform\", min = 0.2, max = 1.0 }"},
    {"contracts.p_late", 0.15, "{ prior = \"beta\", a = 1.5, b = 4, min = 0, max = 0.6 }"},
};

std::vector<Target> recovery_targets(std::int64_t first, std::int64_t last)
{
    auto make = [&](const char* id, const char* series, std::vector<std::string> denominator) {
        Target t;
        t.id = id;
        t.scenario = "baseline";
        t.series = series;
        t.denominator = std::move(denominator);
        t.first = first;
        t.last = last;
        return t;
    };
    return {make("trust-gov", "trust.residents.government", {}), make("resolution", "resolution_rate", {}),
            make("late", "payments_late", {"payments_on_time", "payments_late", "payments_defaulted"})};
}

//! A folder with targets made at TRUTH (intervals +-`half` around the
//! truth's statistics) and a calibration file `calib.toml` fitting them.
struct RecoveryProblem {
    test::TempDir dir;
    std::string calib;
    std::vector<double> truth_stats;

    RecoveryProblem(std::int64_t steps, std::int64_t communities, std::int64_t residents, std::int64_t particles,
                    std::int64_t generations, double half, const std::string& extra = "")
    {
        std::vector<Target> targets = recovery_targets(steps / 2 + 1, steps);
        Overrides o = {"time.steps=" + std::to_string(steps), "city.communities=" + std::to_string(communities),
                       "city.streets=1", "city.residents_per_community=" + std::to_string(residents),
                       "grid.households_per_cell=30"};
        for (const auto& t : TRUTH) o.push_back(std::string(t.key) + "=" + std::to_string(t.value));
        truth_stats = test::statistics_at(builtin_baseline(o), targets, 4);
        fs::create_directories(dir.path() / "targets");
        std::string ids;
        for (std::size_t j = 0; j < targets.size(); ++j) {
            targets[j].estimate = truth_stats[j];
            targets[j].lo = truth_stats[j] - half;
            targets[j].hi = truth_stats[j] + half;
            dir.write("targets/" + targets[j].id + ".toml", test::target_text(targets[j]));
            ids += (j ? ", \"" : "\"") + targets[j].id + "\"";
        }
        std::string text = "name = \"recovery\"\ntargets_dir = \"targets\"\ntargets = [" + ids + "]\nseed = 5\n" +
                           "particles = " + std::to_string(particles) + "\nbatch = " + std::to_string(particles / 2) +
                           "\nmax_generations = " + std::to_string(generations) + "\n" + extra +
                           "\n[tolerance]\nalpha = 0.5\nmin_acceptance = 0.02\n\n" +
                           test::calib_set(steps, communities, residents) + "\n[parameters]\n";
        for (const auto& t : TRUTH) text += std::string("\"") + t.key + "\" = " + t.prior + "\n";
        calib = dir.write("calib.toml", text);
    }
};

CalibrateSummary calibrate(const std::string& calib_path, const std::string& out, int threads)
{
    CalibrateConfig c;
    c.output = out;
    c.threads = threads;
    return run_calibration(load_calibration_file(calib_path), c);
}

}  // namespace

TEST_CASE("a cogov calibration does not depend on the number of threads")
{
    RecoveryProblem p(40, 2, 150, 12, 2, 0.1);
    const auto a = p.dir.file("a.h5"), b = p.dir.file("b.h5");
    calibrate(p.calib, a, 1);
    calibrate(p.calib, b, 2);
    CHECK(test::differing_datasets(a, b).empty());
    CHECK_FALSE(fs::exists(calibration_work_dir(a)));
}

TEST_CASE("a particle's statistics are those of a plain run at its values and seed")
{
    RecoveryProblem p(40, 2, 150, 12, 2, 0.1);
    const Calibration calib = load_calibration_file(p.calib);
    const auto out = p.dir.file("c.h5");
    const CalibrateSummary s = calibrate(p.calib, out, 2);
    const Generation& g = s.result.generations.back();
    Scenario sc = with_values(calib.scenario, calib.values(g.theta[0]), Origin{"test", 0, 0});
    const auto rows = run_series(sc, g.seeds[0]);
    for (std::size_t t = 0; t < calib.targets.size(); ++t) {
        std::vector<std::vector<double>> cols;
        for (const auto& n : calib.targets[t].needed()) {
            cols.emplace_back();
            for (const auto& r : rows) cols.back().push_back(r[series_index(n)]);
        }
        std::vector<const double*> ptr;
        for (const auto& c : cols) ptr.push_back(c.data());
        CHECK(target_statistic(calib.targets[t], ptr) == g.stats[0][t]);
    }
}

// Targets made at known values are recovered: each 90% credible interval
// covers the truth. Checked that it can fail: with the targets made at
// handling.committee_quality = 0.9 while the test still expects 0.6, its
// interval was [0.68, 0.96] and the check failed.
TEST_CASE("calibrating to targets made at known values recovers them (90% intervals cover the truth)")
{
    const bool long_run = std::getenv("COGOV_LONG_TESTS") != nullptr;
    RecoveryProblem p(long_run ? 260 : 80, long_run ? 6 : 3, long_run ? 500 : 200, long_run ? 300 : 60,
                      long_run ? 8 : 5, 0.025);
    const auto out = p.dir.file("r.h5");
    const CalibrateSummary s = calibrate(p.calib, out, 2);
    const Generation& g = s.result.generations.back();
    for (std::size_t j = 0; j < std::size(TRUTH); ++j) {
        std::vector<double> x;
        for (const auto& t : g.theta) x.push_back(t[j]);
        const WeightedSummary w = summarise(x, g.weights);
        MESSAGE(std::string(TRUTH[j].key) << ": truth " << TRUTH[j].value << ", posterior mean " << w.mean << ", 90% [" << w.q05
                             << ", " << w.q95 << "]; final epsilon " << g.epsilon << ", "
                             << s.result.generations.size() << " generations, " << s.result.simulations << " runs");
        CHECK(w.q05 <= TRUTH[j].value);
        CHECK(w.q95 >= TRUTH[j].value);
    }
}
