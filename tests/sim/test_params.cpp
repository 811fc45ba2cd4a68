// The parameter table: complete, consistent, and round-tripping.
#include <doctest/doctest.h>

#include <cmath>
#include <set>

#include "cogov/sim/params.h"
#include "cogov/sim/scenario.h"
#include "cogov/sim/text.h"

using namespace cogov;

TEST_CASE("every parameter has a unique key, a unit, a meaning and a default in range")
{
    std::set<std::string_view> keys;
    for (const auto& spec : param_table()) {
        CAPTURE(spec.key);
        CHECK(keys.insert(spec.key).second);
        CHECK(spec.key == std::string(spec.section) + "." + std::string(spec.name));
        CHECK_FALSE(spec.unit.empty());
        CHECK_FALSE(spec.meaning.empty());
        CHECK_FALSE(spec.check(spec.get(Params{})).has_value());
        if (spec.type != ParamType::boolean) CHECK(spec.min <= spec.max);
    }
    CHECK(param_table().size() > 100);
}

TEST_CASE("every parameter says where its value comes from")
{
    // Checked by deleting the evidence and source of one params.def row (it
    // compiles as "unstated") and watching this fail.
    for (const auto& spec : param_table()) {
        CAPTURE(spec.key);
        CHECK(spec.evidence != Evidence::unstated);
        CHECK(spec.source.find_first_not_of(" ") != std::string_view::npos);
    }
}

TEST_CASE("sections appear in one contiguous block each")
{
    std::set<std::string_view> seen;
    for (auto section : param_sections()) CHECK(seen.insert(section).second);
}

TEST_CASE("get and set go through the declared field")
{
    Params p;
    const ParamSpec* gain = find_param("trust.a_gain");
    REQUIRE(gain);
    gain->set(p, 0.25);
    CHECK(p.trust_a_gain == 0.25);
    const ParamSpec* items = find_param("committee.delegated_items");
    REQUIRE(items);
    CHECK(std::get<std::int64_t>(items->get(p)) == 296);
    CHECK(p != Params{});
    CHECK(find_param("trust.no_such") == nullptr);
}

TEST_CASE("range checks refuse values outside [min, max] and non-finite reals")
{
    const ParamSpec* gain = find_param("trust.a_gain");
    CHECK(gain->check(1.5).has_value());
    CHECK(gain->check(-0.1).has_value());
    CHECK(gain->check(std::nan("")).has_value());
    CHECK_FALSE(gain->check(0.0).has_value());
    CHECK(*gain->check(2.0) == "expected a real number in [0, 1]");
}

TEST_CASE("reals format to the shortest text that reads back exactly")
{
    for (double x : {0.1, 1.0, 1e-300, 0.30000000000000004, 123456789.123, 2.5e-7}) {
        const std::string s = format_real(x);
        CAPTURE(s);
        CHECK(std::stod(s) == x);
        CHECK(s.find_first_of(".e") != std::string::npos);
    }
    CHECK(format_value(std::int64_t{72}) == "72");
    CHECK(format_value(true) == "true");
}

TEST_CASE("closest keys suggest the intended parameter")
{
    CHECK(closest_param_keys("trust.a_gian").at(0) == "trust.a_gain");
    CHECK(closest_param_keys("committee.delegated_item").at(0) == "committee.delegated_items");
    CHECK(closest_param_keys("zzzzzzzzzzzz").empty());
    CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("one entry point reads a parameter value from any reader, with one set of messages")
{
    const ParamSpec& share = *find_param("residents.share_migrants");
    const ParamSpec& staff = *find_param("committee.staff");
    const ParamSpec& grid = *find_param("grid.enabled");
    const Origin at{"f.toml", 3, 1};
    const auto value = [&](const ParamSpec& spec, const RawValue& raw) {
        return std::get<ParamValue>(spec.read(raw, at));
    };
    const auto refusal = [&](const ParamSpec& spec, const RawValue& raw) {
        return std::get<Diagnostic>(spec.read(raw, at));
    };

    CHECK(std::get<double>(value(share, RawValue::of(std::int64_t{0}))) == 0.0);
    CHECK(std::get<double>(value(share, RawValue::of_text("0.25"))) == 0.25);
    CHECK(std::get<std::int64_t>(value(staff, RawValue::of(9.0))) == 9);
    CHECK(std::get<std::int64_t>(value(staff, RawValue::of_text("9"))) == 9);
    CHECK(std::get<bool>(value(grid, RawValue::of_text("1"))));
    CHECK(std::get<bool>(value(grid, RawValue::of_text("false"))) == false);

    CHECK(refusal(staff, RawValue::of(9.5)).message ==
          "expected an integer in " + staff.range_text() + ", got a real number");
    CHECK(refusal(staff, RawValue::of_text("nine")).message.find("got 'nine'") != std::string::npos);
    CHECK(refusal(grid, RawValue::of(std::int64_t{1})).message ==
          "expected a boolean in {true, false}, got an integer");
    CHECK(refusal(share, RawValue::of_text("nan")).message.find("non-finite") != std::string::npos);
    CHECK(refusal(share, RawValue::other("a string")).message.find("got a string") != std::string::npos);

    // A share written as a percentage gets a hint; a value merely out of range does not.
    const Diagnostic pct = refusal(share, RawValue::of(std::int64_t{30}));
    CHECK(pct.key == "residents.share_migrants");
    CHECK(pct.where.line == 3);
    CHECK(pct.message ==
          "30.0 is out of range: expected a real number in [0, 1] (share); a probability or share: did you "
          "mean 0.3?");
    CHECK(refusal(share, RawValue::of(150.0)).message.find("did you mean") == std::string::npos);

    // TOML and --set go through it: the same mistake, the same message.
    for (const auto& [text, overrides] : {std::pair<std::string, Overrides>{"[residents]\nshare_migrants = 30\n", {}},
                                          std::pair<std::string, Overrides>{"", {"residents.share_migrants=30"}}}) {
        try {
            load_scenario_text(text, "s.toml", overrides);
            FAIL("accepted");
        } catch (const ScenarioError& e) {
            REQUIRE(e.diagnostics().size() == 1);
            CHECK(e.diagnostics()[0].message == pct.message);
        }
    }
}

TEST_CASE("the one unknown-key diagnostic suggests the closest key, or the full key of a bare name")
{
    const Origin at{"f.csv", 1, 4};
    CHECK(unknown_param(at, "trust.a_gian", "parameter").message == "unknown parameter; did you mean 'trust.a_gain'?");
    CHECK(unknown_param(at, "a_gain").message == "unknown key; did you mean 'trust.a_gain'?");
    CHECK(unknown_param(at, "zzzzzzzzzzzz").message == "unknown key");
    CHECK(unknown_key(at, "stpe", {"step", "note", "set"}, "event key").message ==
          "unknown event key; did you mean 'step'?");
}
