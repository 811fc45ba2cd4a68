// Scenario files that are not files: /dev/zero, a FIFO, a folder, an
// oversized file, a base chain 20,000 deep; directly and through a run
// file's stored segment (issue 11, defect 7). Checked to fail: before,
// /dev/zero grew memory without bound, the FIFO hung, the folder ran the
// built-in baseline with exit 0 and the deep chain overflowed the stack.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "cli/cli_support.h"
#include "cogov/sim/scenario.h"
#include "reliability/hostile.h"

using namespace cogov;
using namespace cogov::test;

namespace {

//! The first diagnostic a scenario file is refused with ("" if accepted).
std::string refusal(const std::string& path)
{
    try {
        load_scenario_file(path);
    } catch (const ScenarioError& e) {
        return e.diagnostics().front().text();
    }
    return "";
}

}  // namespace

TEST_CASE("a base that is not a regular file is refused before it is read")
{
    TempDir dir;
    const std::string fifo = dir.file("pipe.toml");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::filesystem::create_directories(dir.path() / "folder.toml");
    for (const std::string& target : {std::string("/dev/zero"), fifo, dir.file("folder.toml")}) {
        CAPTURE(target);
        const std::string s = dir.write("s.toml", "base = \"" + target + "\"\n");
        // Refused by the base lookup (only regular files are scenario files) or by load_file.
        CHECK(refusal(s).find(target) != std::string::npos);
        CHECK(refusal(target).find("not a regular file") != std::string::npos);
    }
}

TEST_CASE("a scenario file over the size limit is refused")
{
    TempDir dir;
    const std::string big = dir.file("big.toml");
    {
        std::ofstream out(big);
        out << "name = \"big\"\n# " << std::string(MAX_SCENARIO_BYTES, 'x') << "\n";
    }
    CHECK(refusal(big).find("larger than 1024 KiB") != std::string::npos);
}

TEST_CASE("a base chain deeper than the documented limit is refused, not a stack overflow")
{
    TempDir dir;
    const std::size_t deep = 20000;
    for (std::size_t k = 0; k < deep; ++k)
        dir.write("s" + std::to_string(k) + ".toml",
                  k + 1 < deep ? "base = \"s" + std::to_string(k + 1) + ".toml\"\n" : "name = \"bottom\"\n");
    CHECK(refusal(dir.file("s0.toml")).find("base chain deeper than 32 files") != std::string::npos);
    // At the limit it loads.
    dir.write("s" + std::to_string(MAX_BASE_DEPTH - 1) + ".toml", "name = \"bottom\"\n");
    CHECK(refusal(dir.file("s0.toml")).empty());
}

TEST_CASE("rerun refuses a stored segment whose base is /dev/zero, with exit 2")
{
    TempDir dir;
    const std::string f = copy_to(dir, corpus().run_file, "r.h5");
    {
        h5::File h = h5::File::open_for_update(f);
        auto tomls = h.read_strings("/segments/scenario");
        tomls.back() = "base = \"/dev/zero\"\n" + tomls.back();
        h.remove("/segments/scenario");
        h.write_strings("/segments/scenario", tomls);
        h.close();
    }
    const auto r = run_cogov({"rerun", f, "-o", dir.file("x.h5"), "-q"}, 60);
    CHECK_FALSE(r.timed_out);
    CHECK(r.status == 2);
    CHECK_MESSAGE(r.output.find("/dev/zero") != std::string::npos, r.output);
}
