// Running sweeps: threads, failures, seeds, shards and merge, interruption
// and resume all give the same file, run for run.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "cogov/sim/h5.h"
#include "cogov/batch/sweep_file.h"
#include "cogov/batch/sweep_journal.h"
#include "cogov/batch/sweep_run.h"
#include "fixtures.h"
#include "support.h"

using namespace cogov;
namespace fs = std::filesystem;

namespace {

SweepSummary sweep_to(const Sweep& s, const std::string& out, int threads = 1, Shard shard = {})
{
    SweepConfig c;
    c.output = out;
    c.threads = threads;
    c.shard = shard;
    return run_sweep(s, c);
}

//! Run until `after` runs are journaled, then stop as Ctrl-C would.
SweepSummary interrupted(const Sweep& s, const std::string& out, std::size_t after, bool resume = false)
{
    std::atomic<bool> stop{false};
    SweepConfig c;
    c.output = out;
    c.resume = resume;
    c.stop = &stop;
    std::size_t seen = 0;
    c.on_progress = [&](const SweepProgress&) {
        if (++seen == after) stop = true;
    };
    return run_sweep(s, c);
}

}  // namespace

TEST_CASE("1 and 2 threads give the same file, failed runs are recorded and the sweep goes on")
{
    test::TempDir dir;
    const Sweep s = load_sweep_text(test::factorial_sweep_text(), dir.file("s.toml"));
    const auto one = dir.file("one.h5"), two = dir.file("two.h5");
    const SweepSummary summary = sweep_to(s, one, 1);
    CHECK(summary.ran == 12);
    CHECK(summary.failed == 6);
    sweep_to(s, two, 2);
    CHECK(test::differing_runs(one, two).empty());

    const h5::File f = h5::File::open(one);
    const auto status = f.read<std::int8_t>("/runs/status").data;
    const auto errors = f.read_strings("/runs/error");
    for (std::size_t r = 0; r < 12; ++r) {
        CAPTURE(r);
        const bool refused = s.point_of(r) >= 3;  // residents.share_elderly = 0.9
        CHECK(status[r] == (refused ? 2 : 1));
        CHECK(errors[r].empty() != refused);
    }
    CHECK(errors[6].find("design point 3 (residents.share_elderly=0.9, trust.a_gain=0.02) refused:") == 0);
    CHECK(std::isnan(f.read<double>("/final/backlog").data[6]));
    CHECK(std::get<std::int64_t>(f.attr("/", "complete")) == 1);
    CHECK(std::get<std::int64_t>(f.attr("/", "runs_failed")) == 6);
    CHECK(f.read<double>("/runs/parameters/trust.a_gain").data[2] == 0.05);
    // A directory holds just the output: no journal, no temporary file.
    CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 2);
}

TEST_CASE("any run can be reproduced alone from its design point and seed")
{
    test::TempDir dir;
    const Sweep s = load_sweep_text(test::factorial_sweep_text(), dir.file("s.toml"));
    const auto out = dir.file("sweep.h5");
    sweep_to(s, out);
    const std::size_t r = 5;  // point 2, replicate 1
    RunConfig config;
    config.output = dir.file("alone.h5");
    config.seed = s.run_seed(r);
    run(s.scenario_for(s.point_of(r)), config);

    const h5::File sweep_file = h5::File::open(out), run_file = h5::File::open(config.output);
    CHECK(sweep_file.read<std::int64_t>("/runs/seed").data[r] == static_cast<std::int64_t>(config.seed));
    const auto series = sweep_file.read_rows<double>("/series/participation_rate", r, 1);
    CHECK(series == run_file.read<double>("/city/participation_rate").data);
    const auto backlog = run_file.read<double>("/city/backlog").data;
    CHECK(sweep_file.read<double>("/final/backlog").data[r] == backlog.back());
    const auto rate = run_file.read<double>("/city/resolution_rate").data;
    double mean = 0;
    for (std::size_t t = rate.size() - 4; t < rate.size(); ++t) mean += rate[t] / 4;
    CHECK(sweep_file.read<double>("/mean/resolution_rate").data[r] == mean);
}

TEST_CASE("shards joined by merge give the file of a single-process sweep")
{
    test::TempDir dir;
    const Sweep s = load_sweep_text(test::factorial_sweep_text(), dir.file("s.toml"));
    const auto whole = dir.file("whole.h5");
    sweep_to(s, whole);
    std::vector<std::string> parts;
    for (std::size_t i = 1; i <= 3; ++i) {
        parts.push_back(dir.file("part" + std::to_string(i) + ".h5"));
        sweep_to(s, parts.back(), 1, Shard{i, 3});
        const SweepReader reader(parts.back());
        CHECK_FALSE(reader.complete());
        CHECK(reader.shard() == std::to_string(i) + "/3");
    }
    CHECK_THROWS_AS(merge_sweep_files({parts[0], parts[2]}, dir.file("holes.h5"), false), RequestError);
    CHECK_FALSE(fs::exists(dir.file("holes.h5")));
    const auto merged = dir.file("merged.h5");
    const MergeResult m = merge_sweep_files({parts[2], parts[0], parts[1]}, merged, false);
    CHECK(m.runs == 12);
    CHECK(test::differing_runs(whole, merged).empty());
    CHECK(SweepReader(merged).complete());

    std::string other = test::factorial_sweep_text();
    other.replace(other.find("seed = 11"), 9, "seed = 12");
    const auto foreign = dir.file("foreign.h5");
    sweep_to(load_sweep_text(other, "o.toml"), foreign);
    CHECK_THROWS_AS(merge_sweep_files({whole, foreign}, dir.file("mixed.h5"), false), RequestError);
}

TEST_CASE("an interrupted sweep leaves no output, --resume runs only what is missing and gives the same file")
{
    test::TempDir dir;
    const Sweep s = load_sweep_text(test::factorial_sweep_text(), dir.file("s.toml"));
    const auto plain = dir.file("plain.h5"), out = dir.file("out.h5");
    sweep_to(s, plain);

    SweepSummary first = interrupted(s, out, 4);
    CHECK(first.interrupted);
    CHECK(first.ran == 4);
    CHECK_FALSE(fs::exists(out));
    CHECK(fs::exists(Journal::path_for(out)));
    CHECK_THROWS_AS(sweep_to(s, out), RequestError);  // neither --resume nor --force

    SweepSummary second = interrupted(s, out, 3, true);  // interrupted again
    CHECK(second.done_before == 4);
    CHECK_FALSE(fs::exists(out));
    // A torn last entry (the process killed mid-write) is cut off on resume.
    std::ofstream(Journal::path_for(out), std::ios::app | std::ios::binary) << "\xed\x5e\x60\xc0garbage";
    SweepConfig c;
    c.output = out;
    c.resume = true;
    const SweepSummary last = run_sweep(s, c);
    CHECK(last.done_before == 7);
    CHECK(last.ran == 5);
    CHECK(test::differing_runs(plain, out).empty());
    CHECK_FALSE(fs::exists(Journal::path_for(out)));

    const SweepSummary again = run_sweep(s, c);  // resuming a finished sweep does nothing
    CHECK(again.already_complete);
    CHECK(again.ran == 0);
    c.resume = false;
    CHECK_THROWS_AS(run_sweep(s, c), RequestError);  // exists
    c.force = true;
    CHECK(run_sweep(s, c).ran == 12);
}

TEST_CASE("a journal of another sweep or shard is refused")
{
    test::TempDir dir;
    const Sweep s = load_sweep_text(test::factorial_sweep_text(), dir.file("s.toml"));
    const auto out = dir.file("out.h5");
    interrupted(s, out, 2);
    SweepConfig c;
    c.output = out;
    c.resume = true;
    c.shard = Shard{1, 2};
    CHECK_THROWS_AS(run_sweep(s, c), RequestError);
    std::string other = test::factorial_sweep_text();
    other.replace(other.find("replicates = 2"), 14, "replicates = 3");
    c.shard = Shard{};
    CHECK_THROWS_AS(run_sweep(load_sweep_text(other, "o.toml"), c), RequestError);
}

TEST_CASE("a sweep file describes its sweep: reading it back gives the same sweep")
{
    test::TempDir dir;
    const Sweep s = load_sweep_text(test::factorial_sweep_text(), dir.file("s.toml"));
    const auto out = dir.file("out.h5");
    sweep_to(s, out);
    SweepReader reader(out);
    CHECK(reader.sweep().id == s.id);
    CHECK(reader.sweep().text == s.text);
    CHECK(reader.record(1).values.size() == Recorder(s.record, s.max_steps).width());
    CHECK(reader.record(7).status == RunStatus::failed);
}

TEST_CASE("a sweep of replicates alone (no varied parameter) runs and reads back")
{
    test::TempDir dir;
    const Sweep s = load_sweep_text(std::string("replicates = 3\n") + test::SMALL_SET, dir.file("s.toml"));
    const auto out = dir.file("out.h5");
    CHECK(sweep_to(s, out, 2).ran == 3);
    SweepReader reader(out);
    CHECK(reader.sweep().id == s.id);
    CHECK(reader.record(2).status == RunStatus::ok);
}
