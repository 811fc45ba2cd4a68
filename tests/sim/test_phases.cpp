// Phases in the running model: each switch removes its outputs, and each
// lever moves what it should.
#include <doctest/doctest.h>

#include "cogov/sim/mechanisms.h"
#include "cogov/sim/model.h"
#include "support.h"

using namespace cogov;
using cogov::test::small_scenario;

namespace {

//! City counters summed over all steps of a run.
Counters run_totals(const Scenario& s, std::uint64_t seed = 11)
{
    Model m(s, seed, 2);
    Counters total;
    while (!m.finished()) {
        m.step();
        total += m.city_counters();
    }
    return total;
}

}  // namespace

TEST_CASE("switching a phase off removes its outputs")
{
    // doctest runs this body once per SUBCASE: the run with every phase on
    // is made once (it was made 8 times, most of the test's 95 s).
    static const Counters on = run_totals(small_scenario({"grid.enabled=true", "power.leader_tenure=20"}));
    REQUIRE(on[C_issues_raised] > 0);
    REQUIRE(on[C_issues_reported] > 0);
    REQUIRE(on[C_issues_discovered] > 0);
    REQUIRE(on[C_issues_resolved] > 0);
    REQUIRE(on[C_payments_on_time] > 0);
    REQUIRE(on[C_contracts_started] > 0);
    REQUIRE(on[C_residents_moved] > 0);
    REQUIRE(on[C_participants] > 0);
    REQUIRE(on[C_good_experiences] > 0);

    SUBCASE("needs")
    {
        const Counters off = run_totals(small_scenario({"phases.needs=false"}));
        CHECK(off[C_issues_raised] == 0);
        CHECK(off[C_issues_reported] == 0);
        CHECK(off[C_issues_resolved] == 0);
    }
    SUBCASE("reporting")
    {
        const Counters off = run_totals(small_scenario({"phases.reporting=false", "grid.enabled=true"}));
        CHECK(off[C_issues_raised] > 0);
        CHECK(off[C_issues_reported] == 0);
        CHECK(off[C_issues_discovered] == 0);
        CHECK(off[C_issues_lapsed] == 0);
    }
    SUBCASE("handling")
    {
        // No burn-in: with handling off the burn-in would leave every resident
        // with an open issue, so no report could be counted afterwards.
        const Counters off = run_totals(small_scenario({"phases.handling=false", "time.burn_in=0"}));
        CHECK(off[C_issues_reported] > 0);
        CHECK(off[C_issues_resolved] == 0);
        CHECK(off[C_issues_bounced] == 0);
        CHECK(off[C_committee_service_hours] == 0);
    }
    SUBCASE("contracts")
    {
        const Counters off = run_totals(small_scenario({"phases.contracts=false"}));
        CHECK(off[C_contracts_started] == 0);
        CHECK(off[C_payments_on_time] + off[C_payments_late] + off[C_payments_defaulted] == 0);
        CHECK(off[C_socorgs_entered] + off[C_socorgs_exited] == 0);
    }
    SUBCASE("power")
    {
        Model m(small_scenario({"phases.power=false", "power.leader_tenure=2"}), 11, 2);
        double changes = 0, moved = 0, departures = 0;
        while (!m.finished()) {
            m.step();
            for (std::uint32_t k = 0; k < m.state().streets.size(); ++k)
                changes += m.street_counters(k)[S_leader_changes];
            moved += m.city_counters()[C_residents_moved];
            departures += m.city_counters()[C_staff_departures];
        }
        CHECK(changes == 0);
        CHECK(moved == 0);
        CHECK(departures == 0);
    }
    SUBCASE("participation")
    {
        const Counters off = run_totals(small_scenario({"phases.participation=false"}));
        CHECK(off[C_participants] == 0);
        CHECK(off[C_volunteer_hours] == 0);
    }
    SUBCASE("experience")
    {
        const Counters off = run_totals(small_scenario({"phases.experience=false"}));
        CHECK(off[C_good_experiences] + off[C_bad_experiences] == 0);
    }
}

TEST_CASE("with experience, talk and participation off, residents' trust never moves")
{
    const Scenario s = small_scenario(
        {"phases.experience=false", "phases.talk=false", "phases.participation=false", "phases.power=false"});
    Model m(s, 5, 2);
    while (!m.finished()) m.step();
    const Counters k = m.city_counters();
    CHECK(k.trust(RESIDENT, COMMITTEE) == doctest::Approx(s.params.trust_initial_committee));
    CHECK(k.trust(RESIDENT, GOVERNMENT) == doctest::Approx(s.params.trust_initial_government));
    CHECK(k.trust(RESIDENT, RESIDENT) == doctest::Approx(s.params.trust_initial_residents));
}

TEST_CASE("in the running model, trust in the committee converges to the rule's fixed point")
{
    // Every committee issue is handled at once (ample staff, no burden), so a
    // resident's experience with the committee is good with probability
    // s = handling.committee_quality. Nothing else moves that trust.
    const double q = 0.7;
    const Scenario s =
        small_scenario({"needs.rate=1", "reporting.base=20", "committee.staff=400", "committee.delegated_items=0",
                        "handling.committee_quality=0.7", "phases.talk=false", "phases.participation=false",
                        "phases.power=false", "trust.expected_weeks=520"},
                       400);
    Model m(s, 3, 2);
    while (!m.finished()) m.step();
    const double expected = trust_fixed_point(q, s.params.trust_a_gain, s.params.trust_a_loss);
    CHECK(m.city_counters().trust(RESIDENT, COMMITTEE) == doctest::Approx(expected).epsilon(0.02));
}

TEST_CASE("cutting the delegated items raises committee service hours")
{
    const Counters heavy = run_totals(small_scenario());
    const Counters light = run_totals(small_scenario({"committee.delegated_items=72"}));
    // H1 is graded (A = S D / (S + D)): 296 -> 72 items give about 1.5 times
    // the service hours and a third of the admin hours, not a cliff.
    CHECK(light[C_committee_service_hours] > 1.3 * heavy[C_committee_service_hours]);
    CHECK(light[C_committee_admin_hours] < heavy[C_committee_admin_hours] / 2);
    CHECK(light[C_issues_resolved] > heavy[C_issues_resolved]);
}

TEST_CASE("grid management discovers silent issues and without it nothing is discovered")
{
    const Counters off = run_totals(small_scenario());
    const Counters on = run_totals(small_scenario({"grid.enabled=true"}));
    CHECK(off[C_issues_discovered] == 0);
    CHECK(on[C_issues_discovered] > 0);
    CHECK(on[C_issues_lapsed] < off[C_issues_lapsed]);
}

TEST_CASE("payment defaults lower social organizations' trust in government")
{
    auto so_trust = [](const Scenario& s) {
        Model m(s, 9, 2);
        while (!m.finished()) m.step();
        return m.city_counters().trust(SOCORG, GOVERNMENT);
    };
    const Overrides common = {"socorg.initial_per_community=3", "socorg.other_income=5"};
    Overrides bad = common;
    bad.push_back("contracts.p_default=0.5");
    CHECK(so_trust(small_scenario(bad, 156)) < so_trust(small_scenario(common, 156)) - 0.05);
}

TEST_CASE("events change parameters at their step")
{
    cogov::test::TempDir dir;
    const auto path =
        dir.write("e.toml", "[time]\nsteps = 10\n[[events]]\nstep = 4\nset = { \"committee.delegated_items\" = 0 }\n");
    Model m(load_scenario_file(path, {"city.communities=2", "city.streets=1", "city.residents_per_community=100"}), 1);
    for (int k = 0; k < 3; ++k) m.step();
    CHECK(m.params().committee_delegated_items == 296);
    CHECK(m.city_counters()[C_committee_admin_hours] > 0);
    m.step();
    CHECK(m.params().committee_delegated_items == 0);
    CHECK(m.city_counters()[C_committee_admin_hours] == 0);
}

TEST_CASE("live parameter changes are validated against the table")
{
    Model m(small_scenario(), 1);
    m.set_parameter(*find_param("trust.a_loss"), 0.3);
    CHECK(m.params().trust_a_loss == 0.3);
    CHECK_THROWS_AS(m.set_parameter(*find_param("trust.a_loss"), 3.0), ScenarioError);
    CHECK_THROWS_AS(m.set_parameter(*find_param("city.communities"), std::int64_t{3}), ScenarioError);
    CHECK_THROWS_AS(m.set_parameter(*find_param("grid.workers_per_cell"), std::int64_t{1000}), ScenarioError);
    CHECK(m.params().trust_a_loss == 0.3);
}

TEST_CASE("state invariants hold after a run: trust in [0,1], queues consistent")
{
    Model m(small_scenario({"grid.enabled=true", "platform.enabled=true", "power.mobility=0.02"}, 104), 4, 2);
    while (!m.finished()) m.step();
    const State& s = m.state();
    for (int a = 0; a < ACTORS; ++a)
        for (float t : s.residents.trust[a]) REQUIRE((t >= 0.0f && t <= 1.0f));
    for (const auto& com : s.communities) {
        std::uint32_t queued = 0;
        for (std::size_t i = com.first; i < com.first + com.size; ++i) {
            const auto stage = s.residents.issue_stage[i];
            queued += stage == AT_COMMITTEE || stage == AT_HANDLER || stage == ORPHANED;
        }
        CHECK(queued == com.queue_length);
        CHECK(com.closures == 0);
    }
}
