// Lessons keep their word: each "watch for" claim of scenarios/lessons/
// lessons.toml is run here headlessly, through the live-run code the server
// uses (LiveRun, the classroom shocks), on the lesson's own scenario, and
// checked against a control run on the same seed (same random numbers).
// Each claim was broken once to see the test fail; the check is named at
// each test case.
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cogov/serve/catalog.h"
#include "cogov/serve/controls.h"
#include "cogov/serve/errors.h"
#include "cogov/serve/live_run.h"
#include "cogov/serve/session.h"
#include "cogov/serve/views.h"
#include "support.h"

using namespace cogov;
using namespace cogov::serve;

namespace {

//! The lesson's scenario exactly as the server offers it.
Scenario lesson_scenario(const char* id)
{
    Limits limits;
    std::ostringstream warnings;
    const Catalog catalog = Catalog::load(test::source_dir() / "scenarios", limits, warnings);
    const CatalogEntry* e = catalog.find_lesson(id);
    REQUIRE(e);
    return e->scenario;
}

//! One series of a run, week by week (index 0 = week 1).
struct Series {
    std::vector<double> v;
    double mean(std::size_t from_week, std::size_t to_week) const  // inclusive, 1-based
    {
        double sum = 0;
        for (std::size_t w = from_week; w <= to_week; ++w) sum += v.at(w - 1);
        return sum / double(to_week - from_week + 1);
    }
    double at(std::size_t week) const { return v.at(week - 1); }
};

//! Step `run` to `week`, recording the counter (or trust cell, a -> b).
void step_to(LiveRun& run, std::int64_t week, std::vector<Counters>& weeks)
{
    while (run.model().steps_done() < week) {
        run.step();
        weeks.push_back(run.model().city_counters());
    }
}

Series counter(const std::vector<Counters>& weeks, Counter c)
{
    Series s;
    for (const auto& k : weeks) s.v.push_back(k[c]);
    return s;
}

Series trust(const std::vector<Counters>& weeks, int a, int b)
{
    Series s;
    for (const auto& k : weeks) s.v.push_back(k.trust(a, b));
    return s;
}

//! Active social organizations drawn in all communities' network views.
std::size_t organizations_drawn(const Model& m)
{
    std::size_t n = 0;
    for (std::uint32_t c = 0; c < m.state().communities.size(); ++c) {
        const nlohmann::json net = community_network(m, c, 50);
        for (const auto& node : net["institutions"]) n += node["id"].get<std::string>().rfind("socorg-", 0) == 0;
    }
    return n;
}

}  // namespace

// Broken by removing the shock (the wave run is then the control run and
// every comparison fails) and by the scenario's former socorg.other_income
// = 0.5 (organizations then never run dry: the exit and fewer-active checks
// fail).
TEST_CASE("lesson broken-promise: a wave of defaulted payments drives organizations out and the network loses them")
{
    const Scenario s = lesson_scenario("broken-promise");
    for (std::uint64_t seed : {1, 2, 3}) {
        CAPTURE(seed);
        LiveRun wave(s, seed), control(s, seed);
        std::vector<Counters> w, c;
        step_to(wave, 52, w);
        step_to(control, 52, c);
        const std::size_t drawn_before = organizations_drawn(wave.model());
        wave.shock(*find_shock("payment_default"));  // "let a year pass, then press"
        step_to(wave, 70, w);
        step_to(control, 70, c);
        // Within a few months: organizations' trust in government drops by
        // at least 0.1 against the run without the wave...
        CHECK(trust(w, SOCORG, GOVERNMENT).at(70) <= trust(c, SOCORG, GOVERNMENT).at(70) - 0.1);
        // ...organizations close (more exits than without the wave)...
        CHECK(counter(w, C_socorgs_exited).mean(53, 70) > counter(c, C_socorgs_exited).mean(53, 70));
        // ...at least three fewer are active than in the control ("well below the faint line")...
        CHECK(counter(w, C_socorgs_active).at(70) <= counter(c, C_socorgs_active).at(70) - 3);
        // ...and the network view draws fewer organizations than before the wave.
        CHECK(organizations_drawn(wave.model()) < drawn_before);
        // Still fewer a year after the wave: organizations leave for years.
        step_to(wave, 104, w);
        step_to(control, 104, c);
        CHECK(counter(w, C_socorgs_active).at(104) < counter(c, C_socorgs_active).at(104));
    }
}

// Broken by power.continuity = 1 in the lesson scenario (the new leader
// keeps every contract: the dropped-contract check fails).
TEST_CASE("lesson broken-promise: a leader change drops contracts but is a milder blow than the wave")
{
    const Scenario s = lesson_scenario("broken-promise");
    double dropped_leader = 0, dropped_control = 0, active_leader = 0, active_wave = 0;
    for (std::uint64_t seed : {1, 2, 3}) {
        LiveRun leader(s, seed), control(s, seed), wave(s, seed);
        std::vector<Counters> l, c, w;
        step_to(leader, 52, l);
        step_to(control, 52, c);
        step_to(wave, 52, w);
        leader.shock(*find_shock("leader_change"));
        wave.shock(*find_shock("payment_default"));
        step_to(leader, 70, l);
        step_to(control, 70, c);
        step_to(wave, 70, w);
        dropped_leader += counter(l, C_contracts_dropped).mean(53, 70);
        dropped_control += counter(c, C_contracts_dropped).mean(53, 70);
        active_leader += counter(l, C_socorgs_active).at(70);
        active_wave += counter(w, C_socorgs_active).at(70);
    }
    CHECK(dropped_leader > dropped_control);
    CHECK(active_leader > active_wave);
}

// Broken by setting the scripted cut to 296 items (no hours freed, no care
// gained: the hours, resolution and trust checks fail).
TEST_CASE("lesson burden-cut: the cut is marked, frees hours, and more issues end well than in the city without it")
{
    const Scenario s = lesson_scenario("burden-cut");
    // The cut is a scripted event the page marks on the chart.
    REQUIRE(s.events.size() == 1);
    CHECK(s.events[0].step == 27);
    CHECK(scenario_events_json(s)[0]["note"].get<std::string>().find("burden cut") == 0);
    Scenario uncut = s;
    uncut.events.clear();
    for (std::uint64_t seed : {1, 2, 3}) {
        CAPTURE(seed);
        LiveRun cut(s, seed), control(uncut, seed);
        std::vector<Counters> a, b;
        step_to(cut, 104, a);
        step_to(control, 104, b);
        // The committee's hours for residents grow by a fifth or more
        // (measured about a third: the staff's service share S/(S+D) rises).
        CHECK(counter(a, C_committee_service_hours).mean(28, 52) >=
              1.2 * counter(a, C_committee_service_hours).mean(1, 26));
        // Over the year after the first half-year, the share of closed issues
        // that end well is at least 3 points above the same city without the
        // cut (measured about 5 points).
        const double share_cut =
            counter(a, C_issues_resolved).mean(53, 104) / counter(a, C_issues_closed).mean(53, 104);
        const double share_uncut =
            counter(b, C_issues_resolved).mean(53, 104) / counter(b, C_issues_closed).mean(53, 104);
        CHECK(share_cut >= share_uncut + 0.03);
        // Trust in the committee follows, but little (the lesson's question).
        const double gain = trust(a, RESIDENT, COMMITTEE).at(104) - trust(b, RESIDENT, COMMITTEE).at(104);
        CHECK(gain > 0);
        CHECK(gain < 0.1);
    }
}

// Broken by running the lesson with trust.a_loss = trust.a_gain (the fall
// checks and the gap check fail: trust stays near 0.6).
TEST_CASE("lesson asymmetry: trust falls though most issues end well, and stops falling when losses weigh as gains")
{
    const Scenario s = lesson_scenario("asymmetry");
    const ParamSpec& a_loss = *find_param("trust.a_loss");
    for (std::uint64_t seed : {1, 2}) {
        CAPTURE(seed);
        LiveRun lesson(s, seed), even(s, seed);
        even.set(a_loss, s.params.trust_a_gain, "live: trust.a_loss");
        std::vector<Counters> a, b;
        step_to(lesson, 104, a);
        step_to(even, 104, b);
        Series resolved = counter(a, C_issues_resolved), closed = counter(a, C_issues_closed);
        CHECK(resolved.mean(1, 104) > 0.5 * closed.mean(1, 104));  // more than half end well
        const Series gov = trust(a, RESIDENT, GOVERNMENT);
        CHECK(gov.at(104) <= gov.at(1) - 0.1);  // falls by at least 0.1 in two years
        CHECK(trust(a, RESIDENT, COMMITTEE).at(104) < trust(a, RESIDENT, COMMITTEE).at(1));
        // With a bad experience weighing as a good one the line holds (within
        // 0.05) and the gap to the lesson's run is at least 0.1.
        const Series held = trust(b, RESIDENT, GOVERNMENT);
        CHECK(std::abs(held.at(104) - held.at(1)) < 0.05);
        CHECK(held.at(104) - gov.at(104) >= 0.1);
    }
}

// The ghost: broken by giving the twin another seed (every week's
// ghost-equals-left-alone check and the before-the-change check fail).
TEST_CASE("a session's frames carry the ghost: the same city left alone on the same random numbers")
{
    const Scenario s = lesson_scenario("burden-cut");
    Limits limits;
    Session session("s1", "lesson burden-cut", s, 4, limits);
    StreamCursor cursor = session.attach();
    for (int k = 0; k < 5; ++k) session.step();
    session.set(*find_param("committee.hours_per_item"), 0.1);
    for (int k = 0; k < 35; ++k) session.step();
    std::vector<nlohmann::json> frames;
    std::istringstream events(session.next_events(cursor, Clock::now()));
    std::string event;
    for (std::string line; std::getline(events, line);) {
        if (line.rfind("event: ", 0) == 0) event = line.substr(7);
        if (line.rfind("data: ", 0) == 0 && event == "frame") frames.push_back(nlohmann::json::parse(line.substr(6)));
    }
    REQUIRE(frames.size() == 40);
    // The ghost is the same run without scripted events or live changes.
    Scenario alone = s;
    alone.events.clear();
    LiveRun twin(alone, 4);
    for (std::size_t w = 0; w < frames.size(); ++w) {
        twin.step();
        CAPTURE(w);
        CHECK(frames[w]["ghost"]["metrics"]["backlog"] == week_frame(twin.model())["metrics"]["backlog"]);
    }
    // Same random numbers: identical before the first change, apart after.
    CHECK(frames[4]["metrics"]["backlog"] == frames[4]["ghost"]["metrics"]["backlog"]);
    CHECK(frames[39]["metrics"]["backlog"] != frames[39]["ghost"]["metrics"]["backlog"]);
    session.close();
}

// Broken by removing the finished() checks in Session::set and
// Session::shock (the change is then accepted and listed but never applied).
TEST_CASE("a finished session refuses levers and shocks, which would never apply")
{
    Limits limits;
    Session session("s2", "test", test::small_scenario({}, 3), 1, limits);
    session.set(*find_param("trust.a_gain"), 0.2);
    for (int k = 0; k < 3; ++k) session.step();
    CHECK(session.status()["finished"] == true);
    CHECK_THROWS_AS(session.set(*find_param("trust.a_gain"), 0.3), HttpError);
    CHECK_THROWS_AS(session.shock(*find_shock("leader_change")), HttpError);
    CHECK(session.status()["changes"].size() == 1);
    session.reset();
    CHECK_NOTHROW(session.set(*find_param("trust.a_gain"), 0.3));
    session.close();
}
