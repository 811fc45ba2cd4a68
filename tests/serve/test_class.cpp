// Class sessions over HTTP, in-process on a loopback port: opening a
// class, joining with the code under head-count caps, each role's answers,
// the teacher's secret, rate limits, bad input (never a 5xx), and an export
// that `cogov rerun` reproduces bit for bit. Checked to fail: with the
// role caps off, the fourth leader joined; with the secret check off, a
// student read the board; with the moves left out of the export's
// scenario, the rerun matched a run without players instead.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cogov/cli/cli.h"
#include "cogov/sim/run.h"
#include "cogov/serve/class_registry.h"
#include "cogov/serve/rate_limit.h"
#include "cogov/serve/server.h"
#include "support.h"

// Last: httplib brings <resolv.h>, whose `_res` macro breaks Eigen's headers.
#include <httplib.h>

using namespace cogov;
using nlohmann::json;

namespace {

struct ClassServer {
    std::ostringstream log;
    serve::Server server;
    int port;
    httplib::Client client;

    static serve::ServeConfig config(const std::function<void(serve::ServeConfig&)>& tune)
    {
        serve::ServeConfig c;
        c.port = 0;
        c.scenarios_dir = test::source_dir() / "scenarios";
        c.limits.max_residents = 2000;
        c.limits.max_classes = 1;
        c.limits.max_students = 5;
        c.limits.max_leaders_played = 2;
        c.limits.client_rate = 1000;
        c.limits.client_burst = 1000;
        c.limits.join_attempts_per_minute = 1000;
        if (tune) tune(c);
        return c;
    }
    explicit ClassServer(const std::function<void(serve::ServeConfig&)>& tune = {})
        : server(config(tune), log), port(server.start()), client("127.0.0.1", port)
    {
        client.set_read_timeout(20, 0);
    }

    httplib::Result post(const std::string& path, const json& body, const httplib::Headers& headers = {})
    {
        return client.Post(path.c_str(), headers, body.dump(), "application/json");
    }
    httplib::Result get(const std::string& path, const httplib::Headers& headers = {})
    {
        return client.Get(path.c_str(), headers);
    }
};

//! A class open on a lesson: its id, code and the teacher's headers.
struct OpenClass {
    std::string id, code, base;
    httplib::Headers teacher;
};

OpenClass open_class(ClassServer& s, const json& body = {{"lesson", "broken-promise"}},
                     const httplib::Headers& key = {})
{
    const auto r = s.post("/api/classes", body, key);
    REQUIRE(r);
    REQUIRE(r->status == 201);
    const json j = json::parse(r->body);
    return {j["id"], j["code"], "/api/classes/" + j["id"].get<std::string>(), {{"X-Teacher-Secret", j["secret"]}}};
}

//! Join as `role`: status and body.
std::pair<int, json> join(ClassServer& s, const std::string& code, const std::string& role,
                          const std::string& name = "Li")
{
    const auto r = s.post("/api/join", {{"code", code}, {"role", role}, {"name", name}});
    REQUIRE(r);
    return {r->status, json::parse(r->body)};
}

httplib::Headers player(const json& joined)
{
    return {{"X-Player-Token", joined["token"]}};
}

int choose(ClassServer& s, const OpenClass& c, const json& joined, const std::string& decision,
           const std::string& choice)
{
    const auto r = s.post(c.base + "/choose", {{"decision", decision}, {"choice", choice}}, player(joined));
    REQUIRE(r);
    return r->status;
}

int control(ClassServer& s, const OpenClass& c, const json& body)
{
    return s.post(c.base + "/control", body, c.teacher)->status;
}

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("serve class: a class opens with a join code, link and teacher secret, one class at a time")
{
    ClassServer s;
    const auto r = s.post("/api/classes", {{"lesson", "broken-promise"}, {"seed", 4}});
    REQUIRE(r->status == 201);
    const json j = json::parse(r->body);
    CHECK(j["code"].get<std::string>().size() == 6);
    CHECK(j["secret"].get<std::string>().size() == 32);
    CHECK(contains(j["join_url"], "/join.html?code=" + j["code"].get<std::string>()));
    CHECK(j["status"]["seed"] == 4);
    CHECK(j["counts"]["leader"]["cap"] == 2);
    CHECK(s.post("/api/classes", {{"lesson", "broken-promise"}})->status == 503);  // max_classes = 1
    CHECK(s.post("/api/classes", {{"lesson", "nope"}})->status == 404);
    CHECK(s.post("/api/classes", {{"lesson", "broken-promise"}, {"colour", 1}})->status == 400);
    CHECK(s.client.Post("/api/classes", "lesson", "text/plain")->status == 415);
    CHECK(serve::normal_code(" ab-c d9 ") == "ABCD9");
}

TEST_CASE("serve class: on a network address opening a class needs the teacher key")
{
    ClassServer s([](serve::ServeConfig& c) { c.teacher_key = "k3y"; });
    CHECK(s.post("/api/classes", {{"lesson", "broken-promise"}})->status == 403);
    CHECK(s.post("/api/classes", {{"lesson", "broken-promise"}}, {{"X-Teacher-Key", "wrong"}})->status == 403);
    open_class(s, {{"lesson", "broken-promise"}}, {{"X-Teacher-Key", "k3y"}});
    CHECK(contains(s.server.teacher_url(), "teacher.html#key=k3y"));

    serve::ServeConfig lan;
    lan.host = "0.0.0.0";
    lan.scenarios_dir = test::source_dir() / "scenarios";
    std::ostringstream log;
    serve::Server unstarted(lan, log);  // a key is made up when none is given
    CHECK(contains(unstarted.teacher_url(), "teacher.html#key="));
    CHECK(unstarted.teacher_url().size() > std::string("teacher.html#key=").size() + 32);
}

TEST_CASE("serve class: students join by code into roles under head-count caps")
{
    ClassServer s;
    const OpenClass c = open_class(s);
    CHECK(join(s, "WRONG1", "resident").first == 404);
    CHECK(join(s, c.code, "mayor").first == 400);
    CHECK(join(s, c.code, "resident", std::string(25, 'x')).first == 400);
    CHECK(join(s, c.code, "resident", "").first == 400);
    const auto [status, resident] = join(s, c.code, "resident", "Wang");
    REQUIRE(status == 201);
    CHECK(resident["role"] == "resident");
    CHECK(resident["choices"] == json{{"report", "model"}, {"take_part", "model"}});
    CHECK(resident["agent"].contains("trust_committee"));
    const std::string lower = c.code.substr(0, 3) + "-" + c.code.substr(3);
    CHECK(join(s, lower, "organization").first == 201);  // codes as typed: dashes, spaces, any case
    CHECK(join(s, c.code, "leader").first == 201);
    CHECK(join(s, c.code, "leader").first == 201);
    const auto full_role = join(s, c.code, "leader");
    CHECK(full_role.first == 409);  // max_leaders_played = 2
    CHECK(contains(full_role.second["error"], "leader places are taken"));
    CHECK(join(s, c.code, "resident").first == 201);
    CHECK(join(s, c.code, "resident").first == 409);  // max_students = 5
    const json board = json::parse(s.get(c.base + "/board", c.teacher)->body);
    CHECK(board["players"].size() == 5);
    CHECK(board["counts"]["leader"]["players"] == 2);
    // Two leaders play two different streets; residents different households.
    CHECK(board["players"][2]["agent_index"] != board["players"][3]["agent_index"]);
    CHECK(board["players"][0]["agent_index"] != board["players"][4]["agent_index"]);
}

TEST_CASE("serve class: each role answers its own two questions and the teacher sees the answers")
{
    ClassServer s;
    const OpenClass c = open_class(s);
    const json resident = join(s, c.code, "resident").second, org = join(s, c.code, "organization").second,
               leader = join(s, c.code, "leader").second;
    CHECK(choose(s, c, resident, "report", "no") == 200);
    CHECK(choose(s, c, resident, "take_part", "yes") == 200);
    CHECK(choose(s, c, org, "invest", "no") == 200);
    CHECK(choose(s, c, org, "bid", "yes") == 200);
    CHECK(choose(s, c, leader, "pay", "no") == 200);
    CHECK(choose(s, c, leader, "renew", "yes") == 200);
    CHECK(choose(s, c, resident, "pay", "no") == 400);  // not a resident's question
    CHECK(choose(s, c, leader, "report", "yes") == 400);
    CHECK(choose(s, c, org, "vote", "yes") == 400);
    CHECK(choose(s, c, org, "invest", "maybe") == 400);
    CHECK(s.post(c.base + "/choose", {{"decision", "pay"}, {"choice", "no"}})->status == 403);  // no token
    CHECK(s.post(c.base + "/choose", {{"decision", "pay"}, {"choice", "no"}}, {{"X-Player-Token", "x"}})->status ==
          403);
    CHECK(s.post(c.base + "/choose", {{"decision", 3}, {"choice", "no"}}, player(leader))->status == 400);

    const json me = json::parse(s.get(c.base + "/me", player(leader))->body);
    CHECK(me["choices"] == json{{"pay", "no"}, {"renew", "yes"}});
    const json board = json::parse(s.get(c.base + "/board", c.teacher)->body);
    CHECK(board["tallies"]["pay"]["no"] == 1);
    CHECK(board["tallies"]["report"]["no"] == 1);
    CHECK(board["tallies"]["invest"]["no"] == 1);
    CHECK(board["tallies"]["renew"]["yes"] == 1);
    CHECK(board["players"][2]["choices"]["pay"] == "no");
}

TEST_CASE("serve class: only the teacher reads the board, steers and exports")
{
    ClassServer s;
    const OpenClass c = open_class(s);
    const json student = join(s, c.code, "resident").second;
    const std::string token = student["token"];
    for (const auto& headers : {httplib::Headers{}, httplib::Headers{{"X-Teacher-Secret", "0"}}, player(student),
                                httplib::Headers{{"X-Teacher-Secret", token}},
                                httplib::Headers{{"X-Teacher-Secret", std::string(32, 'a')}}}) {
        CHECK(s.get(c.base + "/board", headers)->status == 403);
        CHECK(s.get(c.base + "/export", headers)->status == 403);
        CHECK(s.get(c.base + "/scenario", headers)->status == 403);
        CHECK(s.post(c.base + "/control", {{"action", "play"}}, headers)->status == 403);
        CHECK(s.client.Delete(c.base.c_str(), headers)->status == 403);
    }
    CHECK(s.get("/api/classes/0123456789abcdef0123456789abcdef/board", c.teacher)->status == 404);
    CHECK(control(s, c, {{"action", "dance"}}) == 400);
    CHECK(control(s, c, {{"speed", 1e9}}) == 400);
    CHECK(control(s, c, json::object()) == 400);
    CHECK(s.get(c.base + "/board?since=-1", c.teacher)->status == 400);
    CHECK(s.get(c.base + "/board?since=99999999999", c.teacher)->status == 400);
    CHECK(s.get(c.base + "/export", c.teacher)->status == 409);  // nothing run yet
    CHECK(control(s, c, {{"action", "step"}}) == 200);
    const json board = json::parse(s.get(c.base + "/board?since=0", c.teacher)->body);
    REQUIRE(board["weeks"].size() == 1);
    CHECK(board["weeks"][0]["class"].contains("participation"));
    CHECK(board["weeks"][0]["ghost"].contains("participation"));
    CHECK(json::parse(s.get(c.base + "/board?since=1", c.teacher)->body)["weeks"].empty());
    CHECK(s.client.Delete(c.base.c_str(), c.teacher)->status == 204);
    CHECK(s.get(c.base + "/me", player(student))->status == 404);
}

TEST_CASE("serve class: the round ends: no more answers, joins or weeks")
{
    ClassServer s;
    const OpenClass c = open_class(s);
    const json student = join(s, c.code, "resident").second;
    CHECK(control(s, c, {{"action", "play"}}) == 200);
    CHECK(control(s, c, {{"action", "pause"}}) == 200);
    CHECK(control(s, c, {{"action", "end"}}) == 200);
    CHECK(choose(s, c, student, "report", "yes") == 409);
    CHECK(join(s, c.code, "leader").first == 409);
    CHECK(control(s, c, {{"action", "play"}}) == 409);
    CHECK(control(s, c, {{"action", "step"}}) == 409);
    CHECK(json::parse(s.get(c.base + "/me", player(student))->body)["ended"] == true);
}

// All test clients come from 127.0.0.1: they are a class behind one NAT address.
namespace {

//! A server with tight limits: 4 class requests per budget, 3 failed joins.
ClassServer tight_limits(int students)
{
    return ClassServer([students](serve::ServeConfig& c) {
        c.limits.client_rate = 0.01;
        c.limits.client_burst = 4;
        c.limits.join_attempts_per_minute = 3;
        c.limits.max_students = students;
        c.limits.max_residents_played = students;
    });
}

}  // namespace

TEST_CASE("serve class: students behind one address join and poll on their own budgets")
{
    // Checked to fail: with every class request keyed by address again,
    // the polls were 429 (and so were the teacher's board and the other
    // students after one was over); with joins charged to the address's
    // request budget too, or successful joins to the join budget, the
    // fourth join was 429; with players not limited at all, the fifth
    // request of one student was 200.
    ClassServer s = tight_limits(21);
    const OpenClass c = open_class(s);  // 1 of the address's 4
    std::vector<json> students;
    for (int k = 0; k < 20; ++k) {
        const auto [status, joined] = join(s, c.code, "resident", "S" + std::to_string(k));
        REQUIRE(status == 201);
        students.push_back(joined);
    }
    int ok = 0;  // 60 polls, far over one shared budget of 4
    for (int round = 0; round < 3; ++round)
        for (const json& student : students) ok += s.get(c.base + "/me", player(student))->status == 200;
    CHECK(ok == 60);
    // One student over its own budget: the fourth request passes, the fifth is refused...
    CHECK(choose(s, c, students[0], "report", "yes") == 200);
    const auto over = s.get(c.base + "/me", player(students[0]));
    CHECK(over->status == 429);
    CHECK(contains(json::parse(over->body)["error"], "too many requests"));
    CHECK(choose(s, c, students[0], "report", "no") == 429);
    // ...while the others, the teacher and the address keep theirs.
    CHECK(s.get(c.base + "/me", player(students[1]))->status == 200);
    int board_ok = 0;
    for (int k = 0; k < 5; ++k) board_ok += s.get(c.base + "/board", c.teacher)->status == 200;
    CHECK(board_ok == 4);                         // the teacher has a budget of its own too
    CHECK(s.get(c.base + "/me")->status == 403);  // no token: the address's second request
}

TEST_CASE("serve class: failed joins are limited per address, then the right code is refused too")
{
    // Checked to fail: with failed joins not charged, the fourth wrong code
    // was 404 and the right code was not refused.
    ClassServer s = tight_limits(5);
    const OpenClass c = open_class(s);
    int not_found = 0;
    for (int k = 0; k < 3; ++k) not_found += join(s, "NOPE00", "resident").first == 404;
    CHECK(not_found == 3);
    CHECK(join(s, "NOPE00", "resident").first == 429);
    const auto [status, body] = join(s, c.code, "resident");  // the fourth attempt: right code or not
    CHECK(status == 429);
    CHECK(contains(body.value("error", ""), "too many failed join attempts"));
}

TEST_CASE("serve class: made-up tokens and unknown classes are limited by address, not given a budget")
{
    // Checked to fail: with a made-up token keyed by itself (any token gets
    // a budget), every made-up token was 403 and never 429; with the
    // address charged only after the class was found, the unknown class
    // was 404 instead of 429.
    ClassServer s = tight_limits(5);
    const OpenClass c = open_class(s);  // 1 of the address's 4
    const json student = join(s, c.code, "resident").second;
    const std::string unknown = "/api/classes/" + std::string(32, '0') + "/me";
    CHECK(s.get(unknown)->status == 404);  // 2 of 4
    int forbidden = 0, limited = 0;
    for (int k = 0; k < 6; ++k) {
        const httplib::Headers made_up = {{"X-Player-Token", std::string(31, 'a') + char('0' + k)}};
        const int status = s.get(c.base + "/me", made_up)->status;
        forbidden += status == 403;
        limited += status == 429;
    }
    CHECK(forbidden == 2);  // the address's last two
    CHECK(limited == 4);
    CHECK(s.get(unknown)->status == 429);  // limited before the 404
    CHECK(s.get(c.base + "/board", {{"X-Teacher-Secret", std::string(32, 'f')}})->status == 429);
    CHECK(s.get(c.base + "/me", player(student))->status == 200);  // a real player still has its own
    CHECK(s.get(c.base + "/board", c.teacher)->status == 200);
}

TEST_CASE("serve class: the rate limiter's buckets, checked without taking and charged afterwards")
{
    // Checked to fail: with has() adding the key to the table, "a" was
    // forgotten and had a full bucket again; with take() stopping at zero,
    // the debt of the third charge was not paid and "d" had a token at 1 s.
    serve::RateLimiter limiter(1, 2, 2);
    const auto t0 = serve::RateLimiter::Clock::now();
    CHECK(limiter.allow("a", t0));
    CHECK(limiter.allow("a", t0));
    CHECK(!limiter.allow("a", t0));
    CHECK(!limiter.has("a", t0));
    CHECK(limiter.allow("a", t0 + std::chrono::seconds(1)));  // refilled
    CHECK(limiter.has("b", t0 + std::chrono::seconds(1)));    // unknown: full, and not added
    CHECK(limiter.has("c", t0 + std::chrono::seconds(1)));
    CHECK(!limiter.has("a", t0 + std::chrono::seconds(1)));  // still in the table, still spent
    CHECK(limiter.allow("b", t0));
    CHECK(limiter.allow("c", t0));  // the table holds 2 clients: the stalest is forgotten, not refused

    serve::RateLimiter joins(1, 2, 8);
    CHECK(joins.has("d", t0));
    joins.take("d", t0);
    CHECK(joins.has("d", t0));
    joins.take("d", t0);
    CHECK(!joins.has("d", t0));
    joins.take("d", t0);  // a concurrent failure that passed has() too: a debt
    CHECK(!joins.has("d", t0 + std::chrono::seconds(1)));
    CHECK(joins.has("d", t0 + std::chrono::seconds(2)));
}

TEST_CASE("serve class: bad input on every class route is a 4xx with a message, never a 5xx")
{
    ClassServer s;
    const OpenClass c = open_class(s);
    const json student = join(s, c.code, "organization").second;
    const std::vector<std::pair<std::string, std::string>> posts = {
        {"/api/classes", R"({"lesson":"broken-promise","seed":1e999})"},
        {"/api/classes", R"({"lesson":"broken-promise","seed":-1})"},
        {"/api/classes", R"({"scenario":[1]})"},
        {"/api/join", "{\"code\":\"" + c.code + "\",\"role\":\"resident\",\"name\":\"\xff\xfe\"}"},
        {"/api/join", R"({"code":3,"role":"resident"})"},
        {"/api/join", R"({"code":"ABC","role":null})"},
        {"/api/join", R"([1,2])"},
        {"/api/join", "{\"code\":\"" + std::string(5000, 'A') + "\",\"role\":\"resident\"}"},
        {c.base + "/choose", R"({"decision":"invest"})"},
        {c.base + "/choose", R"({"decision":"invest","choice":true})"},
        {c.base + "/choose", "not json"},
        {c.base + "/control", R"({"action":"play","speed":"fast"})"},
        {c.base + "/control", R"({"speed":1e999})"},
        {c.base + "/control", R"({"action":["play"]})"},
    };
    httplib::Headers both = c.teacher;
    both.emplace("X-Player-Token", student["token"].get<std::string>());
    for (const auto& [path, body] : posts) {
        CAPTURE(path);
        CAPTURE(body);
        const auto r = s.client.Post(path.c_str(), both, body, "application/json");
        REQUIRE(r);
        CHECK(r->status >= 400);
        CHECK(r->status < 500);
        CHECK(json::parse(r->body)["error"].get<std::string>().size() > 5);
    }
    CHECK(s.client.Post("/api/join", std::string(20000, '{'), "application/json")->status == 413);
}

TEST_CASE("serve class: the exported class run replays its players' moves bit for bit under cogov rerun")
{
    ClassServer s([](serve::ServeConfig& c) { c.limits.max_leaders_played = 3; });
    const OpenClass c = open_class(s, {{"lesson", "broken-promise"}, {"seed", 3}});
    const json resident = join(s, c.code, "resident").second, org = join(s, c.code, "organization").second,
               leader = join(s, c.code, "leader").second;
    CHECK(choose(s, c, leader, "pay", "no") == 200);
    CHECK(choose(s, c, resident, "take_part", "yes") == 200);
    for (int k = 0; k < 6; ++k) CHECK(control(s, c, {{"action", "step"}}) == 200);
    CHECK(choose(s, c, org, "invest", "no") == 200);
    CHECK(choose(s, c, leader, "pay", "yes") == 200);
    CHECK(choose(s, c, leader, "pay", "no") == 200);  // the last answer of a week counts
    for (int k = 0; k < 6; ++k) CHECK(control(s, c, {{"action", "step"}}) == 200);

    const auto toml = s.get(c.base + "/scenario", c.teacher);
    REQUIRE(toml->status == 200);
    CHECK(contains(toml->body, "[[human]]\nstep = 1\ndecision = \"pay\""));
    CHECK(contains(toml->body, "[[human]]\nstep = 7\ndecision = \"invest\""));
    CHECK(!contains(toml->body,
                    "choice = \"yes\"\n\n[[human]]\nstep = 7\ndecision = \"pay\""));  // one pay move at week 7
    const json board = json::parse(s.get(c.base + "/board", c.teacher)->body);
    bool differs = false;  // the class's city is not its ghost's
    for (const auto& w : board["weeks"]) differs = differs || w["class"] != w["ghost"];
    CHECK(differs);

    const auto file = s.get(c.base + "/export", c.teacher);
    REQUIRE(file->status == 200);
    test::TempDir dir;
    {
        std::ofstream out(dir.file("class.h5"), std::ios::binary);
        out << file->body;
    }
    std::ostringstream out, err;
    cli::Io io{out, err};
    REQUIRE(cli::main({"rerun", dir.file("class.h5"), "-o", dir.file("again.h5"), "--threads", "1", "-q"}, io) == 0);
    CHECK(test::differing_datasets(dir.file("class.h5"), dir.file("again.h5")).empty());
    // Without its moves the same scenario is another run: the moves are what reproduce it.
    std::string unplayed = toml->body;
    unplayed.erase(unplayed.find("\n[[human]]"));
    const std::string path = dir.write("unplayed.toml", unplayed);
    REQUIRE(cli::main({"run", path, "--seed", "3", "-o", dir.file("unplayed.h5"), "--threads", "1", "-q"}, io) == 0);
    const auto differ = test::differing_datasets(dir.file("class.h5"), dir.file("unplayed.h5"));
    CHECK(std::any_of(differ.begin(), differ.end(), [](const std::string& d) { return d.rfind("/city/", 0) == 0; }));

    // The ghost's export is that unplayed run: the twin the board compares with.
    const auto ghost = s.get(c.base + "/export?run=ghost", c.teacher);
    REQUIRE(ghost->status == 200);
    {
        std::ofstream file_out(dir.file("ghost.h5"), std::ios::binary);
        file_out << ghost->body;
    }
    const auto ghost_differ = test::differing_datasets(dir.file("ghost.h5"), dir.file("unplayed.h5"));
    CHECK(std::none_of(ghost_differ.begin(), ghost_differ.end(), [](const std::string& d) {
        return d.rfind("/city/", 0) == 0 || d.rfind("/communities/", 0) == 0;
    }));
    CHECK(s.get(c.base + "/export?run=twin", c.teacher)->status == 400);
}

TEST_CASE("serve class: students' kept-alive connections do not starve the teacher")
{
    // Few spare workers: without one worker per student, six phones whose
    // connections stay open between polls held every worker, and the
    // teacher's board waited for a keep-alive to lapse (about 1 s).
    ClassServer s([](serve::ServeConfig& c) {
        c.limits.max_students = 6;
        c.limits.max_leaders_played = 2;
        c.limits.max_sessions = 1;
        c.limits.spare_workers = 1;
        c.limits.keep_alive = std::chrono::milliseconds(2000);
    });
    const OpenClass c = open_class(s);
    std::vector<std::unique_ptr<httplib::Client>> phones;
    for (int k = 0; k < 6; ++k) {
        const json joined = join(s, c.code, "resident").second;
        phones.push_back(std::make_unique<httplib::Client>("127.0.0.1", s.port));
        phones.back()->set_keep_alive(true);
        REQUIRE(phones.back()->Get((c.base + "/me").c_str(), player(joined))->status == 200);
    }
    httplib::Client teacher("127.0.0.1", s.port);
    const auto start = std::chrono::steady_clock::now();
    REQUIRE(teacher.Get((c.base + "/board").c_str(), c.teacher)->status == 200);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(seconds < 0.8);
}

TEST_CASE("serve class: the one-tab session routes are rate-limited per client too")
{
    ClassServer s([](serve::ServeConfig& c) {
        c.limits.api_rate = 0.01;
        c.limits.api_burst = 3;
    });
    int ok = 0, limited = 0;
    for (int k = 0; k < 5; ++k) {
        const int status = s.get("/api/catalog")->status;
        ok += status == 200;
        limited += status == 429;
    }
    CHECK(ok == 3);
    CHECK(limited == 2);
    CHECK(s.get("/")->status == 200);  // the page itself is not limited
}
