// The stylized facts of docs/ODD.md ("Purpose and patterns"), asserted over
// paired replicates with fixed seeds: each test compares two scenarios on
// common random numbers and requires the 95% confidence interval of the
// paired difference to lie on the predicted side of zero.
#include <doctest/doctest.h>

#include "cogov/sim/compare.h"
#include "cogov/sim/model.h"
#include "support.h"

using namespace cogov;

namespace {

//! A city small enough for tests, with communities of the baseline's size
//! (the committee's staffing is per community, so its load needs the size).
Scenario city(const Overrides& extra, std::int64_t steps = 260)
{
    Overrides o = {"city.communities=4", "city.streets=2", "city.residents_per_community=2000",
                   "grid.households_per_cell=150"};
    o.insert(o.end(), extra.begin(), extra.end());
    return test::small_scenario(o, steps);
}

CompareResult paired(const std::vector<Scenario>& arms, int replicates = 8, std::uint64_t seed = 2026)
{
    CompareConfig config;
    config.replicates = replicates;
    config.seed = seed;
    config.threads = 2;
    config.keep_series = false;
    return compare(arms, config);
}

std::size_t outcome(const std::string& name)
{
    const auto& t = outcome_table();
    for (std::size_t o = 0; o < t.size(); ++o)
        if (t[o].name == name) return o;
    FAIL("no outcome " << name);
    return 0;
}

//! The paired difference (alternative k vs base) of an outcome.
const PairedDifference& diff(const CompareResult& r, const std::string& name, std::size_t k = 1)
{
    return r.differences.at(k - 1).at(outcome(name));
}

void check_higher(const CompareResult& r, const std::string& name, std::size_t k = 1)
{
    const auto& d = diff(r, name, k);
    INFO(name << ": base " << d.mean_base << ", alternative " << d.mean_alternative << ", CI [" << d.ci_low << ", "
              << d.ci_high << "]");
    CHECK(d.ci_low > 0);
}

void check_lower(const CompareResult& r, const std::string& name, std::size_t k = 1)
{
    const auto& d = diff(r, name, k);
    INFO(name << ": base " << d.mean_base << ", alternative " << d.mean_alternative << ", CI [" << d.ci_low << ", "
              << d.ci_high << "]");
    CHECK(d.ci_high < 0);
}

}  // namespace

TEST_CASE("fact 1: cutting the committee's burden raises service hours, resolution and trust in the committee")
{
    const auto r = paired({city({}), city({"committee.delegated_items=72"})});
    check_higher(r, "mean.committee_service_hours");
    check_higher(r, "run.resolved_share");
    check_lower(r, "mean.resolution_time_mean");
    check_higher(r, "final.trust.residents.resident_committee");
}

TEST_CASE("fact 2: payment delays and defaults damage the social-organization sector, and remedies reduce the damage")
{
    const Overrides sector = {"government.outsourcing_share=0.35", "contracts.per_community=2",
                              "socorg.initial_per_community=3", "contracts.p_late=0", "contracts.p_default=0"};
    Overrides risky = sector, remedied = sector;
    for (auto* o : {&risky, &remedied}) {
        o->push_back("contracts.p_late=0.25");
        o->push_back("contracts.p_default=0.1");
    }
    remedied.push_back("contracts.third_party=true");
    remedied.push_back("contracts.payment_guarantee=true");
    const auto r = paired({city(sector), city(risky), city(remedied)});
    check_lower(r, "final.trust.social_organization.government");
    check_lower(r, "total.socorg_investment");
    check_lower(r, "mean.socorgs_active");
    check_lower(r, "total.contracts_renewed");
    // The remedies, against the risky arm: less damage.
    const auto remedy = paired({city(risky), city(remedied)});
    check_higher(remedy, "final.trust.social_organization.government");
    check_higher(remedy, "total.contracts_renewed");
    check_higher(remedy, "total.socorg_investment");
}

TEST_CASE("fact 3: trust falls faster than it recovers after a shock")
{
    // A city where residents meet the committee often (frequent needs, an
    // ample committee), so trust in it settles high. For 26 weeks from week
    // 105 every issue the committee handles goes wrong; then quality returns.
    // Compare the fall over the shock with the recovery over as many weeks.
    test::TempDir dir;
    const auto path = dir.write("shock.toml",
                                "[[events]]\nstep = 105\nset = { \"handling.committee_quality\" = 0.0 }\n"
                                "[[events]]\nstep = 131\nset = { \"handling.committee_quality\" = 0.8 }\n");
    const Scenario s = load_scenario_file(path, {"city.communities=8", "city.streets=2", "city.residents_per_community=600",
                                                 "grid.households_per_cell=50", "time.steps=156",
                                                 "needs.rate=0.2", "committee.staff=40", "committee.delegated_items=0",
                                                 "handling.committee_quality=0.8", "reporting.base=5"});
    double fall = 0, rise = 0;
    for (int rep = 0; rep < 4; ++rep) {
        Model m(s, replicate_seed(7, rep), 2);
        std::vector<double> trust;
        while (!m.finished()) {
            m.step();
            trust.push_back(m.city_counters().trust(RESIDENT, COMMITTEE));
        }
        fall += trust[103] - trust[129];   // end of week 104 to end of week 130
        rise += trust[155] - trust[129];   // the 26 weeks after
    }
    INFO("fall " << fall / 4 << ", recovery " << rise / 4);
    CHECK(fall > 0);
    CHECK(rise > 0);
    CHECK(rise < 0.6 * fall);
}

TEST_CASE("fact 4: high mobility lowers participation and trust between residents")
{
    const auto r = paired({city({"power.mobility=0.002"}), city({"power.mobility=0.02"})});
    check_lower(r, "mean.participation_rate");
    check_lower(r, "final.trust.residents.residents");
}

TEST_CASE("fact 5: grid management raises the share of issues discovered and resolved")
{
    const auto r = paired({city({}), city({"grid.enabled=true", "grid.workers_per_cell=3"})});
    check_higher(r, "run.discovered_share");
    check_higher(r, "run.known_share");
    check_lower(r, "total.issues_lapsed");
    check_higher(r, "run.resolved_share");
}

TEST_CASE("fact 6: a hollow government does worse than balanced co-governance: outsourcing is not monotone")
{
    // In a reformed city (light burden), outsourcing half the service budget
    // beats both a little outsourcing and a hollow government.
    const Overrides reformed = {"committee.delegated_items=72", "contracts.per_community=2",
                                "socorg.initial_per_community=3"};
    auto share = [&](const char* s) {
        Overrides o = reformed;
        o.push_back(std::string("government.outsourcing_share=") + s);
        return city(o);
    };
    const auto r = paired({share("0.5"), share("0.1"), share("0.9")});
    check_lower(r, "run.resolved_share", 1);
    check_lower(r, "run.resolved_share", 2);
}
