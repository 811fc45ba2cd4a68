// cogov sweep and cogov merge, driven in-process.
#include <doctest/doctest.h>

#include <sstream>

#include "cogov/cli/cli.h"
#include "cli_support.h"
#include "support.h"
#include "batch/fixtures.h"

using namespace cogov;

namespace {

using test::cogov_cmd;

bool has(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("sweep and merge answer --help")
{
    for (const char* cmd : {"sweep", "merge"}) {
        CAPTURE(cmd);
        const auto r = cogov_cmd({cmd, "--help"});
        CHECK(r.status == 0);
        CHECK(has(r.out, "usage: cogov "));
    }
    CHECK(has(cogov_cmd({"--help"}).out, "sweep"));
}

TEST_CASE("a bad sweep file exits 2 with located errors and writes nothing")
{
    test::TempDir dir;
    const auto bad = dir.write("bad.toml", "replicates = 0\n[parameters]\n\"trust.a_gain\" = [2.0]\n");
    const auto r = cogov_cmd({"sweep", bad, "-o", dir.file("out.h5")});
    CHECK(r.status == 2);
    CHECK(has(r.err, "bad.toml:1:14: error: replicates: expected an integer in [1, 1000000], got 0"));
    CHECK(has(r.err, "bad.toml:3:19: error: trust.a_gain: 2.0 is out of range"));
    CHECK(has(r.err, "sweep refused (2 problems); nothing was written"));
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()) == 1);
    const auto good = dir.write("s.toml", test::factorial_sweep_text());
    CHECK(cogov_cmd({"sweep", good, "-o", dir.file("x.h5"), "--shard", "4/3"}).status == 2);
    CHECK(cogov_cmd({"sweep", good, "-o", dir.file("x.h5"), "--resume", "--force"}).status == 2);
}

TEST_CASE("sweep runs, refuses to overwrite, resumes a finished file, merge joins shards")
{
    test::TempDir dir;
    const auto sweep = dir.write("s.toml", test::factorial_sweep_text());
    auto r = cogov_cmd({"sweep", sweep, "--dry-run", "--shard", "1/4"});
    CHECK(r.status == 0);
    CHECK(has(r.out, "factorial design, 6 points x 2 replicates = 12 runs of up to 12 weeks; shard 1/4 has 3"));
    CHECK(has(r.out, "varies trust.a_gain"));

    const auto out = dir.file("out.h5");
    r = cogov_cmd({"sweep", sweep, "-o", out, "--threads", "2"});
    CHECK(r.status == 0);
    CHECK(has(r.out, "cogov sweep: 12 runs now, 6 failed"));
    r = cogov_cmd({"sweep", sweep, "-o", out});
    CHECK(r.status == 2);
    CHECK(has(r.err, "already exists; use --force"));
    r = cogov_cmd({"sweep", sweep, "-o", out, "--resume"});
    CHECK(r.status == 0);
    CHECK(has(r.out, "is already complete"));
    // cogov info reads sweep files (it refused them once).
    r = cogov_cmd({"info", out});
    CHECK(r.status == 0);
    CHECK(has(r.out, "format          cogov-sweep v"));
    CHECK(has(r.out, "design          factorial, 6 points x 2 replicates = 12 runs of up to 12 weeks"));
    CHECK(has(r.out, "runs            12 done, 6 failed"));
    CHECK(has(r.out, "varies          trust.a_gain"));

    for (const char* shard : {"1/2", "2/2"})
        CHECK(cogov_cmd({"sweep", sweep, "-o", dir.file(std::string("p") + shard[0] + ".h5"), "--shard", shard, "-q"})
                  .status == 0);
    const auto merged = dir.file("merged.h5");
    r = cogov_cmd({"merge", dir.file("p1.h5"), dir.file("p2.h5"), "-o", merged});
    CHECK(r.status == 0);
    CHECK(has(r.out, "cogov merge: 12 runs (6 failed) from 2 files"));
    CHECK(test::differing_runs(out, merged).empty());
    r = cogov_cmd({"merge", dir.file("p1.h5"), "-o", dir.file("half.h5")});
    CHECK(r.status == 2);
    CHECK(has(r.err, "6 of 12 runs are in none of the inputs"));
}

TEST_CASE("effect sweeps and experiments through the command line: plan, --window, run and info")
{
    test::TempDir dir;
    const auto effects = dir.write("e.toml", std::string("name = \"e\"\nreplicates = 2\n") + test::SMALL_SET + R"(
[parameters]
"power.leader_tenure" = [52, 156]
[[arms]]
name = "cut"
set = { "committee.delegated_items" = 72 }
[record]
mean = ["committee_admin_hours"]
)");
    auto r = cogov_cmd({"sweep", effects, "--dry-run", "--window", "5:"});
    CHECK(r.status == 0);
    CHECK(has(r.out, "arms   base (base), cut: each run runs every arm on one seed (common random numbers)"));
    CHECK(has(r.out, "means  over weeks 5-12"));
    const auto out = dir.file("e.h5");
    REQUIRE(cogov_cmd({"sweep", effects, "-o", out, "--window", "5:", "-q"}).status == 0);
    r = cogov_cmd({"info", out});
    CHECK(has(r.out, "arms            base (base), cut"));
    // --resume with another window is another sweep: refused, not mixed.
    r = cogov_cmd({"sweep", effects, "-o", out, "--window", "6:", "--resume"});
    CHECK(r.status == 2);
    r = cogov_cmd({"sweep", effects, "--dry-run", "--window", "after:x"});
    CHECK(r.status == 2);
    CHECK(has(r.err, "no scenario has an event with the note 'x'"));

    const auto xlrm = dir.write("x.toml", std::string("name = \"x\"\n") + test::SMALL_SET + R"(
[design]
type = "latin_hypercube"
n = 2
[uncertainties]
"contracts.p_late" = { min = 0.0, max = 0.5 }
[levers]
"committee.delegated_items" = [296, 72]
[[outcomes]]
name = "final.backlog"
direction = "minimise"
)");
    r = cogov_cmd({"sweep", xlrm, "--dry-run"});
    CHECK(r.status == 0);
    CHECK(has(r.out, "experiment design, 4 points x 1 replicates"));
    CHECK(has(r.out, "experiment: 2 futures (latin_hypercube) x 2 lever combinations, 1 outcome"));
}
