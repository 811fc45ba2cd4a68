// Damaged calibration files given as a posterior (compare --posterior, a
// sweep's posterior design): refused with the file and object named, exit
// 2, nothing written. Checked to fail: without read_posterior's checks of
// the last generation, a file with no particles crashed the test (SIGSEGV:
// draw_index returned SIZE_MAX), and weights of NaN, of 0 or below 0 and a
// theta of infinity were accepted and run.
#include <doctest/doctest.h>

#include <filesystem>

#include "cli/cli_support.h"
#include "reliability/hostile.h"

using namespace cogov;
using namespace cogov::test;

TEST_CASE("damaged posteriors are refused by compare and by a sweep's posterior design, nothing written")
{
    TempDir dir;
    const std::string committed = (source_dir() / "calibration" / "status-quo.h5").string();
    const std::string scenario = dir.write("small.toml", small_city_toml());
    struct Case {
        const char* what;
        const char* named;
        std::function<void(const std::string&)> apply;
    };
    const std::vector<Case> cases = {
        {"weights of NaN", "/generations/weight", [](auto& f) { fill(f, "/generations/weight", std::nan("")); }},
        {"weights of 0", "sum to 0", [](auto& f) { fill(f, "/generations/weight", 0.0); }},
        {"a negative weight", "/generations/weight",
         [](auto& f) { rewrite(f, "/generations/weight", [](auto& v, auto&) { v.back() = -1; }); }},
        {"theta of infinity", "/generations/theta",
         [](auto& f) { rewrite(f, "/generations/theta", [](auto& v, auto&) { v.back() = HUGE_VAL; }); }},
        {"no particles", "no particles",
         [](auto& f) {
             rewrite(f, "/generations/theta", [](auto& v, auto& shape) { v.clear(), shape[1] = 0; });
             rewrite(f, "/generations/weight", [](auto& v, auto& shape) { v.clear(), shape[1] = 0; });
         }},
        {"theta of another parameter count", "/generations/theta",
         [](auto& f) {
             rewrite(f, "/generations/theta",
                     [](auto& v, auto& shape) { v.resize(v.size() / shape[2] * 2), shape[2] = 2; });
         }},
    };
    for (const auto& c : cases) {
        const std::string what = c.what;
        CAPTURE(what);
        const std::string f = copy_to(dir, committed, "post.h5");
        c.apply(f);
        const std::string out = dir.file("cmp.h5");
        auto r = cogov_cmd({"compare", scenario, scenario, "-r", "2", "--posterior", f, "--draws", "2", "-o", out});
        CHECK(r.status == 2);
        CHECK_MESSAGE(r.err.find(c.named) != std::string::npos, r.err);
        CHECK_FALSE(std::filesystem::exists(out));
        const std::string sweep = dir.write("s.toml",
                                            "name = \"s\"\nscenario = \"small.toml\"\n[design]\ntype = \"posterior\"\n"
                                            "file = \"post.h5\"\nn = 3\n");
        const std::string sweep_out = dir.file("s.h5");
        r = cogov_cmd({"sweep", sweep, "-o", sweep_out});
        CHECK(r.status == 2);
        CHECK_MESSAGE(r.err.find(c.named) != std::string::npos, r.err);
        CHECK_MESSAGE(r.err.find("design.file") != std::string::npos, r.err);
        CHECK_FALSE(std::filesystem::exists(sweep_out));
    }
}
