// The run file: reproducible, complete-or-absent, and as documented.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "cogov/sim/h5.h"
#include "cogov/sim/output.h"
#include "cogov/sim/run.h"
#include "support.h"

using namespace cogov;
using cogov::test::TempDir;

namespace {

std::string run_file(const TempDir& dir, const std::string& name, const Scenario& s, int threads,
                     std::uint64_t seed = 21, bool snapshot = false)
{
    RunConfig config;
    config.output = dir.file(name);
    config.threads = threads;
    config.seed = seed;
    config.snapshot = snapshot;
    run(s, config);
    return config.output;
}

}  // namespace

TEST_CASE("the same seed gives identical datasets at 1, 2 and 4 threads")
{
    TempDir dir;
    const Scenario s =
        test::small_scenario({"grid.enabled=true", "platform.enabled=true", "power.leader_tenure=30"}, 60);
    const auto one = run_file(dir, "t1.h5", s, 1, 21, true);
    const auto two = run_file(dir, "t2.h5", s, 2, 21, true);
    const auto four = run_file(dir, "t4.h5", s, 4, 21, true);
    CHECK(test::differing_datasets(one, two).empty());
    CHECK(test::differing_datasets(one, four).empty());
    const auto other = run_file(dir, "seed.h5", s, 2, 22);
    CHECK_FALSE(test::differing_datasets(one, other).empty());
}

TEST_CASE("rerun reproduces a file from its own provenance")
{
    TempDir dir;
    cogov::test::TempDir scen;
    const auto path = scen.write("s.toml",
                                 "name = \"events\"\n[time]\nsteps = 30\n[[events]]\nstep = 10\n"
                                 "set = { \"committee.delegated_items\" = 72, \"trust.a_gain\" = 0.0731 }\n");
    const Scenario s = load_scenario_file(path, {"city.communities=4", "city.streets=2",
                                                 "city.residents_per_community=300", "grid.households_per_cell=40"});
    const auto original = run_file(dir, "orig.h5", s, 2, 99);
    const RunFileInfo info = read_run_info(original);
    CHECK(info.seed == 99);
    CHECK(info.steps == 30);
    CHECK(info.scenario_name == "events");
    RunConfig config;
    config.output = dir.file("again.h5");
    config.seed = info.seed;
    config.threads = 1;
    run(scenario_from_run(info, original), config);
    CHECK(test::differing_datasets(original, config.output).empty());
}

TEST_CASE("an existing file is not overwritten without force")
{
    TempDir dir;
    const auto target = dir.write("exists.h5", "precious");
    RunConfig config;
    config.output = target;
    CHECK_THROWS_AS(run(test::small_scenario({}, 3), config), RequestError);
    std::ifstream in(target);
    std::string text;
    in >> text;
    CHECK(text == "precious");
    config.force = true;
    run(test::small_scenario({}, 3), config);
    CHECK(read_run_info(target).steps == 3);
    config.output = dir.file("no/such/folder/x.h5");
    CHECK_THROWS_AS(run(test::small_scenario({}, 3), config), RequestError);
}

TEST_CASE("an interrupted run leaves no file behind, complete-looking or partial")
{
    TempDir dir;
    std::atomic<bool> stop{false};
    RunConfig config;
    config.output = dir.file("cut.h5");
    int steps = 0;
    CHECK_THROWS_AS(run(
                        test::small_scenario({}, 50), config,
                        [&](const Model&) {
                            if (++steps == 20) stop = true;
                        },
                        &stop),
                    Interrupted);
    CHECK(steps == 20);
    CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("reading a foreign, missing or newer file gives a clear error")
{
    TempDir dir;
    CHECK_THROWS_WITH_AS(read_run_info(dir.file("missing.h5")), doctest::Contains("not an HDF5 file"), h5::Error);
    const auto text = dir.write("text.h5", "hello");
    CHECK_THROWS_WITH_AS(read_run_info(text), doctest::Contains("not an HDF5 file"), h5::Error);
    {
        auto f = h5::File::create(dir.file("foreign.h5"));
        f.set_attr("/", "title", std::string("something else"));
    }
    CHECK_THROWS_WITH_AS(read_run_info(dir.file("foreign.h5")), doctest::Contains("not a cogov run file"), h5::Error);
    {
        auto f = h5::File::create(dir.file("newer.h5"));
        f.set_attr("/", "format", std::string(RUN_FORMAT));
        f.set_attr("/", "format_version", RUN_FORMAT_VERSION + 1);
    }
    CHECK_THROWS_WITH_AS(read_run_info(dir.file("newer.h5")), doctest::Contains("newer than this cogov reads"),
                         h5::Error);
}

TEST_CASE("city series are the sums and ratios of the community series")
{
    TempDir dir;
    const auto path = run_file(dir, "sum.h5", test::small_scenario({}, 20), 2);
    const h5::File f = h5::File::open(path);
    const auto city = f.read<double>("/city/issues_raised").data;
    const auto com = f.read<double>("/communities/issues_raised");
    const std::size_t C = com.shape.at(1);
    for (std::size_t t = 0; t < city.size(); ++t) {
        double sum = 0;
        for (std::size_t c = 0; c < C; ++c) sum += com.data[t * C + c];
        CHECK(city[t] == doctest::Approx(sum));
    }
    const auto trust = f.read<double>("/city/trust");
    CHECK(trust.shape == h5::Shape{20, ACTORS, ACTORS});
    for (double x : trust.data) CHECK((std::isnan(x) || (x >= 0.0 && x <= 1.0)));
    // Residents, committees, companies and governments always exist.
    for (std::size_t t = 0; t < 20; ++t)
        for (int a : {GOVERNMENT, PROPERTY, COMMITTEE, RESIDENT})
            CHECK_FALSE(std::isnan(trust.data[(t * ACTORS + a) * ACTORS]));
}
