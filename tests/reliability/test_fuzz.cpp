// A bounded fuzz pass over every cogov input: run files, checkpoints,
// sweep shards, journals, scenario files and HTTP requests, each mutated
// from the small corpus files (reliability/hostile.cpp builds them with
// fixed seeds). Each case runs the cogov command as a child process with a
// time limit: only exit 0 (a harmless mutation) or exit 2 with a message
// is allowed, never a signal, a sanitizer report, exit 1 or a hang. The
// sanitizer build (scripts/test.sh) runs the same cases.
//
// Reproduce a failure: the message prints the case's seed; run
//   COGOV_FUZZ_SEED=<seed> build/bin/cogov_tests -tc='fuzz: <target>*'
// More cases: COGOV_FUZZ_CASES=<n> (default per target below).
//
// Checked to fail: against the code before issue 11's fixes, the checkpoint
// target crashed (SIGSEGV, SIGFPE, heap corruption) within its first cases.
// The class-session target failed when a refused answer threw a plain
// exception (a 500) instead of a 400.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cogov/batch/sweep_journal.h"
#include "cogov/serve/server.h"
#include "reliability/hostile.h"

// Last: httplib brings <resolv.h>, whose `_res` macro breaks Eigen's headers.
#include <httplib.h>

using namespace cogov;
using namespace cogov::test;

namespace fs = std::filesystem;

namespace {

//! SplitMix64: a small, fully specified generator (same cases on every platform).
class Rng {
public:
    explicit Rng(std::uint64_t seed) : s_(seed) {}
    std::uint64_t next()
    {
        std::uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }

private:
    std::uint64_t s_;
};

//! Committed seeds, one per target; case k uses seed + k.
constexpr std::uint64_t SEED_RUN_FILE = 0x52554e0001, SEED_CHECKPOINT = 0x434b500001, SEED_SHARD = 0x5348440001,
                        SEED_JOURNAL = 0x4a524e0001, SEED_SCENARIO = 0x544f4d0001, SEED_HTTP = 0x4854540001,
                        SEED_CLASS = 0x434c530001;

//! The cases of one target: COGOV_FUZZ_SEED runs just that case.
std::vector<std::uint64_t> cases(std::uint64_t seed, int count)
{
    if (const char* one = std::getenv("COGOV_FUZZ_SEED")) return {std::strtoull(one, nullptr, 0)};
    if (const char* n = std::getenv("COGOV_FUZZ_CASES")) count = std::atoi(n);
    std::vector<std::uint64_t> out;
    for (int k = 0; k < count; ++k) out.push_back(seed + static_cast<std::uint64_t>(k));
    return out;
}

//! Values that break code which trusts them.
double interesting(Rng& rng)
{
    static const double values[] = {0,
                                    -1,
                                    1,
                                    2,
                                    7,
                                    255,
                                    256,
                                    65535,
                                    65536,
                                    2147483647.0,
                                    4294967295.0,
                                    -2147483648.0,
                                    1e12,
                                    -1e12,
                                    1e300,
                                    -1e300,
                                    std::numeric_limits<double>::quiet_NaN(),
                                    std::numeric_limits<double>::infinity(),
                                    0.5,
                                    199,
                                    200,
                                    201,
                                    599,
                                    600,
                                    30,
                                    31};
    return values[rng.below(std::size(values))];
}

//! One random structural change to an HDF5 file: a value, a shape, a
//! type, a missing dataset or an attribute of another kind. Returns what
//! it did, for the failure message.
std::string mutate_h5(const std::string& file, Rng& rng)
{
    std::vector<std::string> sets;
    {
        const h5::File h = h5::File::open(file);
        for (const auto& d : h.datasets())
            if (h.dtype(d) != "string") sets.push_back(d);
    }
    const std::string ds = sets[rng.below(sets.size())];
    const double v = interesting(rng);
    switch (rng.below(8)) {
    case 0: fill(file, ds, v); return "fill " + ds + " with " + std::to_string(v);
    case 1: {
        std::size_t at = 0;
        rewrite(file, ds, [&](std::vector<double>& xs, h5::Shape&) {
            if (xs.empty()) return;
            at = rng.below(xs.size());
            xs[at] = v;
        });
        return "set " + ds + "[" + std::to_string(at) + "] = " + std::to_string(v);
    }
    case 2: {
        std::size_t rows = 0;
        rewrite(file, ds, [&](std::vector<double>& xs, h5::Shape& shape) {
            if (shape.empty()) return;
            const std::size_t width = shape[0] ? xs.size() / shape[0] : 1;
            rows = rng.below(shape[0] + 1);
            shape[0] = rows;
            xs.resize(rows * width);
        });
        return "keep " + std::to_string(rows) + " rows of " + ds;
    }
    case 3:
        rewrite(file, ds, [&](std::vector<double>& xs, h5::Shape& shape) {
            if (shape.empty()) return;
            shape[0] = shape[0] * 2 + 1;
            std::size_t n = 1;
            for (auto d : shape) n *= d;
            xs.resize(n, v);
        });
        return "grow " + ds;
    case 4: {
        h5::File h = h5::File::open_for_update(file);
        h.remove(ds);
        h.close();
        return "remove " + ds;
    }
    case 5: {
        h5::File h = h5::File::open_for_update(file);
        const auto shape = h.shape(ds);
        std::size_t n = 1;
        for (auto d : shape) n *= d;
        h.remove(ds);
        if (rng.below(2)) h.write<double>(ds, std::vector<double>(n, v), shape);
        else h.write<std::int8_t>(ds, std::vector<std::int8_t>(n, 1), shape);
        h.close();
        return "retype " + ds;
    }
    default: {
        h5::File h = h5::File::open_for_update(file);
        const std::string object = rng.below(3) == 0 && h.exists("/state") ? "/state"
                                   : rng.below(2) && h.exists("/design")   ? "/design"
                                                                           : "/";
        const auto names = h.attr_names(object);
        const std::string name = names[rng.below(names.size())];
        h5::AttrValue value;
        switch (rng.below(5)) {
        case 0: value = static_cast<std::int64_t>(std::isfinite(v) ? std::max(-9e18, std::min(9e18, v)) : -1); break;
        case 1: value = std::vector<std::int64_t>{1, 2}; break;
        case 2: value = v; break;
        case 3: value = std::string(""); break;
        default: value = std::vector<double>{}; break;
        }
        h.set_attr(object, name, value);
        h.close();
        return "attribute " + object + "@" + name + " := " + h5::File::describe(value);
    }
    }
}

//! Flip, truncate or splice the bytes of a file.
std::string mutate_bytes(const std::string& file, Rng& rng, std::size_t keep_prefix = 0)
{
    std::string bytes;
    {
        std::ifstream in(file, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    std::string what;
    const std::size_t span = bytes.size() > keep_prefix ? bytes.size() - keep_prefix : 1;
    switch (rng.below(4)) {
    case 0:
        for (int k = 0; k < 1 + int(rng.below(4)); ++k) {
            const std::size_t at = keep_prefix + rng.below(span);
            if (at < bytes.size()) bytes[at] = static_cast<char>(bytes[at] ^ (1 << rng.below(8)));
        }
        what = "flip bits";
        break;
    case 1:
        bytes.resize(keep_prefix + rng.below(span));
        what = "truncate to " + std::to_string(bytes.size());
        break;
    case 2: {
        const std::size_t at = keep_prefix + rng.below(span);
        std::string junk(1 + rng.below(64), '\0');
        for (auto& c : junk) c = static_cast<char>(rng.next());
        bytes.insert(std::min(at, bytes.size()), junk);
        what = "insert junk";
        break;
    }
    default: {
        const std::size_t at = keep_prefix + rng.below(span);
        const std::uint32_t huge[2] = {static_cast<std::uint32_t>(rng.next()), 0xFFFFFFF0u};
        if (at + 8 <= bytes.size()) std::memcpy(bytes.data() + at, huge, sizeof huge);
        what = "forge a length at " + std::to_string(at);
    }
    }
    std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
    return what;
}

//! Check a child's end and that a refused command wrote nothing.
void expect_clean(const ChildResult& r, std::uint64_t seed, const std::string& what, const std::string& output)
{
    INFO("case seed " << seed << " (COGOV_FUZZ_SEED=" << seed << "): " << what);
    INFO("cogov said: " << r.output);
    CHECK(r.clean());
    if (r.status == 2 && !output.empty()) CHECK_FALSE(fs::exists(output));
}

constexpr double CASE_SECONDS = 60;

}  // namespace

TEST_CASE("fuzz: run files (info, rerun)")
{
    for (std::uint64_t seed : cases(SEED_RUN_FILE, 24)) {
        TempDir dir;
        Rng rng(seed);
        const std::string f = copy_to(dir, corpus().run_file, "r.h5");
        const std::string what = rng.below(6) == 0 ? mutate_bytes(f, rng, 4096) : mutate_h5(f, rng);
        expect_clean(run_cogov({"info", f}, CASE_SECONDS), seed, "info after " + what, "");
        const std::string out = dir.file("again.h5");
        expect_clean(run_cogov({"rerun", f, "-o", out, "-q", "--threads", "1"}, CASE_SECONDS), seed,
                     "rerun after " + what, out);
    }
}

TEST_CASE("fuzz: checkpoints (run --from)")
{
    for (std::uint64_t seed : cases(SEED_CHECKPOINT, 40)) {
        TempDir dir;
        Rng rng(seed);
        const std::string f = copy_to(dir, corpus().checkpoint, "c.h5");
        std::string what = mutate_h5(f, rng);
        if (rng.below(3) == 0) what += "; " + mutate_h5(f, rng);
        const std::string out = dir.file("x.h5");
        expect_clean(run_cogov({"run", corpus().scenario, "--from", f, "-o", out, "-q", "--threads", "1"},
                               CASE_SECONDS),
                     seed, what, out);
    }
}

TEST_CASE("fuzz: sweep shards (merge)")
{
    for (std::uint64_t seed : cases(SEED_SHARD, 24)) {
        TempDir dir;
        Rng rng(seed);
        const std::string f = copy_to(dir, corpus().shard0, "a.h5");
        const std::string what = mutate_h5(f, rng);
        const std::string out = dir.file("m.h5");
        expect_clean(run_cogov({"merge", f, corpus().shard1, "-o", out, "-q"}, CASE_SECONDS), seed, what, out);
    }
}

TEST_CASE("fuzz: sweep journals (sweep --resume)")
{
    for (std::uint64_t seed : cases(SEED_JOURNAL, 16)) {
        TempDir dir;
        Rng rng(seed);
        const std::string out = dir.file("half.h5");
        const std::string journal = Journal::path_for(out);
        fs::copy_file(Journal::path_for(corpus().journal_output), journal);
        const std::string what = mutate_bytes(journal, rng, rng.below(4) == 0 ? 0 : 48);
        const auto r =
            run_cogov({"sweep", corpus().sweep, "-o", out, "--resume", "-q", "--threads", "1"}, CASE_SECONDS);
        expect_clean(r, seed, what, out);
    }
}

TEST_CASE("fuzz: scenario files (check)")
{
    const std::string base =
        small_city_toml() +
        "[trust]\na_gain = 0.05\n[[events]]\nstep = 5\nnote = \"x\"\n[events.set]\n\"trust.a_loss\" = 0.2\n";
    static const char* const splices[] = {"base = \"/dev/zero\"\n",
                                          "base = \"/\"\n",
                                          "base = \"s.toml\"\n",
                                          "steps = 1e400\n",
                                          "steps = 9223372036854775808\n",
                                          "[[[x]]]\n",
                                          "a = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n",
                                          "\xff\xfe\n",
                                          "name = \"\\uD800\"\n",
                                          "[city]\ncommunities = 0\n",
                                          "[time]\nsteps = -5\n",
                                          "[[events]]\nstep = 99999999999\n"};
    for (std::uint64_t seed : cases(SEED_SCENARIO, 24)) {
        TempDir dir;
        Rng rng(seed);
        std::string text = base;
        std::string what;
        for (int k = 0; k < 1 + int(rng.below(3)); ++k) {
            if (rng.below(2)) {
                const char* s = splices[rng.below(std::size(splices))];
                text.insert(rng.below(2) ? 0 : text.size(), s);
                what += std::string("splice ") + s;
            } else {
                const std::size_t at = rng.below(text.size());
                text[at] = static_cast<char>(rng.next());
                what += "byte " + std::to_string(at) + "; ";
            }
        }
        const std::string f = dir.write("s.toml", text);
        expect_clean(run_cogov({"check", f}, CASE_SECONDS), seed, what, "");
    }
}

TEST_CASE("fuzz: HTTP requests to the classroom server")
{
    serve::ServeConfig config;
    config.port = 0;
    config.scenarios_dir = source_dir() / "scenarios";
    config.limits.max_sessions = 2;
    config.limits.max_residents = 2000;
    // Over 200 requests in a burst (the cases and the deletes) would spend the
    // rate limit of the sessions' routes (bursts of 200, its own tests) and
    // make the last check a race with the refill, as in the class fuzz below.
    config.limits.api_burst = 1e6;
    config.limits.read_timeout = std::chrono::milliseconds(500);
    std::ostringstream log;
    serve::Server server(config, log);
    const int port = server.start();
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(10, 0);
    const auto made = client.Post("/api/sessions", R"({"lesson": "asymmetry"})", "application/json");
    REQUIRE(made);
    const std::string id = nlohmann::json::parse(made->body)["id"];
    const std::vector<std::pair<std::string, std::string>> seeds = {
        {"/api/sessions", R"({"lesson": "asymmetry", "seed": 3})"},
        {"/api/sessions/" + id + "/control", R"({"action": "step", "speed": 4})"},
        {"/api/sessions/" + id + "/set", R"({"key": "trust.a_loss", "value": 0.05})"},
        {"/api/sessions/" + id + "/shock", R"({"shock": "leader_change"})"},
    };
    static const char* const tokens[] = {"1e400",
                                         "-1e400",
                                         "9223372036854775808",
                                         "18446744073709551616",
                                         "-0",
                                         "5e-324",
                                         "null",
                                         "[]",
                                         "{}",
                                         "\"\xff\"",
                                         "\"\\uD800\"",
                                         "true",
                                         "\"play\"",
                                         "\"reset\"",
                                         "0",
                                         "-1",
                                         "1e308"};
    for (std::uint64_t seed : cases(SEED_HTTP, 200)) {
        Rng rng(seed);
        auto [path, body] = seeds[rng.below(seeds.size())];
        std::string what;
        for (int k = 0; k < 1 + int(rng.below(3)); ++k) {
            const auto colon = body.find(':', rng.below(body.size()));
            if (colon != std::string::npos && rng.below(3)) {
                const auto end = body.find_first_of(",}", colon);
                body.replace(colon + 1, end - colon - 1, std::string(" ") + tokens[rng.below(std::size(tokens))]);
            } else {
                body[rng.below(body.size())] = static_cast<char>(rng.next());
            }
        }
        what = path + " " + body;
        const auto r = client.Post(path.c_str(), body, "application/json");
        INFO("case seed " << seed << " (COGOV_FUZZ_SEED=" << seed << "): " << what);
        REQUIRE(r);                                                                 // the server is still there
        CHECK((r->status < 500 || (r->status == 503 && path == "/api/sessions")));  // 503: every session in use
        if (r->status == 201) {
            const auto made_now = nlohmann::json::parse(r->body, nullptr, false);
            if (made_now.is_object() && made_now.contains("id"))
                client.Delete(("/api/sessions/" + made_now["id"].get<std::string>()).c_str());
        }
    }
    CHECK(client.Get("/api/catalog")->status == 200);
}

TEST_CASE("fuzz: HTTP requests to a class session")
{
    serve::ServeConfig config;
    config.port = 0;
    config.scenarios_dir = source_dir() / "scenarios";
    config.limits.max_classes = 1;
    config.limits.max_residents = 2000;
    config.limits.client_burst = config.limits.api_burst = 1e6;
    config.limits.join_attempts_per_minute = 1000000;
    config.limits.read_timeout = std::chrono::milliseconds(500);
    std::ostringstream log;
    serve::Server server(config, log);
    const int port = server.start();
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(10, 0);
    const auto opened =
        nlohmann::json::parse(client.Post("/api/classes", R"({"lesson": "broken-promise"})", "application/json")->body);
    const std::string base = "/api/classes/" + opened["id"].get<std::string>();
    const std::string code = opened["code"];
    const auto joined = nlohmann::json::parse(
        client.Post("/api/join", R"({"code": ")" + code + R"(", "role": "leader", "name": "f"})", "application/json")
            ->body);
    client.set_default_headers({{"X-Teacher-Secret", opened["secret"].get<std::string>()},
                                {"X-Player-Token", joined["token"].get<std::string>()}});
    const std::vector<std::pair<std::string, std::string>> seeds = {
        {"/api/classes", R"({"lesson": "broken-promise", "seed": 3})"},
        {"/api/join", R"({"code": ")" + code + R"(", "role": "resident", "name": "Li"})"},
        {base + "/choose", R"({"decision": "pay", "choice": "no"})"},
        {base + "/control", R"({"action": "step", "speed": 4})"},
    };
    static const char* const tokens[] = {"1e400",    "-1e400",      "9223372036854775808",
                                         "null",     "[]",          "{}",
                                         "\"\xff\"", "\"\\uD800\"", "true",
                                         "\"end\"",  "\"renew\"",   "\"model\"",
                                         "0",        "-1",          "\"organization\""};
    for (std::uint64_t seed : cases(SEED_CLASS, 150)) {
        Rng rng(seed);
        auto [path, body] = seeds[rng.below(seeds.size())];
        for (int k = 0; k < 1 + int(rng.below(3)); ++k) {
            const auto colon = body.find(':', rng.below(body.size()));
            if (colon != std::string::npos && rng.below(3)) {
                const auto end = body.find_first_of(",}", colon);
                body.replace(colon + 1, end - colon - 1, std::string(" ") + tokens[rng.below(std::size(tokens))]);
            } else {
                body[rng.below(body.size())] = static_cast<char>(rng.next());
            }
        }
        const auto r = client.Post(path.c_str(), body, "application/json");
        INFO("case seed " << seed << " (COGOV_FUZZ_SEED=" << seed << "): " << path << " " << body);
        REQUIRE(r);                                                                // the server is still there
        CHECK((r->status < 500 || (r->status == 503 && path == "/api/classes")));  // 503: the one class is open
        for (const char* get : {"/board?since=0", "/me"}) CHECK(client.Get((base + get).c_str())->status < 500);
    }
    CHECK(client.Get((base + "/export").c_str())->status < 500);
}
