// The parameter table: complete, consistent, and round-tripping.
#include <doctest/doctest.h>

#include <cmath>
#include <set>

#include "cogov/sim/params.h"
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
