// Live runs: changes recorded as events, shocks, replay and the catalog.
#include <doctest/doctest.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "cogov/cli/cli.h"
#include "cogov/sim/h5.h"
#include "cogov/serve/catalog.h"
#include "cogov/serve/errors.h"
#include "cogov/serve/live_run.h"
#include "cogov/serve/views.h"
#include "support.h"

using namespace cogov;
using namespace cogov::serve;

namespace {

Scenario live_scenario(std::int64_t steps = 80)
{
    return test::small_scenario({"socorg.initial_per_community=3", "contracts.per_community=2"}, steps);
}

void step(LiveRun& run, int weeks)
{
    for (int k = 0; k < weeks; ++k) run.step();
}

const ParamSpec& spec(const char* key)
{
    return *find_param(key);
}

}  // namespace

TEST_CASE("a live run replays exactly from its recorded scenario, and cogov rerun reproduces the export")
{
    LiveRun live(live_scenario(), 11);
    std::vector<double> participation;
    auto advance = [&](int weeks) {
        for (int k = 0; k < weeks; ++k) {
            live.step();
            participation.push_back(live.model().city_counters()[C_participants]);
        }
    };
    advance(5);
    live.set(spec("trust.a_loss"), 0.3, "live: trust.a_loss");
    advance(3);
    live.shock(*find_shock("payment_default"));
    advance(20);
    live.set(spec("grid.enabled"), true, "live: grid.enabled");
    live.shock(*find_shock("leader_change"));
    advance(2);

    const Scenario replay = live.replay_scenario();
    CHECK(replay.params.time_steps == 30);
    CHECK(replay.events.size() == 6);  // a_loss, wave, wave ends, grid, leader, leader ends
    test::TempDir dir;
    RunConfig config;
    config.seed = 11;
    config.output = dir.file("export.h5");
    std::vector<double> replayed;
    run(replay, config, [&](const Model& m) { replayed.push_back(m.city_counters()[C_participants]); });
    CHECK(replayed == participation);
    const auto trust = h5::File::open(config.output).read<double>("/city/trust").data;
    const Counters final_week = live.model().city_counters();
    CHECK(trust[trust.size() - ACTORS * ACTORS + SOCORG * ACTORS + GOVERNMENT] == final_week.trust(SOCORG, GOVERNMENT));

    std::ostringstream out, err;
    cli::Io io{out, err};
    REQUIRE(cli::main({"rerun", config.output, "-o", dir.file("again.h5"), "-q"}, io) == 0);
    CHECK(test::differing_datasets(config.output, dir.file("again.h5")).empty());
}

TEST_CASE("a leader-change shock lasts one week, is recorded, and puts the tenure back")
{
    LiveRun live(live_scenario(), 3);
    step(live, 4);
    const double tenure = live.model().params().power_leader_tenure;
    live.shock(*find_shock("leader_change"));
    CHECK(live.model().params().power_leader_tenure == 1);
    live.step();
    double changes = 0;
    for (std::uint32_t k = 0; k < live.model().state().streets.size(); ++k)
        changes += live.model().street_counters(k)[S_leader_changes];
    CHECK(changes == double(live.model().state().streets.size()));  // every street, that week
    live.step();
    CHECK(live.model().params().power_leader_tenure == tenure);
    REQUIRE(live.changes().size() == 2);
    CHECK(live.changes()[0].step == 5);
    CHECK(live.changes()[1].step == 6);
    CHECK(live.changes()[1].note.find("end of shock") == 0);
}

TEST_CASE("a payment-default shock lasts one payment cycle and a value set by hand meanwhile stands")
{
    LiveRun live(live_scenario(), 5);
    const auto& p = live.model().params();
    const double late = p.contracts_p_late;
    live.shock(*find_shock("payment_default"));
    CHECK(p.contracts_p_default == 1.0);
    CHECK(p.contracts_p_late == 0.0);
    step(live, int(p.contracts_payment_interval));
    CHECK(p.contracts_p_default == 1.0);  // still within the cycle
    live.step();
    CHECK(p.contracts_p_default == spec("contracts.p_default").default_value);
    CHECK(p.contracts_p_late == late);

    live.shock(*find_shock("payment_default"));
    live.set(spec("contracts.p_default"), 0.2, "live: contracts.p_default");
    step(live, 20);
    CHECK(p.contracts_p_default == 0.2);
    CHECK(p.contracts_p_late == late);
}

TEST_CASE("several moves of one slider before a week are one event and refused values change nothing")
{
    LiveRun live(live_scenario(), 1);
    live.step();
    for (double v : {0.1, 0.2, 0.25}) live.set(spec("trust.a_gain"), v, "live: trust.a_gain");
    REQUIRE(live.changes().size() == 1);
    CHECK(std::get<double>(live.changes()[0].sets[0].second) == 0.25);

    // p_late + p_default may not exceed 1: refused whole, nothing recorded.
    CHECK_THROWS_AS(live.set(spec("contracts.p_default"), 0.99, "live"), ScenarioError);
    CHECK(live.model().params().contracts_p_default == spec("contracts.p_default").default_value);
    CHECK(live.changes().size() == 1);
    live.step();
    CHECK(live.replay_scenario().events.size() == 1);
}

TEST_CASE("reset starts the same run over and forgets the live changes")
{
    LiveRun live(live_scenario(), 9);
    step(live, 6);
    const double first = live.model().city_counters().trust(RESIDENT, COMMITTEE);
    live.set(spec("trust.a_loss"), 0.0, "live");
    step(live, 4);
    live.reset();
    CHECK(live.model().steps_done() == 0);
    CHECK(live.changes().empty());
    CHECK(live.model().params().trust_a_loss == live.scenario().params.trust_a_loss);
    step(live, 6);
    CHECK(live.model().city_counters().trust(RESIDENT, COMMITTEE) == first);
    CHECK_THROWS_AS(LiveRun(live_scenario(), 1).replay_scenario(), std::logic_error);
}

TEST_CASE("browser values are validated against the parameter table")
{
    using nlohmann::json;
    CHECK(std::get<double>(param_value(spec("trust.a_gain"), json(0.2))) == 0.2);
    CHECK(std::get<double>(param_value(spec("trust.a_gain"), json(1))) == 1.0);
    CHECK(std::get<std::int64_t>(param_value(spec("committee.delegated_items"), json(72.0))) == 72);
    CHECK(std::get<bool>(param_value(spec("grid.enabled"), json(true))));
    CHECK_THROWS_WITH_AS(param_value(spec("trust.a_gain"), json(1.5)),
                         "trust.a_gain: 1.5 is out of range: expected a real number in [0, 1] (per experience)",
                         BadRequest);
    CHECK_THROWS_AS(param_value(spec("committee.delegated_items"), json(7.5)), BadRequest);
    CHECK_THROWS_AS(param_value(spec("grid.enabled"), json(1)), BadRequest);
    CHECK_THROWS_AS(param_value(spec("trust.a_gain"), json("0.2")), BadRequest);
    CHECK_THROWS_WITH_AS(dynamic_param("trust.a_gian"), "trust.a_gian: unknown parameter; did you mean 'trust.a_gain'?",
                         BadRequest);
    CHECK_THROWS_WITH_AS(dynamic_param("city.communities"),
                         "city.communities: fixed at initialisation; it cannot change in a running session",
                         BadRequest);
    for (const auto& c : classroom_controls()) {
        CAPTURE(c.key);
        const ParamSpec* s = find_param(c.key);
        REQUIRE(s);
        CHECK(s->when == ParamWhen::dynamic);
        if (s->type != ParamType::boolean) CHECK((c.lo >= s->min && c.hi <= s->max));
    }
}

TEST_CASE("the catalog offers the library and at least three lessons, all at live size")
{
    Limits limits;
    std::ostringstream warnings;
    const Catalog catalog = Catalog::load(test::source_dir() / "scenarios", limits, warnings);
    CHECK(warnings.str().empty());
    REQUIRE(catalog.find_scenario("baseline"));
    const Params& base = catalog.find_scenario("baseline")->scenario.params;
    CHECK(base.city_communities * base.city_residents_per_community <= limits.max_residents);
    CHECK(catalog.find_scenario("baseline")->original_residents == 100000);
    REQUIRE(catalog.lessons().size() >= 3);
    for (const char* id : {"asymmetry", "broken-promise", "burden-cut"}) {
        CAPTURE(id);
        const CatalogEntry* e = catalog.find_lesson(id);
        REQUIRE(e);
        CHECK(!e->watch.empty());
        CHECK(e->question.find('?') != std::string::npos);
        CHECK(!e->controls.empty());
        // Lessons are made small enough to need no scaling.
        CHECK(e->original_residents ==
              e->scenario.params.city_communities * e->scenario.params.city_residents_per_community);
        CHECK(e->original_residents <= limits.max_residents);
    }
    // A folder without scenarios still offers the built-in baseline.
    test::TempDir empty;
    const Catalog bare = Catalog::load(empty.path(), limits, warnings);
    CHECK(bare.find_scenario("baseline"));
    CHECK(bare.lessons().empty());
}

TEST_CASE("live size scales large scenarios down and leaves small ones alone")
{
    Limits limits;
    limits.max_residents = 1000;
    Params p;
    const Overrides o = live_size(p, limits);
    const Scenario s = builtin_baseline(o);
    CHECK(s.params.city_communities * s.params.city_residents_per_community <= 1000);
    CHECK(s.params.city_streets <= s.params.city_communities);
    p.city_communities = 2;
    p.city_residents_per_community = 100;
    CHECK(live_size(p, limits).empty());
    p.time_steps = 5000;
    CHECK(live_size(p, limits) == Overrides{"time.steps=1040"});
}

TEST_CASE("a week's frame holds the trust matrix, every series, and gaps where nobody is")
{
    LiveRun live(test::small_scenario({"socorg.initial_per_community=0", "socorg.entry_rate=0"}, 5), 2);
    live.step();
    const nlohmann::json frame = week_frame(live.model());
    CHECK(frame["step"] == 1);
    REQUIRE(frame["trust"].size() == ACTORS * ACTORS);
    CHECK(frame["trust"][SOCORG * ACTORS + GOVERNMENT].is_null());  // no social organization
    CHECK(frame["trust"][RESIDENT * ACTORS + GOVERNMENT].get<double>() > 0);
    CHECK(frame["metrics"].size() == metric_table().size());
    const nlohmann::json net = community_network(live.model(), 0, 100);
    // Whole grid cells, at least one, as many as fit in 100 residents.
    const std::uint32_t cell = live.model().state().communities[0].residents_per_cell;
    CHECK(net["shown"].get<std::uint32_t>() == std::max(cell, 100 / cell * cell));
    CHECK(net["residents"].size() == net["shown"].get<std::size_t>());
    CHECK(net["institutions"][0]["id"] == "government");
    for (const auto& tie : net["ties"]) {
        CHECK(tie[0].get<int>() < tie[1].get<int>());
        CHECK((tie[2].get<double>() >= 0 && tie[2].get<double>() <= 1));
    }
}
