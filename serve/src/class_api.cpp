// The class-session API: the teacher opens, steers and exports a class;
// students join with its code and answer for their agents. Rate limits:
// a request proving an identity of its class (a player's token, the
// teacher's secret) is limited per player or per teacher, since a class
// of phones often shares one NAT address (a school's Wi-Fi, a carrier's
// shared address); anything else (no or an invalid token, an unknown
// class, opening one) per client address. Only failed joins are charged,
// to a tighter per-address budget (code guessing): a class can all join.
#include <limits>

#include "cogov/sim/h5.h"
#include "cogov/serve/errors.h"
#include "server_impl.h"

namespace cogov::serve {
namespace {

using nlohmann::json;
using httplib::Request;
using httplib::Response;

const char* const CLASS = R"(/api/classes/([0-9a-f]{32}))";
constexpr std::size_t MAX_NAME = 24;

std::string player_token(const Request& req)
{
    return req.get_header_value("X-Player-Token");
}

//! Whose budget a request spends: the teacher's or a player's of class `c`
//! when it carries their valid secret or token, else its address's. An
//! invalid token is charged to the address, so made-up tokens get no
//! fresh budget.
std::string budget_of(const Request& req, const Classroom* c)
{
    if (c && c->is_teacher(req.get_header_value("X-Teacher-Secret"))) return "teacher " + c->id();
    if (c && c->is_player(player_token(req))) return "player " + c->id() + " " + player_token(req);
    return "address " + req.remote_addr;
}

//! 429 when the request's budget (see budget_of) is spent.
void limit(Server::Impl& s, const Request& req, const Classroom* c = nullptr)
{
    if (!s.limiter.allow(budget_of(req, c))) throw HttpError(429, "too many requests from this device: slow down");
}

//! The class; an unknown id is charged to the address before its 404.
std::shared_ptr<Classroom> class_of(Server::Impl& s, const Request& req)
{
    auto c = s.classes.find(req.matches[1]);
    limit(s, req, c.get());
    if (!c) throw HttpError(404, "no such class (it may have ended after the teacher page was closed)");
    return c;
}

//! The class, for its teacher only (header X-Teacher-Secret).
std::shared_ptr<Classroom> taught(Server::Impl& s, const Request& req)
{
    auto c = class_of(s, req);
    if (!c->is_teacher(req.get_header_value("X-Teacher-Secret")))
        throw HttpError(403, "only the class's teacher may do this (X-Teacher-Secret)");
    c->touch_teacher();
    return c;
}

std::string text_field(const json& body, const char* key)
{
    if (!body.contains(key) || !body[key].is_string()) throw BadRequest(std::string(key) + ": expected a string");
    return body[key].get<std::string>();
}

//! A display name: trimmed, 1 to 24 characters, no control characters.
std::string player_name(const json& body)
{
    const std::string raw = body.contains("name") ? text_field(body, "name") : "student";
    std::string name;
    for (char ch : raw)
        if (static_cast<unsigned char>(ch) >= 0x20 && ch != 0x7f) name += ch;
    if (name.empty() || name.size() > MAX_NAME) throw BadRequest("name: expected 1 to 24 characters");
    return name;
}

void open_class(Server::Impl& s, const Request& req, Response& res)
{
    limit(s, req);
    if (!s.config.teacher_key.empty() && req.get_header_value("X-Teacher-Key") != s.config.teacher_key)
        throw HttpError(403, "opening a class on a network address needs the teacher key printed by `cogov serve`");
    const json body = json_body(req, {"lesson", "scenario", "seed"});
    const CatalogEntry& entry = chosen_entry(s.catalog, body);
    const std::string label = (body.contains("lesson") ? "class, lesson " : "class, scenario ") + entry.id;
    const auto opened = s.classes.create(label, entry.scenario, seed_of(body));
    json out = opened.room->board(0);
    out["id"] = opened.room->id();
    out["secret"] = opened.secret;
    out["join_url"] = join_url(s, req) + "?code=" + opened.room->code();
    reply_json(res, out, 201);
}

void add_player(Server::Impl& s, const Request& req, Response& res)
{
    const json body = json_body(req, {"code", "role", "name"});
    const auto c = s.classes.find_code(text_field(body, "code"));
    if (!c) throw HttpError(404, "no class with this code: check it with your teacher");
    const HumanRole role = role_named(text_field(body, "role"));
    const std::string token = c->join(role, player_name(body));
    json out = c->player_view(token);
    out["token"] = token;
    reply_json(res, out, 201);
}

//! A join is charged to its address's join budget only when it fails (any
//! 4xx: bad body, no class with the code, full role or class, round over),
//! and to no other budget: the students behind one NAT address can all
//! join (max_students caps a class), while code guessing and floods of bad
//! joins stay at join_attempts_per_minute. Once the budget is spent every
//! join from the address is refused, right code or not.
void join_class(Server::Impl& s, const Request& req, Response& res)
{
    if (!s.joins.has(req.remote_addr))
        throw HttpError(429, "too many failed join attempts from this network address: wait a minute");
    try {
        add_player(s, req, res);
    } catch (...) {
        s.joins.take(req.remote_addr);
        throw;
    }
}

void choose(Classroom& c, const Request& req)
{
    const json body = json_body(req, {"decision", "choice"});
    const auto decision = parse_decision(text_field(body, "decision"));
    if (!decision) throw BadRequest("decision: expected report, take_part, invest, bid, pay or renew");
    const auto choice = parse_choice(text_field(body, "choice"));
    if (!choice) throw BadRequest("choice: expected yes, no or model");
    c.choose(player_token(req), *decision, *choice);
}

//! The class's run, or with ?run=ghost the model alone beside it.
void export_class(Server::Impl& s, Classroom& c, const Request& req, Response& res)
{
    const std::string run = req.has_param("run") ? req.get_param_value("run") : "class";
    if (run != "class" && run != "ghost") throw BadRequest("run: expected class or ghost");
    const Scenario scenario = run == "ghost" ? c.session().ghost_scenario() : c.session().replay_scenario();
    std::string bytes;
    try {
        bytes = s.exporter.run_file(scenario, c.session().seed());
    } catch (const h5::Error& e) {
        throw HttpError(507, std::string("cannot write the export: ") + e.what());
    }
    res.set_header("Content-Disposition", "attachment; filename=\"" + export_filename(scenario) + "\"");
    res.set_content(bytes, "application/x-hdf5");
}

std::size_t since_of(const Request& req)
{
    const std::string text = req.has_param("since") ? req.get_param_value("since") : "0";
    if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos)
        throw BadRequest("since: expected a week number");
    return std::stoul(text);
}

void teacher_control(Classroom& c, const json& body)
{
    if (body.contains("speed")) {
        if (!body["speed"].is_number()) throw BadRequest("speed: expected weeks per second as a number");
        c.set_speed(body["speed"].get<double>());
    }
    if (body.contains("action")) {
        if (!body["action"].is_string()) throw BadRequest("action: expected play, pause, step or end");
        c.control(body["action"].get<std::string>());
    } else if (!body.contains("speed")) {
        throw BadRequest("give an 'action' (play, pause, step, end) or a 'speed'");
    }
}

}  // namespace

void add_class_routes(Server::Impl& s)
{
    const std::string id = CLASS;
    s.http.Post("/api/classes", capped_post(s, [&s](const Request& req, Response& res) { open_class(s, req, res); }));
    s.http.Post("/api/join", capped_post(s, [&s](const Request& req, Response& res) { join_class(s, req, res); }));
    s.http.Get(id + "/me", guarded([&s](const Request& req, Response& res) {
                   const auto c = class_of(s, req);
                   c->session().tick();
                   reply_json(res, c->player_view(player_token(req)));
               }));
    s.http.Post(id + "/choose", capped_post(s, [&s](const Request& req, Response& res) {
                    const auto c = class_of(s, req);
                    choose(*c, req);
                    reply_json(res, c->player_view(player_token(req)));
                }));
    s.http.Get(id + "/board", guarded([&s](const Request& req, Response& res) {
                   const auto c = taught(s, req);
                   c->session().tick();
                   reply_json(res, c->board(since_of(req)));
               }));
    s.http.Post(id + "/control", capped_post(s, [&s](const Request& req, Response& res) {
                    const auto c = taught(s, req);
                    teacher_control(*c, json_body(req, {"action", "speed"}));
                    reply_json(res, c->board(std::numeric_limits<std::size_t>::max()));
                }));
    s.http.Get(id + "/export",
               guarded([&s](const Request& req, Response& res) { export_class(s, *taught(s, req), req, res); }));
    s.http.Get(id + "/scenario", guarded([&s](const Request& req, Response& res) {
                   res.set_content(taught(s, req)->session().replay_scenario().to_toml(),
                                   "application/toml; charset=utf-8");
               }));
    s.http.Delete(id, guarded([&s](const Request& req, Response& res) {
                      taught(s, req);
                      s.classes.remove(req.matches[1]);
                      res.status = 204;
                  }));
}

}  // namespace cogov::serve
