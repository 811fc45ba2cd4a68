// kill -9 in the middle of a sweep, then --resume: the same file as an
// uninterrupted sweep, and never a file that looks complete before.
#include <doctest/doctest.h>

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "cogov/batch/sweep_journal.h"
#include "cogov/batch/sweep_run.h"
#include "fixtures.h"
#include "processes.h"
#include "support.h"

using namespace cogov;
namespace fs = std::filesystem;

TEST_CASE("a sweep killed with SIGKILL resumes to the file of an uninterrupted sweep")
{
    test::TempDir dir;
    std::string text = test::factorial_sweep_text();
    text.replace(text.find("replicates = 2"), 14, "replicates = 6");
    text.replace(text.find("\"time.steps\" = 12"), 17, "\"time.steps\" = 80");
    const auto path = dir.write("s.toml", text);
    const Sweep s = load_sweep_file(path);
    const auto out = dir.file("out.h5"), journal = Journal::path_for(out);

    const int pid = test::spawn({test::cogov_binary(), "sweep", path, "-o", out, "--quiet"}, dir.file("log"));
    // Wait until a few runs are journaled, then kill without warning.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline && !(fs::exists(journal) && fs::file_size(journal) > 3000))
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    ::kill(pid, SIGKILL);
    CHECK(test::wait_for(pid) == 128 + SIGKILL);
    REQUIRE(fs::exists(journal));
    CHECK_FALSE(fs::exists(out));

    SweepConfig c;
    c.output = out;
    c.resume = true;
    const SweepSummary resumed = run_sweep(s, c);
    CHECK(resumed.done_before > 0);
    CHECK(resumed.done_before < s.runs());
    CHECK(resumed.done_before + resumed.ran == s.runs());

    c.output = dir.file("plain.h5");
    c.resume = false;
    run_sweep(s, c);
    CHECK(test::differing_runs(c.output, out).empty());
}
