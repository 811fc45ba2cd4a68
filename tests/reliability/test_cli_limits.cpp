// Option values that used to crash or do nothing (issue 11, defect 8).
// Checked to fail: before, --threads 100000 segfaulted in libgomp and
// -o '' exited 0 having written nothing.
#include <doctest/doctest.h>

#include "cli/cli_support.h"
#include "reliability/hostile.h"

using namespace cogov;
using namespace cogov::test;

TEST_CASE("--threads is capped with a clear error in every command that takes it")
{
    TempDir dir;
    const std::string out = dir.file("x.h5");
    for (const char* n : {"100000", "0", "-3"}) {
        CAPTURE(n);
        for (const auto& args : std::vector<cli::Args>{{"run", corpus().scenario, "-o", out, "--threads", n},
                                                       {"rerun", corpus().run_file, "-o", out, "--threads", n},
                                                       {"compare", corpus().scenario, corpus().scenario, "-o", out,
                                                        "-r", "2", "--threads", n},
                                                       {"sweep", corpus().sweep, "-o", out, "--threads", n}}) {
            const auto r = cogov_cmd(args);
            CHECK(r.status == 2);
            CHECK_MESSAGE(r.err.find("--threads must be in [1, 1024]") != std::string::npos, r.err);
        }
    }
}

TEST_CASE("an empty output name is refused, not a silent success")
{
    for (const auto& args :
         std::vector<cli::Args>{{"run", corpus().scenario, "-o", ""},
                                {"rerun", corpus().run_file, "-o", ""},
                                {"compare", corpus().scenario, corpus().scenario, "-o", ""},
                                {"sweep", corpus().sweep, "-o", ""},
                                {"merge", corpus().shard0, corpus().shard1, "-o", ""},
                                {"run", corpus().scenario, "-o", "x.h5", "--checkpoint-at", "5", "--checkpoint", ""}}) {
        CAPTURE(args[0]);
        const auto r = cogov_cmd(args);
        CHECK(r.status == 2);
        CHECK_MESSAGE(r.err.find("-o needs a file name") != std::string::npos, r.err);
    }
}

TEST_CASE("hostile files give exit 2 and a message, never a raw HDF5 call name")
{
    TempDir dir;
    const std::string f = copy_to(dir, corpus().checkpoint, "c.h5");
    {
        h5::File h = h5::File::open_for_update(f);
        h.remove("/state/residents/ties");
        h.close();
    }
    const auto r = cogov_cmd({"run", corpus().scenario, "--from", f, "-o", dir.file("x.h5")});
    CHECK(r.status == 2);
    CHECK_MESSAGE(r.err.find("no dataset /state/residents/ties") != std::string::npos, r.err);
    CHECK(r.err.find("H5Dopen2") == std::string::npos);
    const auto i = cogov_cmd({"info", f});  // a checkpoint is not a run file
    CHECK(i.status == 2);
    CHECK(i.out.empty());
}
