// Paired effect sweeps: every design point x replicate runs all arms on one
// seed, and the stored effects are those `cogov compare` computes at that
// point, bit for bit.
#include <doctest/doctest.h>

#include "cogov/sim/compare.h"
#include "cogov/sim/h5.h"
#include "cogov/batch/sweep_file.h"
#include "cogov/batch/sweep_mpi.h"
#include "cogov/batch/sweep_record.h"
#include "cogov/batch/sweep_run.h"
#include "fixtures.h"
#include "processes.h"
#include "support.h"

using namespace cogov;

namespace {

//! 2 points x 3 replicates; arms: base, "burden cut" (72 items) and
//! "late pay" (p_late 0.3); means over weeks 4-12.
std::string effect_sweep_text(const std::string& extra = "")
{
    return std::string(
               "name = \"effects\"\nseed = 3\nreplicates = 3\ncommon_seeds = true\nbase_arm = \"296 items\"\n") +
           test::SMALL_SET + R"(
[design]
type = "factorial"

[parameters]
"power.leader_tenure" = [52, 156]

[[arms]]
name = "72 items"
set = { "committee.delegated_items" = 72 }

[[arms]]
name = "72 items, late pay"
set = { "committee.delegated_items" = 72, "contracts.p_late" = 0.3 }

[record]
final = ["backlog", "trust.residents.resident_committee"]
mean = ["resolution_rate", "trust.residents.resident_committee", "committee_admin_hours"]
window = "4:12"
)" + extra;
}

std::size_t outcome_index(const std::string& name)
{
    const auto& t = outcome_table();
    for (std::size_t o = 0; o < t.size(); ++o)
        if (t[o].name == name) return o;
    FAIL("no outcome " << name);
    return 0;
}

}  // namespace

// Also guards the shared burn-in of arms (batch/src/execute.cpp): with
// every arm started from the base's state after its burn-in, whatever its
// parameters, the "late pay" arm's effects differed and this failed.
TEST_CASE("an effect sweep's effects equal cogov compare's at every design point, bit for bit")
{
    test::TempDir dir;
    const Sweep s = load_sweep_text(effect_sweep_text(), dir.file("e.toml"));
    REQUIRE(s.arm_count() == 3);
    const auto out = dir.file("e.h5");
    SweepConfig c;
    c.output = out;
    c.threads = 2;
    REQUIRE(run_sweep(s, c).failed == 0);
    const h5::File f = h5::File::open(out);
    CHECK(f.attr_as<std::vector<std::string>>("/", "arms") ==
          std::vector<std::string>{"296 items", "72 items", "72 items, late pay"});
    CHECK(f.attr_as<std::string>("/mean", "window") == "weeks 4-12");

    const std::size_t R = 3;
    for (std::size_t p = 0; p < s.points(); ++p) {
        CAPTURE(p);
        std::vector<Scenario> arms;
        for (std::size_t a = 0; a < s.arm_count(); ++a) arms.push_back(s.scenario_for(p, a));
        CompareConfig config;
        config.replicates = int(R);
        config.keep_series = false;
        config.window = parse_window("4:12");
        for (std::size_t r = 0; r < R; ++r) config.seeds.push_back(s.run_seed(p * R + r));
        const CompareResult cmp = compare(arms, config);
        for (std::size_t a = 1; a < s.arm_count(); ++a) {
            CAPTURE(a);
            const std::string fx = "/effects/" + std::to_string(a);
            for (const auto& [group, name, outcome] : std::vector<std::tuple<std::string, std::string, std::string>>{
                     {"final", "backlog", "final.backlog"},
                     {"final", "trust.residents.resident_committee", "final.trust.residents.resident_committee"},
                     {"mean", "resolution_rate", "mean.resolution_rate"},
                     {"mean", "trust.residents.resident_committee", "mean.trust.residents.resident_committee"},
                     {"mean", "committee_admin_hours", "mean.committee_admin_hours"}}) {
                CAPTURE(outcome);
                const std::size_t o = outcome_index(outcome);
                const auto per_run = f.read<double>(fx + "/" + group + "/" + name).data;
                for (std::size_t r = 0; r < R; ++r)
                    CHECK(per_run[p * R + r] == cmp.arms[a].outcomes[r][o] - cmp.arms[0].outcomes[r][o]);
                const PairedDifference& d = cmp.differences[a - 1][o];
                const std::string pts = fx + "/points/" + group + "/" + name;
                CHECK(f.read<double>(pts + "/diff_mean").data[p] == d.diff_mean);
                CHECK(f.read<double>(pts + "/ci_low").data[p] == d.ci_low);
                CHECK(f.read<double>(pts + "/ci_high").data[p] == d.ci_high);
                CHECK(f.read<double>(pts + "/mean_base").data[p] == d.mean_base);
                CHECK(f.read<std::int64_t>(pts + "/replicates").data[p] == 3);
            }
        }
    }
    // The burden cut does change something: the comparison is not of identical arms
    // (checked: with the arms' set tables removed every effect is exactly 0 and this fails).
    const auto admin = f.read<double>("/effects/1/points/mean/committee_admin_hours/diff_mean").data;
    CHECK((admin[0] < 0.0 && admin[1] < 0.0));
}

// Two arms that burn in like the base (reforms by events from week 53): the
// first starts from a copy of the base's burned-in state, the last takes it
// (batch/src/execute.cpp). Checked to fail: with the state moved into every
// sharing arm, the second reform's effects differed from cogov compare's.
TEST_CASE("two reforms by events start from the base's burn-in and equal cogov compare's, bit for bit")
{
    test::TempDir dir;
    std::string text =
        std::string("name = \"reforms\"\nseed = 5\nreplicates = 2\ncommon_seeds = true\n") + test::SMALL_SET + R"(
[design]
type = "factorial"

[parameters]
"power.leader_tenure" = [156]

[[arms]]
name = "linkage"
scenario = "chongqing-three-society-linkage"

[[arms]]
name = "government-led"
scenario = "sunan-government-led"

[record]
final = ["backlog"]
mean = ["resolution_rate"]
window = "54:60"
)";
    text.replace(text.find("\"time.steps\" = 12"), 17, "\"time.steps\" = 60");
    const Sweep s = load_sweep_text(text, dir.file("r.toml"));
    REQUIRE(s.arm_count() == 3);
    for (std::size_t a = 1; a < 3; ++a) REQUIRE(same_burn_in(s.scenario_for(0, 0), s.scenario_for(0, a)));
    SweepConfig c;
    c.output = dir.file("r.h5");
    c.threads = 2;
    REQUIRE(run_sweep(s, c).failed == 0);

    std::vector<Scenario> arms;
    for (std::size_t a = 0; a < 3; ++a) arms.push_back(s.scenario_for(0, a));
    CompareConfig config;
    config.replicates = 2;
    config.keep_series = false;
    config.window = parse_window("54:60");
    for (std::size_t r = 0; r < 2; ++r) config.seeds.push_back(s.run_seed(r));
    const CompareResult cmp = compare(arms, config);
    const h5::File f = h5::File::open(dir.file("r.h5"));
    for (std::size_t a = 1; a < 3; ++a) {
        CAPTURE(a);
        const std::size_t o = outcome_index("mean.resolution_rate");
        const auto per_run = f.read<double>("/effects/" + std::to_string(a) + "/mean/resolution_rate").data;
        for (std::size_t r = 0; r < 2; ++r)
            CHECK(per_run[r] == cmp.arms[a].outcomes[r][o] - cmp.arms[0].outcomes[r][o]);
    }
}

TEST_CASE("an effect sweep resumes, shards and merges to the same file")
{
    test::TempDir dir;
    const Sweep s = load_sweep_text(effect_sweep_text(), dir.file("e.toml"));
    const auto whole = dir.file("whole.h5");
    SweepConfig c;
    c.output = whole;
    run_sweep(s, c);
    std::vector<std::string> parts;
    for (std::size_t i = 1; i <= 2; ++i) {
        SweepConfig p;
        p.output = dir.file("p" + std::to_string(i) + ".h5");
        p.shard = Shard{i, 2};
        run_sweep(s, p);
        parts.push_back(p.output);
    }
    const auto merged = dir.file("merged.h5");
    merge_sweep_files(parts, merged, false);
    CHECK(test::differing_runs(whole, merged).empty());
    const h5::File a = h5::File::open(whole), b = h5::File::open(merged);
    CHECK(a.read<double>("/effects/2/points/mean/resolution_rate/diff_mean").data ==
          b.read<double>("/effects/2/points/mean/resolution_rate/diff_mean").data);
    SweepReader reader(merged);
    CHECK(reader.sweep().arms.size() == 2);
    CHECK(reader.sweep().id == s.id);
}

TEST_CASE("an effect sweep over MPI ranks gives the file of a serial one")
{
    if (!mpi_supported()) {
        MESSAGE("skipped: cogov was built without MPI");
        return;
    }
    test::TempDir dir;
    const auto sweep = dir.write("e.toml", effect_sweep_text());
    SweepConfig serial;
    serial.output = dir.file("serial.h5");
    run_sweep(load_sweep_file(sweep), serial);
    const std::string out = dir.file("mpi.h5");
    const std::string command = std::string(
                                    "ASAN_OPTIONS=detect_leaks=0 OMPI_ALLOW_RUN_AS_ROOT=1 "
                                    "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 ") +
                                COGOV_MPIEXEC + " --oversubscribe -np 2 " + test::cogov_binary() + " sweep " + sweep +
                                " -o " + out + " --quiet >" + dir.file("log") + " 2>&1";
    REQUIRE(test::shell(command) == 0);
    CHECK(test::differing_runs(serial.output, out).empty());
    const h5::File f = h5::File::open(out);
    CHECK(f.exists("/effects/2/points/mean/resolution_rate/ci_low"));
}

TEST_CASE("bad arms and windows are refused with their location")
{
    test::TempDir dir;
    auto problems = [&](const std::string& text) {
        try {
            load_sweep_text(text, dir.file("bad.toml"));
        } catch (const ScenarioError& e) {
            std::string all;
            for (const auto& d : e.diagnostics()) all += d.text() + "\n";
            return all;
        }
        return std::string();
    };
    std::string base = effect_sweep_text();
    std::string text = base;
    text.replace(text.find("window = \"4:12\""), 15, "window = \"9:99\"");
    CHECK(problems(text).find("window '9:99': the runs have only 12 weeks") != std::string::npos);
    text = base;
    text.replace(text.find("window = \"4:12\""), 15, "window = \"after:reform\"");
    CHECK(problems(text).find("no scenario has an event with the note 'reform'") != std::string::npos);
    CHECK(problems(base + "\n[[arms]]\nname = \"72 items\"\n").find("arm '72 items' is named twice") !=
          std::string::npos);
    CHECK(problems(base + "\n[[arms]]\nnam = \"x\"\n").find("arms.nam: unknown key") != std::string::npos);
}

TEST_CASE("an arm's scenario may be a library name, and a missing one says where it was looked for")
{
    test::TempDir dir;
    std::string text = effect_sweep_text();
    text.replace(text.find("name = \"72 items\"\n"), 17, "name = \"72 items\"\nscenario = \"grid-management\"\n");
    const Sweep s = load_sweep_text(text, dir.file("e.toml"));
    CHECK(s.arms.at(0).scenario.name == "grid-management");
    CHECK(s.arms.at(0).scenario.params.committee_delegated_items == 72);  // the arm's own set on top
    text.replace(text.find("grid-management"), 15, "no-such-scenario");
    try {
        load_sweep_text(text, dir.file("e.toml"));
        FAIL("accepted a missing scenario");
    } catch (const ScenarioError& e) {
        CHECK(e.diagnostics().at(0).message.find(
                  "no scenario file or library scenario 'no-such-scenario'; looked for") != std::string::npos);
    }
}

TEST_CASE("the example effect sweep and experiment in sweeps/ load, with the reform window and the XLRM cross")
{
    const Sweep fx = load_sweep_file((test::source_dir() / "sweeps/reform-effects.toml").string());
    REQUIRE(fx.arms.size() == 1);
    CHECK(fx.arms[0].scenario.name == "chongqing-three-society-linkage");
    CHECK(mean_range(fx, 0, fx.max_steps).text(fx.max_steps) ==
          "weeks 53-312 (from 'three-society linkage reform' in week 53)");
    const Sweep x = load_sweep_file((test::source_dir() / "sweeps/reform-xlrm.toml").string());
    CHECK(x.experiment.futures == 50);
    CHECK(x.experiment.combinations == 6);
    CHECK(x.runs() == 900);
}
