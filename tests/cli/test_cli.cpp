// The cogov command, driven in-process: exit statuses and messages.
#include <doctest/doctest.h>

#include <algorithm>

#include <fstream>
#include <sstream>

#include "cogov/cli/cli.h"
#include "cli_support.h"
#include "cogov/sim/h5.h"
#include "cogov/sim/run.h"
#include "support.h"

using namespace cogov;

namespace {

using test::cogov_cmd;

const cli::Args SMALL = {"--set", "city.communities=3",
                         "--set", "city.streets=1",
                         "--set", "city.residents_per_community=200",
                         "--set", "grid.households_per_cell=30"};

cli::Args with(cli::Args base, const cli::Args& more)
{
    base.insert(base.end(), more.begin(), more.end());
    return base;
}

}  // namespace

TEST_CASE("every subcommand answers --help with status 0")
{
    for (const char* cmd : {"run", "check", "params", "info", "rerun"}) {
        CAPTURE(cmd);
        const auto r = cogov_cmd({cmd, "--help"});
        CHECK(r.status == 0);
        CHECK(r.out.find("usage: cogov ") != std::string::npos);
    }
    CHECK(cogov_cmd({"--help"}).status == 0);
    CHECK(cogov_cmd({}).status == 2);
}

TEST_CASE("bad usage exits 2 with a message")
{
    auto r = cogov_cmd({"frobnicate"});
    CHECK(r.status == 2);
    CHECK(r.err.find("unknown command 'frobnicate'") != std::string::npos);
    r = cogov_cmd({"run"});
    CHECK(r.status == 2);
    CHECK(r.err.find("output") != std::string::npos);
    r = cogov_cmd({"run", "-o", "x.h5", "--bogus"});
    CHECK(r.status == 2);
    r = cogov_cmd({"params", "--format", "yaml"});
    CHECK(r.status == 2);
}

TEST_CASE("a bad scenario exits 2, names file, line, column and key, and writes nothing")
{
    test::TempDir dir;
    const auto scen = dir.write("bad.toml", "[trust]\na_gian = 0.1\n[committee]\ndelegated_items = -5\n");
    const auto out = dir.file("out.h5");
    const auto r = cogov_cmd({"run", scen, "-o", out});
    CHECK(r.status == 2);
    CHECK(r.err.find("bad.toml:2:1: error: trust.a_gian: unknown key; did you mean 'trust.a_gain'?") !=
          std::string::npos);
    CHECK(
        r.err.find(
            "bad.toml:4:19: error: committee.delegated_items: -5 is out of range: expected an integer in [0, 10000]") !=
        std::string::npos);
    CHECK(r.err.find("2 problems") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out));
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()) == 1);
    CHECK(cogov_cmd({"check", scen}).status == 2);
}

TEST_CASE("run writes a file and a summary, and info and rerun read it back")
{
    test::TempDir dir;
    const auto out = dir.file("run.h5");
    auto r = cogov_cmd(with({"run", "-o", out, "--steps", "12", "--seed", "5", "--threads", "2"}, SMALL));
    REQUIRE(r.status == 0);
    CHECK(r.out.find("scenario 'baseline', seed 5, 12 weeks, 600 residents in 3 communities") != std::string::npos);
    CHECK(r.out.find("residents' trust in resident_committee") != std::string::npos);

    r = cogov_cmd(with({"run", "-o", out, "--steps", "12"}, SMALL));
    CHECK(r.status == 2);
    CHECK(r.err.find("already exists; use --force") != std::string::npos);

    r = cogov_cmd({"info", out});
    CHECK(r.status == 0);
    CHECK(r.out.find("seed            5") != std::string::npos);
    CHECK(r.out.find("steps           12 weeks") != std::string::npos);

    const auto again = dir.file("again.h5");
    r = cogov_cmd({"rerun", out, "-o", again, "--quiet"});
    CHECK(r.status == 0);
    CHECK(r.out.empty());
    CHECK(test::differing_datasets(out, again).empty());
}

TEST_CASE("info and rerun refuse a file that is not a cogov run with status 2")
{
    test::TempDir dir;
    const auto text = dir.write("x.h5", "not hdf5");
    auto r = cogov_cmd({"info", text});
    CHECK(r.status == 2);
    CHECK(r.err.find("not an HDF5 file") != std::string::npos);
    r = cogov_cmd({"rerun", dir.file("missing.h5"), "-o", dir.file("y.h5")});
    CHECK(r.status == 2);
}

TEST_CASE("check prints the resolved scenario, which check accepts again")
{
    test::TempDir dir;
    const auto scen = dir.write("s.toml", "name = \"x\"\n[committee]\ndelegated_items = 72\n");
    const auto r = cogov_cmd({"check", scen, "--set", "grid.enabled=true", "--origins"});
    REQUIRE(r.status == 0);
    CHECK(r.out.find("delegated_items = 72") != std::string::npos);
    CHECK(r.out.find("#   committee.delegated_items: " + scen + ":3:1") != std::string::npos);
    CHECK(r.out.find("#   grid.enabled: --set") != std::string::npos);
    const auto resolved = dir.write("resolved.toml", r.out);
    CHECK(cogov_cmd({"check", resolved}).status == 0);
}

TEST_CASE("params lists every parameter and docs/parameters.md is its Markdown output")
{
    const auto r = cogov_cmd({"params"});
    REQUIRE(r.status == 0);
    for (const auto& spec : param_table()) CHECK(r.out.find(std::string(spec.name)) != std::string::npos);
    const auto md = cogov_cmd({"params", "--format", "markdown"});
    std::ifstream in(test::source_dir() / "docs" / "parameters.md");
    std::stringstream doc;
    doc << in.rdbuf();
    CHECK_MESSAGE(doc.str() == md.out,
                  "docs/parameters.md is stale: regenerate with "
                  "`cogov params --format markdown > docs/parameters.md`");
    const auto toml = cogov_cmd({"params", "--format", "toml"});
    CHECK(load_scenario_text(toml.out, "params.toml").params == Params{});
}

TEST_CASE("scenarios/baseline.toml's parameter body, comments included, is generated from the table")
{
    // Values, meanings, units, ranges and static marks: a changed comment
    // (checked by editing one unit in the file) fails here, not only a value.
    std::ifstream in(test::source_dir() / "scenarios" / "baseline.toml");
    std::stringstream text;
    text << in.rdbuf();
    const std::string file = text.str();
    const auto body = file.find("\n[time]\n");
    REQUIRE(body != std::string::npos);
    const auto toml = cogov_cmd({"params", "--format", "toml"});
    REQUIRE(toml.status == 0);
    CHECK_MESSAGE(file.substr(body) == toml.out, "scenarios/baseline.toml is stale: run scripts/regenerate.sh");
}

TEST_CASE("list shows every library scenario with its description, and all of them are valid")
{
    const auto r = cogov_cmd({"list"});
    REQUIRE(r.status == 0);
    for (const char* name : {"baseline", "chongqing-three-society-linkage", "sunan-government-led",
                             "contract-renewal-risk", "contract-renewal-risk-third-party", "power-instability",
                             "grid-management", "hollow-government", "outsourced-services"}) {
        const std::string scenario = name;
        CAPTURE(scenario);
        CHECK(r.out.find(std::string(name) + " ") != std::string::npos);
        CHECK(cogov_cmd({"check", name}).status == 0);  // library names resolve
    }
    CHECK(r.out.find("(invalid") == std::string::npos);
}

TEST_CASE("compare prints paired differences and writes its file")
{
    test::TempDir dir;
    const auto out = dir.file("cmp.h5");
    const auto r = cogov_cmd(
        with({"compare", "baseline", "grid-management", "-r", "2", "-o", out, "--steps", "10", "--threads", "2"},
             SMALL));
    REQUIRE(r.status == 0);
    CHECK(r.out.find("'grid-management' vs 'baseline' (2 paired replicates, 95% CI; means, totals and shares over "
                     "weeks 1-10 (the whole run))") != std::string::npos);
    CHECK(r.out.find("total.issues_discovered") != std::string::npos);
    CHECK(std::filesystem::exists(out));
    CHECK(cogov_cmd({"compare", "baseline", "-o", dir.file("one.h5")}).status == 2);

    // --all prints every outcome that changes and leaves out those that never do.
    const auto all = cogov_cmd(
        with({"compare", "baseline", "grid-management", "-r", "2", "-o", dir.file("all.h5"), "--steps", "10", "--all"},
             SMALL));
    REQUIRE(all.status == 0);
    CHECK(all.out.find("total.issues_raised") != std::string::npos);
    CHECK(all.out.find("total.contracts_dropped") == std::string::npos);  // 0 in every run of 10 weeks
    CHECK(all.out.find("total.contracts_renewed") != std::string::npos);  // staggered terms: some end in 10 weeks
    CHECK(std::count(all.out.begin(), all.out.end(), '\n') > std::count(r.out.begin(), r.out.end(), '\n'));
    // cogov info reads comparison files (it refused them once).
    const auto info = cogov_cmd({"info", out});
    CHECK(info.status == 0);
    CHECK(info.out.find("format          cogov-compare v") != std::string::npos);
    CHECK(info.out.find("arms            'baseline' (base), 'grid-management'") != std::string::npos);
    CHECK(info.out.find("replicates      2 paired (common random numbers)") != std::string::npos);
}

TEST_CASE("run --checkpoint-at and --from: options are checked and the continuation completes the run")
{
    test::TempDir dir;
    const auto straight = dir.file("s.h5"), cp = dir.file("cp.h5"), cont = dir.file("c.h5");
    REQUIRE(cogov_cmd(
                with({"run", "-o", straight, "--steps", "12", "--checkpoint-at", "5", "--checkpoint", cp, "-q"}, SMALL))
                .status == 0);
    CHECK(cogov_cmd(with({"run", "-o", cont, "--steps", "12", "--from", cp, "--seed", "3"}, SMALL)).status == 2);
    CHECK(cogov_cmd(with({"run", "-o", cont, "--steps", "12", "--checkpoint", cp}, SMALL)).status == 2);
    REQUIRE(cogov_cmd(with({"run", "-o", cont, "--steps", "12", "--from", cp, "-q"}, SMALL)).status == 0);
    CHECK(test::differing_datasets(straight, cont).empty());
    const auto r = cogov_cmd(with({"run", "-o", dir.file("bad.h5"), "--from", dir.file("missing.h5")}, SMALL));
    CHECK(r.status == 2);
}

TEST_CASE("compare --window summarises the weeks after an event and says so, and bad windows exit 2")
{
    test::TempDir dir;
    const auto reform = dir.write("reform.toml",
                                  "name = \"reform\"\n[[events]]\nstep = 6\nnote = \"burden cut\"\n"
                                  "set = { \"committee.delegated_items\" = 72 }\n");
    const auto out = dir.file("cmp.h5");
    auto r = cogov_cmd(with({"compare", "baseline", reform, "-r", "2", "-o", out, "--steps", "10", "--threads", "2",
                             "--window", "after:burden cut"},
                            SMALL));
    REQUIRE(r.status == 0);
    CHECK(r.out.find("means, totals and shares over weeks 6-10 (from 'burden cut' in week 6)") != std::string::npos);
    const h5::File f = h5::File::open(out);
    CHECK(f.attr_as<std::string>("/", "window") == "weeks 6-10 (from 'burden cut' in week 6)");
    CHECK(f.attr_as<std::int64_t>("/", "window_first") == 6);
    const auto meanings = f.read_strings("/outcome_meaning");
    CHECK(std::any_of(meanings.begin(), meanings.end(), [](const std::string& m) {
        return m ==
               "Share of issues closed this week that were resolved satisfactorily, mean over weeks 6-10 "
               "(from 'burden cut' in week 6)";
    }));
    CHECK(cogov_cmd({"info", out}).out.find("means           weeks 6-10 (from 'burden cut' in week 6)") !=
          std::string::npos);
    r = cogov_cmd(with({"compare", "baseline", reform, "-r", "2", "-o", dir.file("x.h5"), "--steps", "10", "--window",
                        "after:reform"},
                       SMALL));
    CHECK(r.status == 2);
    CHECK(r.err.find("no scenario has an event with the note 'reform' (notes there are: 'burden cut')") !=
          std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.file("x.h5")));
    r = cogov_cmd(
        with({"compare", "baseline", reform, "-o", dir.file("y.h5"), "--steps", "10", "--window", "8-3"}, SMALL));
    CHECK(r.status == 2);
    CHECK(r.err.find("expected FIRST:LAST") != std::string::npos);
}
