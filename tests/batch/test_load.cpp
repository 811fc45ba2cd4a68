// Sweep files: what they resolve to, and clear, located errors.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <set>

#include "cogov/batch/sweep.h"
#include "cogov/batch/sweep_record.h"
#include "fixtures.h"
#include "support.h"

using namespace cogov;

namespace {

std::string refusal(const std::string& text)
{
    try {
        load_sweep_text(text, "bad.toml");
    } catch (const ScenarioError& e) {
        return e.what();
    }
    return "(accepted)";
}

}  // namespace

TEST_CASE("a sweep file resolves base, design, replicates, seeds and records")
{
    const Sweep s = load_sweep_text(test::factorial_sweep_text(), "s.toml");
    CHECK(s.name == "small");
    CHECK(s.base.params.city_communities == 3);
    CHECK(s.points() == 6);
    CHECK(s.runs() == 12);
    CHECK(s.max_steps == 12);
    CHECK(s.record.series.size() == 2);
    CHECK(s.record.last_weeks == 4);
    // Seeds: distinct per run, reproducible, fit in 63 bits.
    std::set<std::uint64_t> seeds;
    for (std::size_t r = 0; r < s.runs(); ++r) seeds.insert(s.run_seed(r));
    CHECK(seeds.size() == 12);
    CHECK(load_sweep_text(test::factorial_sweep_text(), "other.toml").run_seed(5) == s.run_seed(5));
    CHECK(s.run_seed(3) < (std::uint64_t(1) << 63));
    // The fingerprint follows what decides results, not the file name.
    CHECK(load_sweep_text(test::factorial_sweep_text(), "other.toml").id == s.id);
    std::string other = test::factorial_sweep_text();
    other.replace(other.find("seed = 11"), 9, "seed = 12");
    CHECK(load_sweep_text(other, "s.toml").id != s.id);
}

TEST_CASE("a scenario file is the base, relative to the sweep file")
{
    test::TempDir dir;
    dir.write("base.toml", "name = \"cut\"\n[committee]\ndelegated_items = 72\n");
    const auto path = dir.write("s.toml", "scenario = \"base.toml\"\n[parameters]\n\"trust.a_gain\" = [0.1]\n");
    const Sweep s = load_sweep_file(path);
    CHECK(s.base.name == "cut");
    CHECK(s.base.params.committee_delegated_items == 72);
    CHECK(s.scenario_for(0).params.trust_a_gain == 0.1);
    CHECK(s.scenario_for(0).params.committee_delegated_items == 72);
}

TEST_CASE("without [record] every metric's final value is kept, replicates alone need no parameters")
{
    const Sweep s = load_sweep_text(std::string("replicates = 3\n") + test::SMALL_SET, "s.toml");
    CHECK(s.points() == 1);
    CHECK(s.runs() == 3);
    CHECK(s.record.series.empty());
    CHECK(s.record.final.size() > 30);
}

TEST_CASE("bad sweep files are refused with file:line:column, key and what was expected")
{
    CHECK(refusal("replicats = 2\n").find("bad.toml:1:1: error: replicats: unknown key; did you mean 'replicates'?") !=
          std::string::npos);
    CHECK(refusal("[parameters]\n\"trust.a_gian\" = [0.1]\n")
              .find("bad.toml:2:1: error: trust.a_gian: unknown key; did you mean 'trust.a_gain'?") !=
          std::string::npos);
    CHECK(refusal("[parameters]\n\"trust.a_gain\" = [0.1, 1.5]\n")
              .find("bad.toml:2:24: error: trust.a_gain: 1.5 is out of range: expected a real number in [0, 1]") !=
          std::string::npos);
    CHECK(refusal("[parameters]\n\"committee.staff\" = [2.5]\n")
              .find("bad.toml:2:22: error: committee.staff: expected an integer in [0, 1000], got a real number") !=
          std::string::npos);
    CHECK(refusal("[parameters]\n\"trust.a_gain\" = 0.1\n")
              .find("bad.toml:2:18: error: trust.a_gain: a factorial design needs a list") != std::string::npos);
    CHECK(refusal("[design]\ntype = \"latin_hypercube\"\nn = 4\n[parameters]\n\"trust.a_gain\" = [0.1]\n")
              .find("bad.toml:5:18: error: trust.a_gain: a latin_hypercube design needs a range { min = ..., max = ... "
                    "}") != std::string::npos);
    CHECK(refusal("[design]\ntype = \"sobl\"\n").find("bad.toml:2:8: error: design.type: expected one of") !=
          std::string::npos);
    CHECK(
        refusal("[design]\ntype = \"morris\"\nn = 2\nlevels = 3\n[parameters]\n\"trust.a_gain\" = {min = 0, max = 1}\n")
            .find("bad.toml:4:10: error: design.levels: Morris levels must be even") != std::string::npos);
    CHECK(refusal("[design]\ntype = \"sobol\"\n[parameters]\n\"trust.a_gain\" = {min = 0.5, max = 0.1}\n")
              .find("min must be below max") != std::string::npos);
    CHECK(refusal("[record]\nfinal = [\"backlogg\"]\n")
              .find("bad.toml:2:10: error: record.final: 'backlogg' is not a metric of metrics.def or "
                    "trust.<truster>.<trustee>; did you mean 'backlog'?") != std::string::npos);
    CHECK(refusal("[set]\n\"city.communities\" = 0\n")
              .find("bad.toml:2:22: error: city.communities: 0 is out of range") != std::string::npos);
    CHECK(refusal("seed = \"x\"\n").find("bad.toml:1:8: error: seed: expected an integer") != std::string::npos);
    CHECK(refusal("[design\n").find("bad.toml:1:8: error: TOML syntax error") != std::string::npos);
}

TEST_CASE("a CSV design is read relative to the sweep file")
{
    test::TempDir dir;
    dir.write("d.csv", "trust.a_gain,committee.staff\n0.1,3\n0.2,4\n0.3,5\n");
    const auto path = dir.write("s.toml", "[design]\ntype = \"csv\"\nfile = \"d.csv\"\n");
    const Sweep s = load_sweep_file(path);
    CHECK(s.points() == 3);
    CHECK(s.parameters.size() == 2);
    CHECK(s.scenario_for(2).params.committee_staff == 5);
}

TEST_CASE("run order interleaves design points so any prefix is an even sample")
{
    Sweep s = load_sweep_text(test::factorial_sweep_text(), "s.toml");
    const auto order = run_order(s);
    REQUIRE(order.size() == s.runs());
    std::set<std::size_t> all(order.begin(), order.end());
    CHECK(all.size() == s.runs());
    // The first replicate of every point comes before any second replicate,
    // and the first two runs are from opposite halves of the design.
    for (std::size_t k = 0; k < s.points(); ++k) CHECK(s.replicate_of(order[k]) == 0);
    CHECK(s.point_of(order[0]) < 3);
    CHECK(s.point_of(order[1]) >= 3);
    // Shards partition the runs.
    std::multiset<std::size_t> shards;
    for (std::size_t i = 1; i <= 5; ++i)
        for (auto r : shard_runs(s, Shard{i, 5})) shards.insert(r);
    CHECK(shards == std::multiset<std::size_t>(order.begin(), order.end()));
    CHECK_THROWS(parse_shard("0/3"));
    CHECK_THROWS(parse_shard("4/3"));
    CHECK_THROWS(parse_shard("1-3"));
    CHECK(parse_shard("2/3").index == 2);
}

TEST_CASE("the example sweep files load")
{
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() / "sweeps")) {
        if (entry.path().extension() != ".toml") continue;
        CAPTURE(entry.path().string());
        const Sweep s = load_sweep_file(entry.path().string());
        CHECK(s.runs() > 0);
        ++files;
    }
    CHECK(files >= 6);
    CHECK(load_sweep_file((test::source_dir() / "sweeps/small-bench.toml").string()).runs() == 1000);
}

TEST_CASE("varying time.steps gives series as long as the longest run")
{
    const Sweep s = load_sweep_text(std::string(test::SMALL_SET) +
                                        "[parameters]\n\"time.steps\" = [5, 9]\n"
                                        "[record]\nseries = [\"backlog\"]\n",
                                    "s.toml");
    CHECK(s.max_steps == 9);
    const RunRecord short_run = execute_run(s, 0);
    REQUIRE(short_run.status == RunStatus::ok);
    CHECK_FALSE(std::isnan(short_run.values[4]));
    CHECK(std::isnan(short_run.values[5]));
}

TEST_CASE("parameters may be written as sub-tables, ranges included")
{
    const Sweep s = load_sweep_text(
        "[design]\ntype = \"latin_hypercube\"\nn = 4\n[parameters.trust]\n"
        "a_gain = { min = 0.1, max = 0.2 }\n[parameters.committee]\nstaff = { min = 3, max = 9 }\n",
        "s.toml");
    REQUIRE(s.parameters.size() == 2);
    for (std::size_t p = 0; p < s.points(); ++p) {
        const Scenario sc = s.scenario_for(p);
        CHECK(sc.params.trust_a_gain >= 0.1);
        CHECK(sc.params.trust_a_gain <= 0.2);
        CHECK(sc.params.committee_staff >= 3);
        CHECK(sc.params.committee_staff <= 9);
    }
}
