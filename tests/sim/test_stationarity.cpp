// The status quo is a steady state: run unchanged, the baseline's city
// series have no trend over weeks 1-520, at several city sizes and seeds.
//
// Criterion. For each series and seed, the least-squares slope per year over
// weeks 1-520; over the seeds, the mean slope b and its standard error se.
// A series passes when |b| <= tol x level + 2 se: its trend is not
// significantly steeper than the tolerance. The tolerance is 0.5% of the
// series' level a year for shares and trust (5% over the ten years, well
// under the what-if effects of the library, which are 10-30% of a level)
// and 2% a year for the small counts (backlog, organizations, contracts:
// a few per community, so their seed-to-seed noise is large; the first
// build's sector grew 8.8% a year). The noise term uses the seeds, so a
// small city is not failed for being noisy, while a real drift (t of 10 to
// 300 without a burn-in) is.
//
// How it was checked that it can fail: with time.burn_in = 0 the test's
// control case below finds a trend well outside the tolerance (with the old
// initial values: residents
// trust in residents +3%/yr, participation +9%/yr in a 12 x 800 city), and
// the same criterion is asserted to fail there.
//
// Larger cities (30 x 1500) run with COGOV_LONG_TESTS=1.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "cogov/sim/model.h"
#include "support.h"

using namespace cogov;

namespace {

struct Tracked {
    std::string name;
    double tolerance;  //!< per year, relative to the level
};

const std::vector<Tracked>& tracked()
{
    static const std::vector<Tracked> t = {
        {"trust.residents.government", 0.005},
        {"trust.residents.resident_committee", 0.005},
        {"trust.residents.residents", 0.005},
        {"participation_rate", 0.005},
        {"resolution_rate", 0.005},
        {"backlog", 0.02},
        {"socorgs_active", 0.02},
        {"contracts_active", 0.02},
        {"share.elderly", 0.005},
        {"share.families", 0.005},
        {"share.migrants", 0.005},
    };
    return t;
}

double kind_share(const Model& m, Kind kind)
{
    const auto& k = m.state().residents.kind;
    std::size_t n = 0;
    for (auto x : k) n += x == kind;
    return double(n) / double(k.size());
}

double value_of(const Model& m, const Counters& k, const std::string& name)
{
    if (name == "share.elderly") return kind_share(m, ELDERLY);
    if (name == "share.families") return kind_share(m, FAMILY);
    if (name == "share.migrants") return kind_share(m, MIGRANT);
    return series_value(k, series_index(name));
}

//! Least-squares slope per year of y over weeks 1..n, ignoring NaNs.
double slope_per_year(const std::vector<double>& y)
{
    double sx = 0, sy = 0, sxx = 0, sxy = 0, n = 0;
    for (std::size_t t = 0; t < y.size(); ++t) {
        if (!std::isfinite(y[t])) continue;
        const double x = double(t) / 52.0;
        sx += x, sy += y[t], sxx += x * x, sxy += x * y[t], n += 1;
    }
    return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

struct Trend {
    std::string name;
    double level = 0, slope = 0, se = 0, tolerance = 0;
    bool ok() const { return std::abs(slope) <= tolerance * std::abs(level) + 2.0 * se; }
};

//! Trends of the tracked series of the baseline at one size over `seeds`.
std::vector<Trend> trends(int communities, int residents, int seeds, const Overrides& extra = {})
{
    Overrides o = {"city.communities=" + std::to_string(communities),
                   "city.streets=" + std::to_string(std::min(communities, 4)),
                   "city.residents_per_community=" + std::to_string(residents), "grid.households_per_cell=100"};
    o.insert(o.end(), extra.begin(), extra.end());
    const Scenario scenario = test::small_scenario(o, 520);
    const auto& t = tracked();
    std::vector<std::vector<double>> slopes(t.size()), levels(t.size());
    for (int seed = 1; seed <= seeds; ++seed) {
        Model m(scenario, static_cast<std::uint64_t>(seed), 1);
        std::vector<std::vector<double>> y(t.size());
        while (!m.finished()) {
            m.step();
            const Counters k = m.city_counters();
            for (std::size_t s = 0; s < t.size(); ++s) y[s].push_back(value_of(m, k, t[s].name));
        }
        for (std::size_t s = 0; s < t.size(); ++s) {
            slopes[s].push_back(slope_per_year(y[s]));
            double sum = 0, n = 0;
            for (double v : y[s])
                if (std::isfinite(v)) sum += v, n += 1;
            levels[s].push_back(sum / n);
        }
    }
    std::vector<Trend> out;
    for (std::size_t s = 0; s < t.size(); ++s) {
        Trend tr{t[s].name, 0, 0, 0, t[s].tolerance};
        for (std::size_t r = 0; r < slopes[s].size(); ++r) tr.slope += slopes[s][r], tr.level += levels[s][r];
        tr.slope /= seeds;
        tr.level /= seeds;
        double var = 0;
        for (double b : slopes[s]) var += (b - tr.slope) * (b - tr.slope);
        tr.se = seeds > 1 ? std::sqrt(var / (seeds - 1) / seeds) : 0.0;
        out.push_back(tr);
    }
    return out;
}

void check_flat(int communities, int residents, int seeds)
{
    for (const Trend& tr : trends(communities, residents, seeds)) {
        INFO(communities << "x" << residents << " " << tr.name << ": level " << tr.level << ", trend " << tr.slope
                         << "/yr (" << 100 * tr.slope / tr.level << "%/yr), se " << tr.se);
        CHECK(tr.ok());
    }
}

}  // namespace

TEST_CASE("stationarity: the baseline's city series have no trend over 520 weeks (4 x 300, 5 seeds)")
{
    check_flat(4, 300, 5);
}

TEST_CASE("stationarity: the baseline's city series have no trend over 520 weeks (12 x 800, 5 seeds)")
{
    check_flat(12, 800, 5);
}

TEST_CASE("stationarity: without the burn-in the same criterion finds trends (control)")
{
    int failed = 0;
    for (const Trend& tr : trends(12, 800, 3, {"time.burn_in=0"})) failed += !tr.ok();
    CHECK(failed >= 1);  // participation, whose public-spirit loop the initial values do not set
}

TEST_CASE("stationarity: no trend in a large city (30 x 1500, only with COGOV_LONG_TESTS=1)")
{
    if (!std::getenv("COGOV_LONG_TESTS")) return;
    check_flat(30, 1500, 5);
}
