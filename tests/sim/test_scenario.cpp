// Scenario files: loading, inheritance, overrides, events and refusals.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "cogov/sim/library.h"
#include "cogov/sim/scenario.h"
#include "support.h"

using namespace cogov;
using cogov::test::TempDir;

namespace {

//! The diagnostics a scenario text is refused with (empty if accepted).
std::vector<Diagnostic> refusal(const TempDir& dir, const std::string& text, const Overrides& o = {})
{
    const std::string path = dir.write("s.toml", text);
    try {
        load_scenario_file(path, o);
    } catch (const ScenarioError& e) {
        return e.diagnostics();
    }
    return {};
}

}  // namespace

TEST_CASE("a scenario sets parameters by section and keeps defaults elsewhere")
{
    TempDir dir;
    const auto path = dir.write("s.toml", "name = \"cut\"\n[committee]\ndelegated_items = 72\n[trust]\na_gain = 0.1\n");
    const Scenario s = load_scenario_file(path);
    CHECK(s.name == "cut");
    CHECK(s.params.committee_delegated_items == 72);
    CHECK(s.params.trust_a_gain == 0.1);
    CHECK(s.params.trust_a_loss == Params{}.trust_a_loss);
    CHECK(s.origins[static_cast<std::size_t>(find_param("committee.delegated_items") - param_table().data())].line ==
          3);
}

TEST_CASE("integers are accepted for reals but not reals for integers")
{
    TempDir dir;
    CHECK(refusal(dir, "[trust]\na_gain = 1\n").empty());
    const auto d = refusal(dir, "[committee]\ndelegated_items = 72.5\n");
    REQUIRE(d.size() == 1);
    CHECK(d[0].key == "committee.delegated_items");
    CHECK(d[0].message == "expected an integer in [0, 10000], got a real number");
    CHECK(d[0].where.line == 2);
    CHECK(d[0].where.column == 19);
}

TEST_CASE("an unknown key is refused with file, line, column and a suggestion")
{
    TempDir dir;
    const auto d = refusal(dir, "name = \"x\"\n\n[trust]\na_gian = 0.1\n");
    REQUIRE(d.size() == 1);
    CHECK(d[0].key == "trust.a_gian");
    CHECK(d[0].where.line == 4);
    CHECK(d[0].where.column == 1);
    CHECK(d[0].message == "unknown key; did you mean 'trust.a_gain'?");
    CHECK(d[0].text().find("s.toml:4:1: error: trust.a_gian: unknown key") != std::string::npos);
    // A parameter written at the top level is pointed to its section.
    const auto top = refusal(dir, "a_gain = 0.1\n");
    REQUIRE(top.size() == 1);
    CHECK(top[0].message == "unknown key; did you mean 'trust.a_gain'?");
    const auto section = refusal(dir, "[trsut]\na_gain = 0.1\n");
    REQUIRE(section.size() == 1);
    CHECK(section[0].message == "unknown key; did you mean 'trust'?");
}

TEST_CASE("wrong types and out-of-range values name the allowed range and unit")
{
    TempDir dir;
    auto d = refusal(dir, "[trust]\na_loss = \"high\"\n");
    REQUIRE(d.size() == 1);
    CHECK(d[0].message == "expected a real number in [0, 1], got a string");
    d = refusal(dir, "[trust]\na_loss = 1.5\n");
    REQUIRE(d.size() == 1);
    CHECK(d[0].message == "1.5 is out of range: expected a real number in [0, 1] (per experience)");
    d = refusal(dir, "[grid]\nenabled = 1\n");
    REQUIRE(d.size() == 1);
    CHECK(d[0].message == "expected a boolean in {true, false}, got an integer");
}

TEST_CASE("every problem in a file is reported, not just the first")
{
    TempDir dir;
    const auto d = refusal(dir, "[trust]\na_gian = 0.1\na_loss = 7\n[committee]\nstaff = \"seven\"\n");
    CHECK(d.size() == 3);
}

TEST_CASE("TOML syntax errors carry their position")
{
    TempDir dir;
    const auto d = refusal(dir, "[trust\na_gain = 0.1\n");
    REQUIRE(d.size() == 1);
    CHECK(d[0].where.line == 1);
    CHECK(d[0].message.rfind("TOML syntax error", 0) == 0);
}

TEST_CASE("base files are inherited, overridden, and resolved relative to the child")
{
    TempDir dir;
    std::filesystem::create_directories(dir.path() / "lib");
    dir.write("lib/parent.toml", "name = \"parent\"\n[committee]\ndelegated_items = 100\nstaff = 9\n");
    const auto child =
        dir.write("child.toml", "base = \"lib/parent.toml\"\nname = \"child\"\n[committee]\nstaff = 5\n");
    const Scenario s = load_scenario_file(child);
    CHECK(s.name == "child");
    CHECK(s.params.committee_delegated_items == 100);
    CHECK(s.params.committee_staff == 5);
}

TEST_CASE("a base that is no file next to the scenario is a library name")
{
    TempDir dir;
    const auto child = dir.write("child.toml",
                                 "base = \"chongqing-three-society-linkage\"\nname = \"child\"\n"
                                 "[committee]\nstaff = 5\n");
    const Scenario s = load_scenario_file(child);
    const Scenario lib = load_scenario_file((library_dir() / "chongqing-three-society-linkage.toml").string());
    CHECK(s.name == "child");
    CHECK(s.params.committee_staff == 5);
    CHECK(s.params.committee_delegated_items == lib.params.committee_delegated_items);
    CHECK(s.events.size() == lib.events.size());
    CHECK(load_scenario_file(dir.write("c2.toml", "base = \"baseline.toml\"\n")).params == Params{});
}

TEST_CASE("the library is found next to the program, or where COGOV_SCENARIOS says")
{
    const auto path = library_search_path();
    REQUIRE(!path.empty());
    // The test program runs from build/bin: build/share/cogov/scenarios is
    // the build tree's link to the source library.
    CHECK(std::filesystem::equivalent(library_dir(), std::filesystem::path(COGOV_SOURCE_DIR) / "scenarios"));
    CHECK(library_file(library_dir(), "grid-management").has_value());
    CHECK(library_file(library_dir(), "grid-management.toml").has_value());
    CHECK_FALSE(library_file(library_dir(), "lessons/asymmetry").has_value());
    TempDir dir;
    dir.write("only.toml", "name = \"only\"\n");
    ::setenv("COGOV_SCENARIOS", dir.path().c_str(), 1);
    const auto dir_then = library_dir();
    const auto names = library_entries(dir_then);
    ::unsetenv("COGOV_SCENARIOS");
    CHECK(dir_then == dir.path());
    REQUIRE(names.size() == 1);
    CHECK(names[0].name == "only");
}

TEST_CASE("an unreadable or cyclic base is refused")
{
    TempDir dir;
    auto d = refusal(dir, "base = \"missing.toml\"\n");
    REQUIRE(d.size() == 1);
    CHECK(d[0].key == "base");
    CHECK(d[0].where.line == 1);
    // Says where it looked: next to the file, then in the library.
    CHECK(d[0].message.find("looked for " + dir.file("missing.toml")) != std::string::npos);
    CHECK(d[0].message.find((library_dir() / "missing.toml").string()) != std::string::npos);
    d = refusal(dir, "base = \"sub/missing.toml\"\n");  // a path is not a library name
    REQUIRE(d.size() == 1);
    CHECK(d[0].message.find(", ") == std::string::npos);

    dir.write("a.toml", "base = \"b.toml\"\n");
    dir.write("b.toml", "base = \"a.toml\"\n");
    try {
        load_scenario_file(dir.file("a.toml"));
        FAIL("cycle accepted");
    } catch (const ScenarioError& e) {
        REQUIRE(e.diagnostics().size() == 1);
        CHECK(e.diagnostics()[0].message.find("cyclic base chain") != std::string::npos);
    }
}

TEST_CASE("--set overrides apply last and are validated like file values")
{
    TempDir dir;
    const auto path = dir.write("s.toml", "[trust]\na_gain = 0.1\n");
    const Scenario s = load_scenario_file(path, {"trust.a_gain=0.2", "grid.enabled=true"});
    CHECK(s.params.trust_a_gain == 0.2);
    CHECK(s.params.grid_enabled);
    auto d = refusal(dir, "", {"trust.a_gain=abc"});
    REQUIRE(d.size() == 1);
    CHECK(d[0].where.file == "--set");
    CHECK(d[0].message == "expected a real number in [0, 1], got 'abc'");  // the text as typed
    d = refusal(dir, "", {"trust.again=0.1"});
    REQUIRE(d.size() == 1);
    CHECK(d[0].message == "unknown key; did you mean 'trust.a_gain'?");
}

TEST_CASE("events are sorted by step and change dynamic parameters only")
{
    TempDir dir;
    const auto path = dir.write("s.toml",
                                "[[events]]\nstep = 104\nnote = \"defaults\"\nset = { \"contracts.p_default\" = 0.2 }\n"
                                "[[events]]\nstep = 52\nset.committee.delegated_items = 72\n");
    const Scenario s = load_scenario_file(path);
    REQUIRE(s.events.size() == 2);
    CHECK(s.events[0].step == 52);
    CHECK(s.events[0].sets.at(0).first->key == "committee.delegated_items");
    CHECK(s.events[1].note == "defaults");
    auto d = refusal(dir, "[[events]]\nstep = 5\nset = { \"city.communities\" = 3 }\n");
    REQUIRE(d.size() == 1);
    CHECK(d[0].message == "fixed at initialisation; an event cannot change it");
}

TEST_CASE("an event past the end of the run is refused")
{
    TempDir dir;
    const auto d = refusal(dir, "[time]\nsteps = 100\n[[events]]\nstep = 101\nset = { \"grid.enabled\" = true }\n");
    REQUIRE(d.size() == 1);
    CHECK(d[0].where.line == 3);
    CHECK(d[0].message == "step 101 is outside the run: expected an integer in [1, 100] (time.steps)");
}

TEST_CASE("combinations that cannot work are refused where the value was set")
{
    TempDir dir;
    auto d = refusal(dir, "[grid]\nworkers_per_cell = 900\n");
    REQUIRE(d.size() == 1);
    CHECK(d[0].key == "grid.workers_per_cell");
    CHECK(d[0].where.line == 2);
    CHECK(d[0].message.find("more grid workers than residents") != std::string::npos);
    d = refusal(dir, "[residents]\nshare_elderly = 0.6\nshare_families = 0.5\n");
    REQUIRE(d.size() == 1);
    CHECK(d[0].message.find("exceeds 1") != std::string::npos);
    d = refusal(dir, "[city]\nstreets = 80\n");
    REQUIRE(d.size() == 1);
    // A combination that only goes wrong after an event is caught too.
    d = refusal(dir, "[[events]]\nstep = 3\nset = { \"grid.workers_per_cell\" = 900 }\n");
    REQUIRE(d.size() == 1);
    CHECK(d[0].where.line == 1);
}

TEST_CASE("the resolved TOML loads back to an identical scenario")
{
    TempDir dir;
    const auto path =
        dir.write("s.toml",
                  "name = \"round \\\"trip\\\"\"\ndescription = \"two\\nlines\"\n[trust]\na_gain = 0.1234567890123\n"
                  "[[events]]\nstep = 3\nnote = \"n\"\nset = { \"grid.enabled\" = true, \"committee.staff\" = 9 }\n");
    const Scenario a = load_scenario_file(path);
    const Scenario b = load_scenario_text(a.to_toml(), "resolved");
    CHECK(a.params == b.params);
    CHECK(a.name == b.name);
    CHECK(a.description == b.description);
    REQUIRE(b.events.size() == 1);
    CHECK(b.events[0].sets.size() == 2);
    CHECK(b.to_toml() == a.to_toml());
}

TEST_CASE("scenarios/baseline.toml is the built-in baseline and documents every parameter")
{
    const auto path = (test::source_dir() / "scenarios" / "baseline.toml").string();
    const Scenario file = load_scenario_file(path);
    CHECK(file.params == builtin_baseline().params);
    CHECK(file.events.empty());
    // Every parameter is set explicitly, so the file explains each one.
    for (std::size_t k = 0; k < param_table().size(); ++k) {
        CAPTURE(param_table()[k].key);
        CHECK_FALSE(file.origins[k].file.empty());
    }
}
