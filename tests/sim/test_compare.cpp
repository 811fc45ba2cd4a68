// Paired comparison: statistics, common random numbers, determinism, file.
#include <doctest/doctest.h>

#include <cmath>

#include "cogov/sim/compare.h"
#include "cogov/sim/h5.h"
#include "cogov/sim/run.h"
#include "support.h"

using namespace cogov;

TEST_CASE("paired statistics: mean difference, t interval and variance reduction")
{
    const std::vector<double> base = {1, 2, 3, 4, 5}, alt = {1.5, 2.4, 3.6, 4.5, 5.5};
    const PairedDifference d = paired_difference(base, alt);
    CHECK(d.mean_base == doctest::Approx(3.0));
    CHECK(d.diff_mean == doctest::Approx(0.5));
    // differences 0.5, 0.4, 0.6, 0.5, 0.5: sd = sqrt(0.005), t(0.975, 4) = 2.776445
    CHECK(d.diff_sd == doctest::Approx(std::sqrt(0.005)));
    CHECK(d.ci_high - d.diff_mean == doctest::Approx(2.776445 * std::sqrt(0.005) / std::sqrt(5.0)).epsilon(1e-5));
    CHECK(d.variance_reduction > 0.99);
    // Independent noise: pairing removes nothing on average.
    const PairedDifference flat = paired_difference({1, 2, 3}, {3, 2, 1});
    CHECK(flat.variance_reduction < 0);
}

TEST_CASE("identical arms differ by exactly zero: every random number is shared")
{
    const Scenario s = test::small_scenario({}, 30);
    Scenario same = s;
    same.name = "copy";
    CompareConfig config;
    config.replicates = 3;
    const CompareResult r = compare({s, same}, config);
    for (const auto& d : r.differences[0]) {
        CHECK(d.diff_mean == 0.0);
        CHECK(d.ci_low == 0.0);
    }
}

// Arms that differ only in events share their burn-in, run once per
// replicate (compare.cpp, burn_in_groups). Checked to fail: with every arm
// put in one group, the arm with a different talk.mu got the base's burn-in
// and its series differed from its own run's.
TEST_CASE("arms that share a burn-in give the series of runs of their own")
{
    const Scenario base = test::small_scenario({}, 12);
    Scenario reform = base;  // the same parameters until an event in week 5
    reform.name = "reform";
    Event cut;
    cut.step = 5;
    cut.note = "burden cut";
    cut.sets.emplace_back(find_param("committee.delegated_items"), ParamValue{std::int64_t{72}});
    reform.events.push_back(cut);
    const Scenario other = test::small_scenario({"talk.mu=0.2"}, 12);  // another burn-in
    CompareConfig config;
    config.replicates = 2;
    config.threads = 2;
    const CompareResult r = compare({base, reform, other, reform}, config);
    const std::vector<const Scenario*> arms = {&base, &reform, &other, &reform};
    for (std::size_t a = 0; a < arms.size(); ++a)
        for (int k = 0; k < 2; ++k) {
            CAPTURE(a);
            CHECK(r.arms[a].series[static_cast<std::size_t>(k)] ==
                  run_series(*arms[a], r.seeds[static_cast<std::size_t>(k)]));
        }
    CHECK(r.arms[0].series[0] != r.arms[1].series[0]);  // the event did something
}

TEST_CASE("a comparison does not depend on the thread count, and its file holds both arms")
{
    const Scenario a = test::small_scenario({}, 20), b = test::small_scenario({"committee.delegated_items=72"}, 20);
    CompareConfig one;
    one.replicates = 3;
    one.threads = 1;
    CompareConfig three = one;
    three.threads = 3;
    const CompareResult r1 = compare({a, b}, one), r3 = compare({a, b}, three);
    for (std::size_t arm = 0; arm < 2; ++arm) CHECK(r1.arms[arm].outcomes == r3.arms[arm].outcomes);

    test::TempDir dir;
    write_compare(dir.file("c.h5"), r1, false);
    const h5::File f = h5::File::open(dir.file("c.h5"));
    CHECK(std::get<std::string>(f.attr("/", "format")) == COMPARE_FORMAT);
    CHECK(f.shape("/arms/1/city/backlog") == h5::Shape{3, 20});
    CHECK(f.shape("/arms/0/city/trust") == h5::Shape{3, 20, 5, 5});
    CHECK(f.shape("/differences/1/diff_mean") == h5::Shape{outcome_table().size()});
    CHECK(std::get<std::string>(f.attr("/differences/1", "alternative")) == b.name);
}

TEST_CASE("comparisons refuse mismatched horizons and a single replicate")
{
    CompareConfig config;
    config.replicates = 2;
    CHECK_THROWS_AS(compare({test::small_scenario({}, 20), test::small_scenario({}, 30)}, config), RequestError);
    config.replicates = 1;
    CHECK_THROWS_AS(compare({test::small_scenario({}, 20), test::small_scenario({}, 20)}, config), RequestError);
}

TEST_CASE("windows: means, totals and shares cover exactly the weeks asked for, and say so")
{
    Scenario s = test::small_scenario({}, 12);
    Scenario alt = test::small_scenario({"committee.delegated_items=72"}, 12);
    alt.name = "cut";
    Event e;
    e.step = 5;
    e.note = "burden cut";
    alt.events.push_back(e);
    CompareConfig config;
    config.replicates = 2;
    config.window = parse_window("after:burden cut");
    const CompareResult r = compare({s, alt}, config);
    CHECK(r.range.first == 5);
    CHECK(r.range.last == 12);
    CHECK(r.range.text(12) == "weeks 5-12 (from 'burden cut' in week 5)");
    const auto& table = outcome_table();
    for (std::size_t o = 0; o < table.size(); ++o) {
        if (table[o].name != "mean.resolution_rate" && table[o].name != "total.issues_raised") continue;
        const std::size_t col = table[o].columns[0];
        double sum = 0;
        std::size_t n = 0;
        for (std::size_t t = 4; t < 12; ++t)
            if (!std::isnan(r.arms[1].series[0][t][col])) sum += r.arms[1].series[0][t][col], ++n;
        // Checked: summarising the whole run instead (weeks 1-12) makes both fail.
        CHECK(r.arms[1].outcomes[0][o] == (table[o].summary == Summary::mean ? sum / double(n) : sum));
        CHECK(outcome_meaning(table[o], r.range, 12).find("over weeks 5-12 (from 'burden cut' in week 5)") !=
              std::string::npos);
    }
    CHECK_THROWS_WITH_AS(parse_window("53-312"), doctest::Contains("expected FIRST:LAST"), RequestError);
    CHECK_THROWS_WITH_AS(parse_window("9:3"), doctest::Contains("the last week comes before the first"), RequestError);
    config.window = parse_window("after:reform");
    CHECK_THROWS_WITH_AS(compare({s, alt}, config), doctest::Contains("notes there are: 'burden cut'"), RequestError);
    config.window = parse_window("3:40");
    CHECK_THROWS_WITH_AS(compare({s, alt}, config), doctest::Contains("the runs have only 12 weeks"), RequestError);
}
