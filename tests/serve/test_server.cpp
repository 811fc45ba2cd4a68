// The classroom server, in-process on an ephemeral loopback port: every
// endpoint, bad input, limits, streaming and closed tabs.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "cogov/cli/cli.h"
#include "cogov/sim/run.h"
#include "cogov/serve/registry.h"
#include "cogov/serve/server.h"
#include "support.h"

// Last: httplib brings <resolv.h>, whose `_res` macro breaks Eigen's headers.
#include <httplib.h>

using namespace cogov;
using nlohmann::json;

namespace {

//! A server with small limits and a client for it.
struct Classroom {
    std::ostringstream log;
    serve::Server server;
    int port;
    httplib::Client client;

    static serve::ServeConfig config(std::chrono::milliseconds idle)
    {
        serve::ServeConfig c;
        c.port = 0;
        c.scenarios_dir = test::source_dir() / "scenarios";
        c.limits.max_sessions = 2;
        c.limits.max_residents = 2000;
        c.limits.idle_timeout = idle;
        c.limits.heartbeat = std::chrono::milliseconds(100);
        return c;
    }
    //! `idle`: how soon a session without a stream is freed.
    explicit Classroom(std::chrono::milliseconds idle = std::chrono::seconds(30))
        : server(config(idle), log), port(server.start()), client("127.0.0.1", port)
    {
        client.set_read_timeout(20, 0);
    }

    httplib::Result post(const std::string& path, const std::string& body, const char* type = "application/json")
    {
        return client.Post(path.c_str(), body, type);
    }
    //! A new session on a lesson; its id.
    std::string start(const char* lesson = "asymmetry")
    {
        auto r = post("/api/sessions", json{{"lesson", lesson}}.dump());
        REQUIRE(r);
        REQUIRE(r->status == 201);
        return json::parse(r->body)["id"];
    }
    json status(const std::string& id) { return json::parse(client.Get(("/api/sessions/" + id).c_str())->body); }
    int control(const std::string& id, const json& body)
    {
        return post("/api/sessions/" + id + "/control", body.dump())->status;
    }
};

//! Status and the error message of a refused request.
std::pair<int, std::string> refused(const httplib::Result& r)
{
    REQUIRE(r);
    const json body = json::parse(r->body);
    return {r->status, body["error"].get<std::string>()};
}

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("serve: the page and its assets are served from memory, nothing else")
{
    Classroom c;
    auto r = c.client.Get("/");
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(r->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(contains(r->body, "cogov classroom"));
    std::smatch script;
    REQUIRE(std::regex_search(r->body, script, std::regex(R"(/assets/[A-Za-z0-9._-]+\.js)")));
    auto js = c.client.Get(script.str().c_str());
    REQUIRE(js);
    CHECK(js->status == 200);
    CHECK(js->get_header_value("Content-Type") == "text/javascript; charset=utf-8");
    CHECK(js->body.size() > 10000);
    for (const char* path : {"/nope.js", "/assets/none.js", "/../CMakeLists.txt", "/assets/..%2f..%2fCMakeLists.txt",
                             "/%2e%2e/%2e%2e/etc/passwd", "/api/nothing"}) {
        CAPTURE(path);
        auto missing = c.client.Get(path);
        REQUIRE(missing);
        CHECK(missing->status == 404);
        CHECK(json::parse(missing->body).contains("error"));
    }
}

TEST_CASE("serve: the catalog lists lessons, scenarios, levers, shocks and limits")
{
    Classroom c;
    auto r = c.client.Get("/api/catalog");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    const json cat = json::parse(r->body);
    CHECK(cat["lessons"].size() >= 3);
    for (const auto& lesson : cat["lessons"]) {
        CHECK(!lesson["watch"].get<std::string>().empty());
        CHECK(!lesson["question"].get<std::string>().empty());
    }
    CHECK(cat["scenarios"][0]["id"] == "baseline");
    CHECK(cat["scenarios"][0]["residents"].get<int>() <= 2000);
    std::vector<std::string> keys;
    for (const auto& k : cat["controls"]) keys.push_back(k["key"]);
    for (const char* k : {"trust.a_gain", "trust.a_loss", "contracts.p_default", "committee.delegated_items",
                          "power.mobility", "power.leader_tenure", "platform.adoption", "grid.enabled"})
        CHECK(std::find(keys.begin(), keys.end(), k) != keys.end());
    CHECK(cat["shocks"].size() == 2);
    CHECK(cat["limits"]["max_sessions"] == 2);
    CHECK(cat["vocabulary"]["actors"].size() == 5);
}

TEST_CASE("serve: starting sessions, bad requests and the session cap")
{
    Classroom c;
    CHECK(refused(c.post("/api/sessions", R"({"lesson":"asymmetry"})", "text/plain")).first == 415);
    CHECK(refused(c.post("/api/sessions", "{not json")).first == 400);
    CHECK(contains(refused(c.post("/api/sessions", "{not json")).second, "not valid JSON"));
    CHECK(refused(c.post("/api/sessions", "[1,2]")).first == 400);
    CHECK(contains(refused(c.post("/api/sessions", "{}")).second, "exactly one of 'lesson' and 'scenario'"));
    CHECK(refused(c.post("/api/sessions", R"({"lesson":"a","scenario":"b"})")).first == 400);
    CHECK(refused(c.post("/api/sessions", R"({"lesson":"nope"})")) ==
          std::pair<int, std::string>{404, "no lesson 'nope'"});
    CHECK(refused(c.post("/api/sessions", R"({"scenario":"../etc/passwd"})")).first == 404);
    CHECK(refused(c.post("/api/sessions", R"({"lesson":7})")).first == 400);
    CHECK(contains(refused(c.post("/api/sessions", R"({"lesson":"asymmetry","seed":-1})")).second, "seed"));
    CHECK(contains(refused(c.post("/api/sessions", R"({"lesson":"asymmetry","path":"/tmp/x"})")).second,
                   "unknown field 'path'"));
    // An oversized body is refused before it is read.
    const std::string huge = "{\"lesson\":\"" + std::string(64 * 1024, 'a') + "\"}";
    CHECK(refused(c.post("/api/sessions", huge)).first == 413);
    CHECK(c.server.sessions().size() == 0);

    const std::string a = c.start();
    CHECK(std::regex_match(a, std::regex("[0-9a-f]{32}")));
    auto b = c.post("/api/sessions", R"({"scenario":"baseline","seed":42})");
    REQUIRE(b->status == 201);
    CHECK(json::parse(b->body)["seed"] == 42);
    const auto full = refused(c.post("/api/sessions", R"({"lesson":"burden-cut"})"));
    CHECK(full.first == 503);
    CHECK(contains(full.second, "all 2 sessions are in use"));
}

TEST_CASE("serve: controls, live changes, shocks and their errors")
{
    Classroom c;
    const std::string id = c.start();
    const std::string base = "/api/sessions/" + id;
    CHECK(c.status(id)["step"] == 0);
    CHECK(c.control(id, {{"action", "step"}}) == 200);
    CHECK(c.control(id, {{"action", "step"}}) == 200);
    CHECK(c.status(id)["step"] == 2);
    CHECK(c.control(id, {{"speed", 10}}) == 200);
    CHECK(c.status(id)["speed"] == 10);
    CHECK(c.control(id, {{"speed", 0}}) == 400);
    CHECK(c.control(id, {{"speed", 1000}}) == 400);
    CHECK(c.control(id, {{"speed", "fast"}}) == 400);
    CHECK(c.control(id, {{"action", "fly"}}) == 400);
    CHECK(c.control(id, json::object()) == 400);
    CHECK(c.control(id, {{"action", "play"}}) == 200);
    CHECK(c.status(id)["playing"] == true);
    CHECK(c.control(id, {{"action", "pause"}}) == 200);
    CHECK(c.status(id)["playing"] == false);

    auto set = [&](const json& body) { return c.post(base + "/set", body.dump()); };
    auto ok = set({{"key", "trust.a_loss"}, {"value", 0.05}});
    REQUIRE(ok->status == 200);
    CHECK(json::parse(ok->body)["params"]["trust.a_loss"] == 0.05);
    CHECK(json::parse(ok->body)["changes"][0] ==
          json{{"step", 3}, {"key", "trust.a_loss"}, {"value", 0.05}, {"note", "live: trust.a_loss"}});
    CHECK(refused(set({{"key", "trust.a_loss"}, {"value", 2}})).second ==
          "trust.a_loss: 2.0 is out of range: expected a real number in [0, 1] (per experience)");
    CHECK(contains(refused(set({{"key", "trust.a_los"}, {"value", 0.1}})).second, "did you mean 'trust.a_loss'?"));
    CHECK(contains(refused(set({{"key", "city.communities"}, {"value", 3}})).second, "fixed at initialisation"));
    CHECK(refused(set({{"key", "grid.enabled"}, {"value", "yes"}})).first == 400);
    CHECK(refused(set({{"key", "committee.delegated_items"}, {"value", 7.5}})).first == 400);
    CHECK(refused(set({{"value", 1}})).first == 400);
    CHECK(refused(set({{"key", "trust.a_gain"}})).first == 400);
    CHECK(contains(refused(set({{"key", "contracts.p_default"}, {"value", 0.99}})).second, "exceeds 1"));
    CHECK(c.status(id)["changes"].size() == 1);

    auto shock = [&](const json& body) { return c.post(base + "/shock", body.dump()); };
    REQUIRE(shock({{"shock", "leader_change"}})->status == 200);
    CHECK(c.status(id)["changes"].size() == 2);
    CHECK(contains(refused(shock({{"shock", "earthquake"}})).second, "expected one of leader_change, payment_default"));
    CHECK(refused(shock(json::object())).first == 400);

    for (const char* what : {"/control", "/set", "/shock"}) {
        CAPTURE(what);
        CHECK(refused(c.post("/api/sessions/0123456789abcdef0123456789abcdef" + std::string(what), "{}")).first == 404);
    }
    CHECK(refused(c.client.Get("/api/sessions/0123456789abcdef0123456789abcdef")).first == 404);
    CHECK(c.client.Get("/api/sessions/not-an-id")->status == 404);
}

TEST_CASE("serve: two sessions side by side are independent and reproducible")
{
    Classroom c;
    const std::string a = c.start(), b = c.start();
    for (int k = 0; k < 3; ++k) c.control(a, {{"action", "step"}});
    c.control(b, {{"action", "step"}});
    CHECK(c.status(a)["step"] == 3);
    CHECK(c.status(b)["step"] == 1);
    for (int k = 0; k < 2; ++k) c.control(b, {{"action", "step"}});
    auto toml = [&](const std::string& id) {
        return c.client.Get(("/api/sessions/" + id + "/scenario").c_str())->body;
    };
    CHECK(toml(a) == toml(b));  // same lesson, same weeks: the same scenario
}

TEST_CASE("serve: the event stream sends weeks while playing and a closed stream frees the session")
{
    Classroom c(std::chrono::milliseconds(300));
    const std::string id = c.start();
    std::string received;
    std::mutex mutex;
    std::atomic<bool> stop{false};
    std::thread reader([&] {
        httplib::Client stream("127.0.0.1", c.port);
        stream.Get(("/api/sessions/" + id + "/stream").c_str(), [&](const char* data, std::size_t n) {
            std::lock_guard lock(mutex);
            received.append(data, n);
            return !stop.load();
        });
    });
    auto seen = [&](const std::string& part, int count) {
        for (int k = 0; k < 200; ++k) {
            {
                std::lock_guard lock(mutex);
                std::size_t found = 0;
                for (auto at = received.find(part); at != std::string::npos; at = received.find(part, at + 1)) ++found;
                if (int(found) >= count) return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        }
        return false;
    };
    CHECK(seen("event: status", 1));
    CHECK(c.control(id, {{"speed", 50}}) == 200);
    CHECK(c.control(id, {{"action", "play"}}) == 200);
    CHECK(seen("event: frame", 5));
    CHECK(seen("event: network", 1));
    CHECK(seen("event: frame", 6));
    c.control(id, {{"action", "pause"}});
    {
        std::lock_guard lock(mutex);
        const auto at = received.find("event: frame\ndata: ");
        REQUIRE(at != std::string::npos);
        const json frame = json::parse(received.substr(at + 19, received.find('\n', at + 19) - at - 19));
        CHECK(frame["step"] == 1);
        CHECK(frame["trust"].size() == 25);
        CHECK(frame["metrics"].contains("participation_rate"));
    }
    stop = true;
    reader.join();  // the tab is closed
    // (Watched from inside: a request for the session would count as use.)
    bool freed = false;
    for (int k = 0; k < 100 && !freed; ++k) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        freed = c.server.sessions().size() == 0;
    }
    CHECK(freed);
    CHECK(c.client.Get(("/api/sessions/" + id).c_str())->status == 404);
}

TEST_CASE("serve: export gives a normal run file that cogov rerun reproduces and delete frees the session")
{
    Classroom c;
    const std::string id = c.start("broken-promise");
    const std::string base = "/api/sessions/" + id;
    CHECK(refused(c.client.Get((base + "/export").c_str())).first == 409);
    CHECK(refused(c.client.Get((base + "/scenario").c_str())).first == 409);
    for (int k = 0; k < 4; ++k) c.control(id, {{"action", "step"}});
    c.post(base + "/shock", R"({"shock":"payment_default"})");
    c.post(base + "/set", R"({"key":"contracts.payment_guarantee","value":true})");
    for (int k = 0; k < 3; ++k) c.control(id, {{"action", "step"}});

    const auto scenario = c.client.Get((base + "/scenario").c_str());
    REQUIRE(scenario->status == 200);
    CHECK(contains(scenario->body, "steps = 7"));
    CHECK(contains(scenario->body, "note = \"shock: Wave of defaulted payments\""));
    CHECK(contains(scenario->body, "set = { \"contracts.payment_guarantee\" = true }"));

    const auto file = c.client.Get((base + "/export").c_str());
    REQUIRE(file->status == 200);
    CHECK(file->get_header_value("Content-Type") == "application/x-hdf5");
    CHECK(contains(file->get_header_value("Content-Disposition"), "cogov-lesson-broken-promise-week7.h5"));
    CHECK(file->body.substr(1, 3) == "HDF");
    test::TempDir dir;
    {
        std::ofstream out(dir.file("export.h5"), std::ios::binary);
        out << file->body;
    }
    const RunFileInfo info = read_run_info(dir.file("export.h5"));
    CHECK(info.steps == 7);
    CHECK(info.seed == 1);
    std::ostringstream out, err;
    cli::Io io{out, err};
    REQUIRE(cli::main({"rerun", dir.file("export.h5"), "-o", dir.file("again.h5"), "-q"}, io) == 0);
    CHECK(test::differing_datasets(dir.file("export.h5"), dir.file("again.h5")).empty());

    CHECK(c.client.Delete(base.c_str())->status == 204);
    CHECK(c.client.Get(base.c_str())->status == 404);
    CHECK(c.client.Delete(base.c_str())->status == 404);
}

TEST_CASE("serve: loopback only answers loopback names and an over-long request line is refused")
{
    Classroom c;
    auto r = c.client.Get("/api/catalog", {{"Host", "evil.example:80"}});
    REQUIRE(r);
    CHECK(r->status == 403);
    CHECK(c.client.Get("/api/catalog", {{"Host", "localhost:8080"}})->status == 200);
    auto longer = c.client.Get(("/api/" + std::string(10000, 'x')).c_str());
    REQUIRE(longer);
    CHECK(longer->status == 414);
}

TEST_CASE("serve: the command refuses bad options and a port it cannot bind")
{
    std::ostringstream out, err;
    cli::Io io{out, err};
    CHECK(cli::main({"serve", "--help"}, io) == 0);
    CHECK(contains(out.str(), "usage: cogov serve"));
    CHECK(cli::main({"serve", "--port", "70000"}, io) == 2);
    CHECK(cli::main({"serve", "--max-sessions", "0"}, io) == 2);
    CHECK(cli::main({"serve", "--host", "203.0.113.1", "--port", "0"}, io) == 2);
    CHECK(contains(err.str(), "cannot listen on 203.0.113.1"));
}
