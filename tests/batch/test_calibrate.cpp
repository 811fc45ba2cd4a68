// cogov calibrate on cogov itself: thread invariance, recovery of known
// parameter values, reproducible particles, refused calibration files.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "calibrate_fixtures.h"
#include "cogov/batch/calibrate_run.h"
#include "cogov/batch/sweep_run.h"
#include "cogov/sim/compare.h"
#include "cogov/sim/h5.h"
#include "cogov/sim/metrics.h"
#include "cogov/cli/cli.h"
#include <sstream>

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
        // One list of settings for the truth's runs and the candidates' [set]
        // table, so the two cannot drift apart. Six contracts a community paid
        // every 4 weeks: about 50 payments in the window, so the late share is
        // a statistic (sd 0.05 at the truth, 32 seeds) and not a handful of
        // 0-or-1 events (with the default one contract paid quarterly: 8
        // payments, sd 0.16, 34% of runs with none late, and the truth's mean
        // a value few single runs take).
        const std::string n = std::to_string(steps), c = std::to_string(communities), r = std::to_string(residents);
        const std::vector<std::pair<std::string, std::string>> city = {{"time.steps", n},
                                                                       {"city.communities", c},
                                                                       {"city.streets", "1"},
                                                                       {"city.residents_per_community", r},
                                                                       {"grid.households_per_cell", "30"},
                                                                       {"contracts.per_community", "6"},
                                                                       {"contracts.payment_interval", "4"}};
        Overrides o;
        std::string set = "[set]\n";
        for (const auto& [key, value] : city) {
            o.push_back(key + "=" + value);
            set += "\"" + key + "\" = " + value + "\n";
        }
        for (const auto& t : TRUTH) o.push_back(std::string(t.key) + "=" + std::to_string(t.value));
        truth_stats = test::statistics_at(builtin_baseline(o), targets,
                                          16);  // 16 seeds: the truth's statistics, not one sample's
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
                           "\n[tolerance]\nalpha = 0.5\nmin_acceptance = 0.02\n\n" + set + "\n[parameters]\n";
        for (const auto& t : TRUTH) text += std::string("\"") + t.key + "\" = " + t.prior + "\n";
        calib = dir.write("calib.toml", text);
    }
};

//! Where `key` sits in a particle's theta: the calibration's own order of
//! parameters (the [parameters] table's, sorted by key), not TRUTH's.
std::size_t parameter_index(const Calibration& calib, const std::string& key)
{
    for (std::size_t k = 0; k < calib.parameters.size(); ++k)
        if (calib.parameters[k].spec->key == key) return k;
    FAIL("no calibrated parameter " << key);
    return 0;
}

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
// interval was [0.61, 0.99] and the check failed; with the targets made at
// contracts.p_late = 0.4 (expected 0.15) p_late's interval was
// [0.23, 0.44] and the check failed. This small calibration has little
// power (its intervals are wide), so it catches gross errors only; the
// COGOV_LONG_TESTS=1 version is the sharper check. A particle's theta is in
// the calibration's order of parameters (sorted by key), which is not
// TRUTH's: the test once compared a_gain's posterior with p_late's truth and
// the reverse, and failed for that reason alone (parameter_index).
TEST_CASE("calibrating to targets made at known values recovers them (90% intervals cover the truth)")
{
    const bool long_run = std::getenv("COGOV_LONG_TESTS") != nullptr;
    RecoveryProblem p(long_run ? 260 : 80, long_run ? 4 : 3, long_run ? 400 : 200, long_run ? 200 : 60,
                      long_run ? 6 : 5, 0.025);
    const auto out = p.dir.file("r.h5");
    const CalibrateSummary s = calibrate(p.calib, out, 2);
    const Generation& g = s.result.generations.back();
    const Calibration calib = load_calibration_file(p.calib);
    for (std::size_t j = 0; j < std::size(TRUTH); ++j) {
        const std::size_t k = parameter_index(calib, TRUTH[j].key);
        std::vector<double> x;
        for (const auto& t : g.theta) x.push_back(t[k]);
        const WeightedSummary w = summarise(x, g.weights);
        MESSAGE(std::string(TRUTH[j].key)
                << ": truth " << TRUTH[j].value << ", posterior mean " << w.mean << ", 90% [" << w.q05 << ", " << w.q95
                << "]; final epsilon " << g.epsilon << ", " << s.result.generations.size() << " generations, "
                << s.result.simulations << " runs");
        CHECK(w.q05 <= TRUTH[j].value);
        CHECK(w.q95 >= TRUTH[j].value);
    }
}

namespace {

std::string calibration_doc_name(const std::string& name)
{
    return name;
}

}  // namespace

TEST_CASE("a calibration file matches the calibration section of docs/output-schema.md")
{
    const test::DocumentedSchema schema = test::documented_schema("Calibration files");
    REQUIRE(schema.datasets.size() >= 25);
    RecoveryProblem p(40, 2, 150, 12, 2, 0.1);
    const auto out = p.dir.file("s.h5");
    const CalibrateSummary s = calibrate(p.calib, out, 2);
    const h5::File f = h5::File::open(out);
    const std::map<std::string, std::size_t> sizes = {{"generation", s.result.generations.size()},
                                                      {"particle", 12},
                                                      {"parameter", 3},
                                                      {"target", 3}};
    CHECK(test::schema_problems(schema, f, sizes, calibration_doc_name) == std::vector<std::string>{});
    // The posterior reader gives the last generation.
    const Posterior post = read_posterior(out);
    CHECK(post.theta == s.result.generations.back().theta);
    CHECK(post.draw(3, 7) == post.draw(3, 7));
}

TEST_CASE("cogov compare --posterior gives both arms the same draw and reports both intervals")
{
    RecoveryProblem p(40, 2, 150, 12, 2, 0.1);
    const auto post = p.dir.file("post.h5");
    calibrate(p.calib, post, 2);
    const auto base = p.dir.write("a.toml",
                                  "name = \"a\"\n[time]\nsteps = 12\n[city]\ncommunities = 2\nstreets = 1\n"
                                  "residents_per_community = 150\n[grid]\nhouseholds_per_cell = 30\n");
    const auto alt = p.dir.write("b.toml", "base = \"a.toml\"\nname = \"b\"\n[committee]\ndelegated_items = 72\n");
    const auto out = p.dir.file("cmp.h5");
    std::ostringstream o, e;
    cli::Io io{o, e};
    REQUIRE(
        cli::main({"compare", base, alt, "-r", "3", "--posterior", post, "--draws", "4", "-o", out, "--threads", "2"},
                  io) == 0);
    CHECK(o.str().find("95%, over draws") != std::string::npos);
    const h5::File f = h5::File::open(out);
    CHECK(f.shape("/replicate_parameters") == h5::Shape{4, 3});
    CHECK(f.shape("/arms/0/outcomes").at(0) == 4);
    CHECK(f.exists("/differences_fixed/1/ci_low"));
    const Posterior draws = read_posterior(post);
    const auto values = f.read<double>("/replicate_parameters").data;
    for (int r = 0; r < 4; ++r)
        for (std::size_t j = 0; j < 3; ++j)
            CHECK(values[static_cast<std::size_t>(r) * 3 + j] == draws.theta[draws.draw_index(1, r)][j]);
}

// The policy tools on a posterior: an experiment (or sweep) whose design is
// `type = "posterior"` takes its futures from a calibration file, future r
// being the draw compare --posterior would give replicate r on the sweep's
// seed. Checked that it can fail: with posterior_design drawing on seed + 1
// the value checks failed.
TEST_CASE("an experiment draws its futures from a calibration posterior")
{
    RecoveryProblem p(40, 2, 150, 12, 2, 0.1);
    const auto post = p.dir.file("post.h5");
    calibrate(p.calib, post, 2);
    const std::string head =
        std::string("name = \"on-posterior\"\nseed = 9\nreplicates = 1\n") + test::calib_set(12, 2, 150);
    const std::string levers =
        "\n[levers]\n\"committee.delegated_items\" = [296, 72]\n\n[[outcomes]]\n"
        "name = \"mean.resolution_rate\"\ndirection = \"maximise\"\n";
    const Sweep s = load_sweep_text(head + "\n[design]\ntype = \"posterior\"\nfile = \"post.h5\"\nn = 5\n" + levers,
                                    p.dir.file("x.toml"));
    const Posterior draws = read_posterior(post);
    std::vector<std::string> keys;
    for (const auto* spec : draws.parameters) keys.emplace_back(spec->key);
    CHECK(s.experiment.uncertainties == keys);
    REQUIRE(s.points() == 10);
    for (std::size_t point = 0; point < s.points(); ++point)
        for (std::size_t j = 0; j < keys.size(); ++j)
            CHECK(s.design.value(point, j) ==
                  draws.theta[draws.draw_index(9, static_cast<std::int64_t>(point / 2))][j]);
    SweepConfig c;
    c.output = p.dir.file("x.h5");
    c.threads = 2;
    CHECK(run_sweep(s, c).failed == 0);

    auto refused = [&](const std::string& design, const std::string& more = "") {
        try {
            load_sweep_text(head + "\n[design]\n" + design + "\n" + more + levers, p.dir.file("bad.toml"));
        } catch (const ScenarioError& e) {
            std::string all;
            for (const auto& d : e.diagnostics()) all += d.text() + "\n";
            return all;
        }
        return std::string();
    };
    CHECK(refused("type = \"posterior\"\nfile = \"post.h5\"").find("needs n") != std::string::npos);
    CHECK(refused("type = \"posterior\"\nn = 3").find("needs file") != std::string::npos);
    CHECK(refused("type = \"posterior\"\nfile = \"none.h5\"\nn = 3").find("cannot read the calibration posterior") !=
          std::string::npos);
    CHECK(refused("type = \"posterior\"\nfile = \"calib.toml\"\nn = 3").find("design.file") != std::string::npos);
    CHECK(refused("type = \"posterior\"\nfile = \"post.h5\"\nn = 3",
                  "[uncertainties]\n\"trust.a_loss\" = { min = 0.1, max = 0.2 }\n")
              .find("calibrated parameters") != std::string::npos);
}
