// Players' moves (class sessions): the [[human]] tables of a scenario, and
// what each answer does to its agent in the phases. Each mechanism test
// compares the played run with the same city unplayed (the control).
// Checked to fail: with the "stay away" draw not spent (participation.cpp)
// the other residents' participation moved; with pay/renew answers ignored
// (contracts.cpp) the late-payment and renewal cases failed; with the
// closure mark removed a new organization in the slot was played.
#include <doctest/doctest.h>

#include "cogov/sim/model.h"
#include "cogov/sim/scenario.h"
#include "support.h"

using namespace cogov;

namespace {

Scenario with_moves(const std::string& moves, std::int64_t steps = 30)
{
    return load_scenario_text(test::small_scenario({}, steps).to_toml() + moves, "moves.toml");
}

std::string move(std::int64_t step, const char* decision, std::uint64_t agent, const char* choice)
{
    return "\n[[human]]\nstep = " + std::to_string(step) + "\ndecision = \"" + decision +
           "\"\nagent = " + std::to_string(agent) + "\nchoice = \"" + choice + "\"\n";
}

//! The problems of the small scenario with `text` appended (`top`: put first, at top level).
std::string problems_of(const std::string& text, bool top = false)
{
    const std::string base = test::small_scenario().to_toml();
    try {
        load_scenario_text(top ? text + base : base + text, "bad.toml");
    } catch (const ScenarioError& e) {
        std::string all;
        for (const auto& d : e.diagnostics()) all += d.key + ": " + d.message + "\n";
        return all;
    }
    return "";
}

void run_to(Model& m, std::int64_t week)
{
    while (m.steps_done() < week) m.step();
}

}  // namespace

TEST_CASE("human moves: [[human]] tables load, write back and refuse bad entries by key")
{
    const Scenario s = with_moves(move(3, "take_part", 5, "yes") + move(2, "pay", 1, "no"));
    REQUIRE(s.moves.size() == 2);
    CHECK(s.moves[0].step == 2);  // sorted by step
    CHECK(s.moves[0].decision == HumanDecision::pay);
    CHECK(s.moves[1].choice == HumanChoice::yes);
    const Scenario again = load_scenario_text(s.to_toml(), "again.toml");
    CHECK(again.to_toml() == s.to_toml());
    CHECK(test::small_scenario().to_toml().find("[[human]]") == std::string::npos);  // none: the file as before

    CHECK(problems_of(move(1, "vote", 0, "yes")).find("human.decision: expected report, take_part") !=
          std::string::npos);
    CHECK(problems_of(move(1, "pay", 0, "maybe")).find("human.choice") != std::string::npos);
    CHECK(problems_of(move(1, "pay", 2, "yes")).find("agent 2 is not a leader: expected an index in [0, 2)") !=
          std::string::npos);
    CHECK(problems_of(move(1, "report", 2400, "yes")).find("not a resident") != std::string::npos);
    CHECK(problems_of(move(99, "pay", 0, "yes")).find("step 99 is outside the run") != std::string::npos);
    CHECK(problems_of("\n[[human]]\nstep = 1\nagent = 0\nchoice = \"yes\"\n")
              .find("needs step, decision, agent and choice") != std::string::npos);
    CHECK(problems_of(move(1, "pay", 0, "yes") + "colour = 1\n").find("human.colour") != std::string::npos);
    CHECK(problems_of("\n[[human]]\nstep = -1\ndecision = \"pay\"\nagent = 0\nchoice = \"yes\"\n")
              .find("human.step: expected a non-negative integer") != std::string::npos);
    CHECK(problems_of("human = 3\n", true).find("expected [[human]] tables") != std::string::npos);
}

TEST_CASE("human moves: answering 'model' changes nothing, and a player's draws leave the others' alone")
{
    const Scenario plain = test::small_scenario({}, 12);
    const Scenario model_answers = with_moves(move(2, "take_part", 3, "model") + move(2, "pay", 0, "model"), 12);
    Model a(plain, 7), b(model_answers, 7);
    run_to(a, 12);
    run_to(b, 12);
    CHECK(a.state().residents.trust[COMMITTEE] == b.state().residents.trust[COMMITTEE]);
    CHECK(a.city_counters()[C_participants] == b.city_counters()[C_participants]);

    // From week 5 a resident answers against the model: one who takes part
    // there stays away, one who stays away takes part. In week 5 every
    // other resident decides exactly as without the player (same draws,
    // same neighbours).
    Model alone(plain, 7);
    run_to(alone, 5);
    const auto& fa = alone.state().residents.flags;
    std::uint32_t joined = 0, absent = 0;
    while (!(fa[joined] & PARTICIPATED)) ++joined;
    while (fa[absent] & PARTICIPATED) ++absent;
    for (const auto& [agent, choice] : {std::pair{joined, "no"}, std::pair{absent, "yes"}}) {
        const std::string answer = choice;
        CAPTURE(answer);
        Model played(with_moves(move(5, "take_part", agent, choice), 12), 7);
        run_to(played, 5);
        const auto& fp = played.state().residents.flags;
        int differ = 0;
        for (std::size_t i = 0; i < fp.size(); ++i) differ += i != agent && ((fp[i] ^ fa[i]) & PARTICIPATED) != 0;
        CHECK(differ == 0);
        CHECK(((fp[agent] & PARTICIPATED) != 0) == (answer == "yes"));
        CHECK(played.state().residents.efficacy[agent + 1] == alone.state().residents.efficacy[agent + 1]);
    }
}

TEST_CASE("human moves: residents report or stay silent, take part or stay away, week after week")
{
    Model silent(with_moves(move(1, "report", 10, "no") + move(1, "take_part", 10, "no")), 3);
    Model loud(with_moves(move(1, "report", 10, "yes") + move(1, "take_part", 10, "yes")), 3);
    int loud_silent_weeks = 0, loud_absent = 0, quiet_present = 0;
    for (int w = 1; w <= 30; ++w) {
        silent.step();
        loud.step();
        loud_silent_weeks += loud.state().residents.issue_stage[10] == SILENT;  // reported as soon as raised
        loud_absent += (loud.state().residents.flags[10] & PARTICIPATED) == 0;
        quiet_present += (silent.state().residents.flags[10] & PARTICIPATED) != 0;
    }
    CHECK(loud_silent_weeks == 0);
    CHECK(loud_absent == 0);
    CHECK(quiet_present == 0);
}

TEST_CASE("human moves: a street leader's payments and renewals follow the answers")
{
    // Street 0's communities: every payment late from week 1 against the unplayed city.
    Model late(with_moves(move(1, "pay", 0, "no") + move(1, "pay", 1, "no"), 40), 5);
    Model alone(test::small_scenario({}, 40), 5);
    double on_time = 0, late_paid = 0, alone_on_time = 0;
    for (int w = 1; w <= 40; ++w) {
        late.step();
        alone.step();
        on_time += late.city_counters()[C_payments_on_time] + late.city_counters()[C_payments_defaulted];
        late_paid += late.city_counters()[C_payments_late];
        alone_on_time += alone.city_counters()[C_payments_on_time];
    }
    CHECK(on_time == 0);
    CHECK(late_paid > 0);
    CHECK(alone_on_time > 0);

    // Dropping every contract at term end: none renewed; the unplayed city renews some.
    const std::int64_t weeks = 200;
    Model drop(with_moves(move(1, "renew", 0, "no") + move(1, "renew", 1, "no"), weeks), 5);
    Model keep(with_moves(move(1, "renew", 0, "yes") + move(1, "renew", 1, "yes"), weeks), 5);
    double dropped_renewed = 0, kept_renewed = 0;
    for (std::int64_t w = 1; w <= weeks; ++w) {
        drop.step();
        keep.step();
        dropped_renewed += drop.city_counters()[C_contracts_renewed];
        kept_renewed += keep.city_counters()[C_contracts_renewed];
    }
    CHECK(dropped_renewed == 0);
    CHECK(kept_renewed > 0);
}

TEST_CASE("human moves: an organization holds back or invests, and exits for good")
{
    const Scenario base = test::small_scenario({}, 20);
    const auto slots = static_cast<std::uint32_t>(base.params.socorg_max_per_community);
    Model probe(base, 11);
    std::uint32_t slot = 0;
    while (!probe.state().orgs[slot].active) ++slot;

    Model hold(with_moves(move(1, "invest", slot, "no"), 20), 11),
        invest(with_moves(move(1, "invest", slot, "yes"), 20), 11);
    run_to(hold, 20);
    run_to(invest, 20);
    CHECK(hold.state().orgs[slot].capacity < invest.state().orgs[slot].capacity);

    Model exits(with_moves(move(2, "bid", slot, "no"), 20), 11);
    run_to(exits, 2);
    CHECK(exits.state().human.orgs[slot].closed);
    CHECK(exits.state().human.org(slot, HumanDecision::bid) == HumanChoice::model);  // a newcomer here is not played
    CHECK(slot / slots < exits.state().communities.size());
}

TEST_CASE("human moves: a live move replays from the scenario it is logged in")
{
    const Scenario base = test::small_scenario({}, 10);
    Model live(base, 9);
    run_to(live, 3);
    HumanMove m;
    m.decision = HumanDecision::take_part;
    m.agent = 42;
    m.choice = HumanChoice::yes;
    live.apply_human(m);
    run_to(live, 10);
    Model replay(with_moves(move(4, "take_part", 42, "yes"), 10), 9);
    run_to(replay, 10);
    CHECK(live.state().residents.trust[GOVERNMENT] == replay.state().residents.trust[GOVERNMENT]);
    CHECK(live.state().residents.efficacy == replay.state().residents.efficacy);

    m.agent = 2400;  // 6 x 400 residents
    CHECK_THROWS_AS(live.apply_human(m), ScenarioError);
}
