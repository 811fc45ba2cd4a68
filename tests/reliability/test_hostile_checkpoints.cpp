// Damaged checkpoints are refused, before anything runs, with a message
// naming the file and the object; none may crash or run silently wrong
// (issue 11, defect 1). Checked to fail: before the checkpoint checks
// every damaged file below was accepted by read_checkpoint (and the runs
// from them crashed or ran wrong).
#include <doctest/doctest.h>

#include <filesystem>

#include "cli/cli_support.h"
#include "cogov/sim/checkpoint.h"
#include "reliability/hostile.h"

using namespace cogov;
using namespace cogov::test;

namespace {

struct Damage {
    const char* what;                               //!< how the file is damaged
    const char* named;                              //!< the message must name this
    std::function<void(const std::string&)> apply;  //!< damage the copy
};

std::vector<Damage> damages()
{
    return {
        {"short resident array", "/state/residents/kind",
         [](auto& f) { truncate_rows(f, "/state/residents/kind", 100); }},
        {"contract index 1000", "/state/orgs/contract", [](auto& f) { fill(f, "/state/orgs/contract", 1000); }},
        {"contract org index -7", "/state/contracts/org", [](auto& f) { fill(f, "/state/contracts/org", -7); }},
        {"tie index past the community", "/state/residents/ties",
         [](auto& f) { fill(f, "/state/residents/ties", 5000); }},
        {"queue index past the community", "/state/queue",
         [](auto& f) {
             fill(f, "/state/communities/queue_length", 3);
             fill(f, "/state/queue", 100000);
         }},
        {"closure count past the community", "/state/communities/closures",
         [](auto& f) { fill(f, "/state/communities/closures", 100000); }},
        {"bad domain code", "/state/residents/issue_domain",
         [](auto& f) { fill(f, "/state/residents/issue_domain", 40); }},
        {"bad handler code", "/state/residents/issue_handler",
         [](auto& f) { fill(f, "/state/residents/issue_handler", 9); }},
        {"bad kind code", "/state/residents/kind", [](auto& f) { fill(f, "/state/residents/kind", 200); }},
        {"bad organization type", "/state/orgs/type", [](auto& f) { fill(f, "/state/orgs/type", 7); }},
        {"a played-closed flag of 2", "/state/orgs/played_closed",
         [](auto& f) { fill(f, "/state/orgs/played_closed", 2); }},
        {"short played-closed flags", "/state/orgs/played_closed",
         [](auto& f) { truncate_rows(f, "/state/orgs/played_closed", 1); }},
        {"bad organization slot", "/state/residents/issue_slot",
         [](auto& f) { fill(f, "/state/residents/issue_slot", 200); }},
        {"wrong degree", "/state@degree", [](auto& f) { set_attribute(f, "/state", "degree", std::int64_t{3}); }},
        {"wrong org_slots", "/state@org_slots",
         [](auto& f) { set_attribute(f, "/state", "org_slots", std::int64_t{40}); }},
        {"wrong compounds", "/state@compounds",
         [](auto& f) { set_attribute(f, "/state", "compounds", std::int64_t{0}); }},
        {"zero streets", "/state/streets",
         [](auto& f) {
             for (const char* d : {"priorities", "leader_since", "broken_at", "trust_in_district"})
                 truncate_rows(f, std::string("/state/streets/") + d, 0);
         }},
        {"zero communities", "/state/communities/first",
         [](auto& f) { truncate_rows(f, "/state/communities/first", 0); }},
        {"residents_per_cell = 0", "/state/communities/residents_per_cell",
         [](auto& f) { fill(f, "/state/communities/residents_per_cell", 0); }},
        {"state@step = 10**12", "@step",
         [](auto& f) { set_attribute(f, "/state", "step", std::int64_t{1000000000000}); }},
        {"step = -5 (was: a checkpoint written to an empty path)", "/@step",
         [](auto& f) {
             set_attribute(f, "/", "step", std::int64_t{-5});
             set_attribute(f, "/state", "step", std::int64_t{-5});
         }},
        {"root step = 10**12", "/@step", [](auto& f) { set_attribute(f, "/", "step", std::int64_t{1000000000000}); }},
        {"a seed of two int64", "/@seed",
         [](auto& f) {
             set_attribute(f, "/", "seed", std::vector<std::int64_t>{1, 2});
         }},
        {"format_version as an array", "/@format_version",
         [](auto& f) {
             set_attribute(f, "/", "format_version", std::vector<std::int64_t>{1, 1});
         }},
        {"a segment claiming 2,000 residents per community", "/state/",
         [](auto& f) {
             h5::File h = h5::File::open_for_update(f);
             auto tomls = h.read_strings("/segments/scenario");
             for (auto& t : tomls) t = small_city_toml() + "";
             tomls.back().replace(tomls.back().find("residents_per_community = 200"), 29,
                                  "residents_per_community = 2000");
             h.remove("/segments/scenario");
             h.write_strings("/segments/scenario", tomls);
             h.close();
         }},
        {"empty /segments", "/segments",
         [](auto& f) {
             h5::File h = h5::File::open_for_update(f);
             h.remove("/segments/scenario");
             h.remove("/segments/start");
             h.write_strings("/segments/scenario", {});
             h.write<std::int64_t>("/segments/start", {}, {0});
             h.close();
         }},
        {"segments and starts of different lengths", "/segments/start",
         [](auto& f) { truncate_rows(f, "/segments/start", 0); }},
        {"a float where an integer array was", "/state/residents/tenure",
         [](auto& f) {
             h5::File h = h5::File::open_for_update(f);
             const auto n = h.shape("/state/residents/tenure");
             h.remove("/state/residents/tenure");
             h.write<double>("/state/residents/tenure", std::vector<double>(n[0], 1.5), n);
             h.close();
         }},
        {"a missing array", "/state/residents/efficacy",
         [](auto& f) {
             h5::File h = h5::File::open_for_update(f);
             h.remove("/state/residents/efficacy");
             h.close();
         }},
    };
}

}  // namespace

TEST_CASE("every kind of damaged checkpoint is refused by name before it is used")
{
    TempDir dir;
    CHECK_NOTHROW(read_checkpoint(corpus().checkpoint));  // the undamaged file loads
    for (const auto& d : damages()) {
        CAPTURE(d.what);
        const std::string f = copy_to(dir, corpus().checkpoint, "bad.h5");
        d.apply(f);
        try {
            read_checkpoint(f);
            FAIL_CHECK("accepted: " << d.what);
        } catch (const h5::InvalidFile& e) {
            const std::string msg = e.what();
            CHECK_MESSAGE(msg.find(f) != std::string::npos, msg);
            CHECK_MESSAGE(msg.find(d.named) != std::string::npos, msg);
        } catch (const ScenarioError& e) {
            FAIL_CHECK("refused as a scenario: " << e.diagnostics().front().text());
        }
    }
}

TEST_CASE("run --from a damaged checkpoint exits 2, names the object and writes nothing")
{
    TempDir dir;
    const std::string bad = copy_to(dir, corpus().checkpoint, "b.h5");
    fill(bad, "/state/orgs/contract", 1000);  // was: x.h5 committed, then free(): invalid next size
    const std::string out = dir.file("x.h5");
    const auto r = cogov_cmd({"run", corpus().scenario, "--from", bad, "-o", out, "-q"});
    CHECK(r.status == 2);
    CHECK_MESSAGE(r.err.find("/state/orgs/contract") != std::string::npos, r.err);
    CHECK_FALSE(std::filesystem::exists(out));

    const std::string short_history = copy_to(dir, corpus().checkpoint, "h.h5");
    truncate_rows(short_history, "/city/residents", 3);  // was: zero-filled gaps, exit 0
    const auto h = cogov_cmd({"run", corpus().scenario, "--from", short_history, "-o", out, "-q"});
    CHECK(h.status == 2);
    CHECK_MESSAGE(h.err.find("/city/residents") != std::string::npos, h.err);
    CHECK_FALSE(std::filesystem::exists(out));
}
