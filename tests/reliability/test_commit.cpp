// Committing files: no-replace, stale partial files, a journal another
// sweep holds (issue 11, defects 6 and 10). Checked to fail: with the plain
// rename of before, the second commit replaced the first file; before the
// clean-up, a dead run's partial file stayed; before the journal was
// emptied under its lock, sweep --force deleted a live sweep's journal.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "batch/fixtures.h"
#include "cli/cli_support.h"
#include "cogov/batch/sweep_journal.h"
#include "cogov/sim/file_commit.h"
#include "reliability/hostile.h"

using namespace cogov;
using namespace cogov::test;

namespace fs = std::filesystem;

namespace {

std::string text_of(const std::string& path)
{
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), {}};
}

//! The id of a process that has ended.
pid_t dead_pid()
{
    const pid_t pid = ::fork();
    if (pid == 0) ::_exit(0);
    ::waitpid(pid, nullptr, 0);
    return pid;
}

}  // namespace

TEST_CASE("a commit never replaces a file that appeared while the output was written")
{
    TempDir dir;
    const std::string target = dir.file("same.h5");
    {
        PendingFile second(target, false);
        std::ofstream(second.temporary()) << "second";
        std::ofstream(target) << "first";  // another run committed meanwhile
        try {
            second.commit();
            FAIL("replaced");
        } catch (const h5::Error& e) {
            CHECK(std::string(e.what()).find("appeared while this run was writing") != std::string::npos);
        }
    }
    CHECK(text_of(target) == "first");
    CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 1);  // no partial left

    PendingFile forced(target, true);  // the caller was told --force
    std::ofstream(forced.temporary()) << "forced";
    forced.commit();
    CHECK(text_of(target) == "forced");
}

// The race test below failed in 8 of 10 tries before this: a run checked
// its output at start, made its PendingFile after the 520-week burn-in,
// found the rival's file there and took it for one it was told to replace.
TEST_CASE("a pending file made after a rival committed does not replace it unless told to")
{
    TempDir dir;
    const std::string target = dir.file("same.h5");
    std::ofstream(target) << "first";  // the rival committed before this writer was made
    {
        PendingFile late(target, false);
        std::ofstream(late.temporary()) << "late";
        CHECK_THROWS_AS(late.commit(), h5::Error);
    }
    CHECK(text_of(target) == "first");
}

TEST_CASE("partial files of dead processes are removed, those of live ones kept")
{
    TempDir dir;
    const std::string target = dir.file("out.h5");
    const std::string dead = dir.file(".out.h5.partial-" + std::to_string(dead_pid()));
    const std::string live = dir.file(".out.h5.partial-" + std::to_string(::getppid()));
    const std::string other = dir.file(".other.h5.partial-" + std::to_string(dead_pid()));
    for (const auto& p : {dead, live, other}) std::ofstream(p) << "x";
    {
        PendingFile pending(target, false);
    }
    CHECK_FALSE(fs::exists(dead));
    CHECK(fs::exists(live));
    CHECK(fs::exists(other));  // another output's: not ours to judge
}

TEST_CASE("two runs racing to one output without --force: one wins, the other fails and says why")
{
    TempDir dir;
    const std::string out = dir.file("same.h5");
    ChildResult a, b;
    std::thread first([&] { a = run_cogov({"run", corpus().scenario, "-o", out, "-q", "--seed", "1"}); });
    std::thread second([&] { b = run_cogov({"run", corpus().scenario, "-o", out, "-q", "--seed", "2"}); });
    first.join();
    second.join();
    CHECK((a.status == 0) != (b.status == 0));  // was: both exit 0, the second file replacing the first
    const ChildResult& loser = a.status == 0 ? b : a;
    CHECK_MESSAGE((loser.output.find("appeared while this run was writing") != std::string::npos ||
                   loser.output.find("already exists") != std::string::npos),
                  loser.output);
    const auto seed = h5::File::open(out).attr_as<std::int64_t>("/", "seed");
    CHECK(seed == (a.status == 0 ? 1 : 2));
}

TEST_CASE("sweep --force does not delete the journal a running sweep holds")
{
    TempDir dir;
    const std::string sweep_file = dir.write("s.toml", factorial_sweep_text());
    const std::string out = dir.file("s.h5");
    const Sweep sweep = load_sweep_file(sweep_file);
    Journal held(Journal::path_for(out), sweep, Shard{});  // a live sweep's lock
    RunRecord rec;
    rec.run = 0;
    rec.status = RunStatus::failed;
    rec.error = "x";
    held.append(rec);
    const auto size = fs::file_size(held.path());
    const auto r = cogov_cmd({"sweep", sweep_file, "-o", out, "--force", "-q"});
    CHECK(r.status == 2);
    CHECK_MESSAGE(r.err.find("another process is working on this sweep") != std::string::npos, r.err);
    REQUIRE(fs::exists(held.path()));
    CHECK(fs::file_size(held.path()) == size);
    CHECK_FALSE(fs::exists(out));
}
