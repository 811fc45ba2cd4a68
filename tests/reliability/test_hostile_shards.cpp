// merge checks what the sweep fingerprint does not cover: the design's
// size, every per-run table's shape, status codes (issue 11, defect 4).
// Checked to fail: before, design@k = 10**6 merged "0 runs" with exit 0,
// a narrowed series was read past its rows, status 7 passed as finished.
#include <doctest/doctest.h>

#include <filesystem>

#include "cli/cli_support.h"
#include "reliability/hostile.h"

using namespace cogov;
using namespace cogov::test;

TEST_CASE("merge refuses shards damaged outside the fingerprint, exit 2, nothing written")
{
    struct Case {
        const char* what;
        const char* named;
        std::function<void(const std::string&)> apply;
    };
    const std::vector<Case> cases = {
        {"design@k = 10**6", "/design@k", [](auto& f) { set_attribute(f, "/design", "k", std::int64_t{1000000}); }},
        {"a narrowed series", "/series/participation_rate",
         [](auto& f) {
             rewrite(f, "/series/participation_rate", [](std::vector<double>& v, h5::Shape& s) {
                 s[1] -= 1;
                 v.resize(s[0] * s[1]);
             });
         }},
        {"status 7", "/runs/status", [](auto& f) { rewrite(f, "/runs/status", [](auto& v, auto&) { v[0] = 7; }); }},
        {"status -1", "/runs/status", [](auto& f) { rewrite(f, "/runs/status", [](auto& v, auto&) { v[0] = -1; }); }},
        {"fewer status rows", "/runs/status", [](auto& f) { truncate_rows(f, "/runs/status", 3); }},
        {"runs not points x replicates", "@runs", [](auto& f) { set_attribute(f, "/", "runs", std::int64_t{5}); }},
        {"a seed of two int64", "/@seed",
         [](auto& f) {
             set_attribute(f, "/", "seed", std::vector<std::int64_t>{1, 2});
         }},
    };
    for (const auto& c : cases) {
        CAPTURE(c.what);
        TempDir dir;
        const std::string a = copy_to(dir, corpus().shard0, "a.h5"), b = copy_to(dir, corpus().shard1, "b.h5");
        c.apply(a);
        const std::string out = dir.file("m.h5");
        const auto r = cogov_cmd({"merge", a, b, "-o", out});
        CHECK(r.status == 2);
        CHECK_MESSAGE(r.err.find(c.named) != std::string::npos, r.err);
        CHECK_FALSE(std::filesystem::exists(out));
    }
    TempDir dir;
    const auto ok = cogov_cmd({"merge", corpus().shard0, corpus().shard1, "-o", dir.file("m.h5")});
    CHECK_MESSAGE(ok.status == 0, ok.err);  // the undamaged shards merge
}
