// Designs: factorial order, Latin hypercube strata, Saltelli and Morris structure, CSV.
#include <doctest/doctest.h>

#include <cmath>
#include <set>

#include "cogov/batch/sweep_design.h"
#include "cogov/batch/sobol.h"
#include "support.h"

using namespace cogov;

namespace {

SweepParameter range(const char* key, double lo, double hi)
{
    return SweepParameter{find_param(key), {}, lo, hi, {}};
}

}  // namespace

TEST_CASE("a factorial design has every combination, first parameter slowest")
{
    SweepParameter a{find_param("trust.a_gain"), {0.1, 0.2}, 0, 0, {}};
    SweepParameter b{find_param("committee.staff"), {std::int64_t(3), std::int64_t(5), std::int64_t(7)}, 0, 0, {}};
    const Design d = factorial_design({a, b});
    REQUIRE(d.points() == 6);
    CHECK(d.value(0, 0) == 0.1);
    CHECK(d.value(0, 1) == 3);
    CHECK(d.value(2, 1) == 7);
    CHECK(d.value(3, 0) == 0.2);
    CHECK(d.value(3, 1) == 3);
}

TEST_CASE("a Latin hypercube puts one point in each stratum of every parameter, reproducibly")
{
    const std::vector<SweepParameter> params = {range("trust.a_gain", 0, 1), range("trust.a_loss", 0.1, 0.3),
                                                range("committee.staff", 1, 10)};
    const Design d = latin_hypercube_design(params, 10, 5);
    REQUIRE(d.points() == 10);
    for (std::size_t j = 0; j < 3; ++j) {
        std::set<int> strata;
        for (std::size_t i = 0; i < 10; ++i) strata.insert(static_cast<int>(d.unit[i * 3 + j] * 10));
        CHECK(strata.size() == 10);
    }
    std::set<double> staff;
    for (std::size_t i = 0; i < 10; ++i) staff.insert(d.value(i, 2));
    CHECK(staff.size() == 10);  // integers 1..10, one per stratum
    CHECK(latin_hypercube_design(params, 10, 5).values == d.values);
    CHECK(latin_hypercube_design(params, 10, 6).values != d.values);
}

TEST_CASE("a Saltelli design lays out A, AB_1..AB_k, B per base sample")
{
    const std::vector<SweepParameter> params = {range("trust.a_gain", 0, 1), range("trust.a_loss", 0, 1),
                                                range("talk.mu", 0, 1)};
    const std::size_t k = 3, n = 8;
    const Design d = saltelli_design(params, n);
    REQUIRE(d.points() == n * (k + 2));
    for (std::size_t j = 0; j < n; ++j) {
        const std::size_t a = j * (k + 2), b = a + k + 1;
        CHECK(d.role[a] == 0);
        CHECK(d.role[b] == static_cast<std::int64_t>(k + 1));
        for (std::size_t i = 1; i <= k; ++i) {
            CAPTURE(i);
            CHECK(d.group[a + i] == static_cast<std::int64_t>(j));
            for (std::size_t p = 0; p < k; ++p)
                CHECK(d.value(a + i, p) == (p == i - 1 ? d.value(b, p) : d.value(a, p)));
        }
    }
    // A and B are the two halves of one Sobol' point, the sequence's start
    // skipped (to the power of two >= n): no base sample has A = B.
    const auto first = SobolSequence(2 * k).point(8);
    for (std::size_t p = 0; p < k; ++p) {
        CHECK(d.value(0, p) == first[p]);
        CHECK(d.value(k + 1, p) == first[k + p]);
    }
    for (std::size_t j = 0; j < n; ++j) {
        bool differ = false;
        for (std::size_t p = 0; p < k; ++p)
            differ = differ || d.value(j * (k + 2), p) != d.value(j * (k + 2) + k + 1, p);
        CHECK(differ);
    }
}

TEST_CASE("a Morris trajectory moves one parameter per step by delta, each once")
{
    const std::vector<SweepParameter> params = {range("trust.a_gain", 0, 1), range("trust.a_loss", 0, 1),
                                                range("talk.mu", 0, 1), range("talk.epsilon", 0, 1)};
    const Design d = morris_design(params, 5, 4, 3);
    const std::size_t k = 4;
    REQUIRE(d.points() == 5 * (k + 1));
    CHECK(d.delta == doctest::Approx(4.0 / 6.0));
    for (std::size_t t = 0; t < 5; ++t) {
        std::set<std::int64_t> moved;
        for (std::size_t s = 1; s <= k; ++s) {
            const std::size_t p = t * (k + 1) + s;
            moved.insert(d.changed[p]);
            for (std::size_t j = 0; j < k; ++j) {
                const double step = d.unit[p * k + j] - d.unit[(p - 1) * k + j];
                if (static_cast<std::int64_t>(j) == d.changed[p]) CHECK(std::abs(step) == doctest::Approx(d.delta));
                else CHECK(step == 0.0);
            }
        }
        CHECK(moved.size() == k);
        for (std::size_t s = 0; s <= k; ++s)
            for (std::size_t j = 0; j < k; ++j) {
                const double u = d.unit[(t * (k + 1) + s) * k + j];
                CHECK(u >= 0.0);
                CHECK(u <= 1.0);
            }
    }
}

TEST_CASE("a CSV design reads keys and values, and locates bad cells")
{
    test::TempDir dir;
    const auto good = dir.write("d.csv", "trust.a_gain, committee.staff, grid.enabled\n0.1, 3, true\n0.2,5,0\n");
    const auto [params, d] = csv_design(good);
    REQUIRE(params.size() == 3);
    CHECK(params[1].spec->key == "committee.staff");
    REQUIRE(d.points() == 2);
    CHECK(d.value(1, 0) == 0.2);
    CHECK(d.value(1, 1) == 5);
    CHECK(d.value(0, 2) == 1);

    const auto bad = dir.write("bad.csv", "trust.a_gian,committee.staff\n0.1,2.5\n0.3\n");
    try {
        csv_design(bad);
        FAIL("expected a refusal");
    } catch (const ScenarioError& e) {
        const std::string text = e.what();
        CHECK(text.find("bad.csv:1:1: error: trust.a_gian: unknown parameter; did you mean 'trust.a_gain'?") !=
              std::string::npos);
        CHECK(text.find("bad.csv:2:5: error: committee.staff: expected an integer in [0, 1000], got '2.5'") !=
              std::string::npos);
        CHECK(text.find("bad.csv:3:1: error: expected 2 values, got 1") != std::string::npos);
    }
}
