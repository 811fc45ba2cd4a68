// The JSON API: catalog, sessions and their controls, export.
#include <limits>

#include "cogov/sim/h5.h"
#include "cogov/serve/errors.h"
#include "cogov/serve/views.h"
#include "server_impl.h"

namespace cogov::serve {
namespace {

using nlohmann::json;
using httplib::Request;
using httplib::Response;

const char* const SESSION = R"(/api/sessions/([0-9a-f]{32}))";

std::shared_ptr<Session> session_of(Server::Impl& s, const Request& req)
{
    auto session = s.registry.find(req.matches[1]);
    if (!session) throw HttpError(404, "no such session (it may have been closed after its tab went away)");
    session->touch();
    return session;
}

}  // namespace

const CatalogEntry& chosen_entry(const Catalog& catalog, const json& body)
{
    const bool lesson = body.contains("lesson"), scenario = body.contains("scenario");
    if (lesson == scenario) throw BadRequest("give exactly one of 'lesson' and 'scenario'");
    const json& id = body.at(lesson ? "lesson" : "scenario");
    if (!id.is_string()) throw BadRequest(std::string(lesson ? "lesson" : "scenario") + ": expected an id string");
    const CatalogEntry* e = lesson ? catalog.find_lesson(id) : catalog.find_scenario(id);
    if (!e)
        throw HttpError(404,
                        std::string("no ") + (lesson ? "lesson" : "scenario") + " '" + id.get<std::string>() + "'");
    return *e;
}

std::uint64_t seed_of(const json& body)
{
    if (!body.contains("seed")) return 1;
    const json& seed = body["seed"];
    if (!seed.is_number_unsigned() ||
        seed.get<std::uint64_t>() > std::uint64_t(std::numeric_limits<std::int64_t>::max()))
        throw BadRequest("seed: expected an integer in [0, 9223372036854775807]");
    return seed.get<std::uint64_t>();
}

namespace {

void create_session(Server::Impl& s, const Request& req, Response& res)
{
    const json body = json_body(req, {"lesson", "scenario", "seed"});
    const CatalogEntry& entry = chosen_entry(s.catalog, body);
    const std::string label = (body.contains("lesson") ? "lesson " : "scenario ") + entry.id;
    const auto session = s.registry.create(label, entry.scenario, seed_of(body));
    reply_json(res, session->status(), 201);
}

void control(Session& session, const json& body)
{
    if (body.contains("speed")) {
        if (!body["speed"].is_number()) throw BadRequest("speed: expected weeks per second as a number");
        session.set_speed(body["speed"].get<double>());
    }
    if (!body.contains("action")) {
        if (!body.contains("speed")) throw BadRequest("give an 'action' (play, pause, step, reset) or a 'speed'");
        return;
    }
    const json& action = body["action"];
    const std::string a = action.is_string() ? action.get<std::string>() : "";
    if (a == "play") session.play();
    else if (a == "pause") session.pause();
    else if (a == "step") session.step();
    else if (a == "reset") session.reset();
    else throw BadRequest("action: expected play, pause, step or reset, got " + action.dump());
}

void set_parameter(Session& session, const json& body)
{
    if (!body.contains("key") || !body["key"].is_string()) throw BadRequest("key: expected a parameter key string");
    if (!body.contains("value")) throw BadRequest("value: missing");
    const ParamSpec& spec = dynamic_param(body["key"].get<std::string>());
    session.set(spec, param_value(spec, body["value"]));
}

void apply_shock(Session& session, const json& body)
{
    const json& id = body.contains("shock") ? body["shock"] : json();
    const Shock* shock = id.is_string() ? find_shock(id.get<std::string>()) : nullptr;
    if (!shock) {
        std::string list;
        for (const auto& k : shocks()) list += (list.empty() ? "" : ", ") + std::string(k.id);
        throw BadRequest("shock: expected one of " + list + ", got " + id.dump());
    }
    session.shock(*shock);
}

void export_session(Server::Impl& s, const Request& req, Response& res)
{
    const auto session = session_of(s, req);
    const Scenario scenario = session->replay_scenario();
    std::string bytes;
    try {
        bytes = s.exporter.run_file(scenario, session->seed());
    } catch (const h5::Error& e) {  // a full temporary folder: this request fails, the server goes on
        throw HttpError(507, std::string("cannot write the export: ") + e.what());
    }
    res.set_header("Content-Disposition", "attachment; filename=\"" + export_filename(scenario) + "\"");
    res.set_content(bytes, "application/x-hdf5");
}

}  // namespace

void add_api_routes(Server::Impl& s)
{
    const std::string id = SESSION;
    s.http.Get("/api/catalog", guarded([&s](const Request&, Response& res) {
                   json body = s.catalog.to_json();
                   body.update(controls_json(Params{}));
                   body["vocabulary"] = vocabulary_json();
                   const Limits& l = s.config.limits;
                   body["limits"] = {{"max_sessions", l.max_sessions}, {"max_residents", l.max_residents},
                                     {"max_steps", l.max_steps},       {"max_speed", l.max_speed},
                                     {"max_body", l.max_body},         {"idle_timeout_ms", l.idle_timeout.count()}};
                   reply_json(res, body);
               }));
    s.http.Post("/api/sessions",
                capped_post(s, [&s](const Request& req, Response& res) { create_session(s, req, res); }));
    s.http.Get(id, guarded([&s](const Request& req, Response& res) { reply_json(res, session_of(s, req)->status()); }));
    s.http.Delete(id, guarded([&s](const Request& req, Response& res) {
                      if (!s.registry.remove(req.matches[1])) throw HttpError(404, "no such session");
                      res.status = 204;
                  }));
    s.http.Post(id + "/control", capped_post(s, [&s](const Request& req, Response& res) {
                    const auto session = session_of(s, req);
                    control(*session, json_body(req, {"action", "speed"}));
                    reply_json(res, session->status());
                }));
    s.http.Post(id + "/set", capped_post(s, [&s](const Request& req, Response& res) {
                    const auto session = session_of(s, req);
                    set_parameter(*session, json_body(req, {"key", "value"}));
                    reply_json(res, session->status());
                }));
    s.http.Post(id + "/shock", capped_post(s, [&s](const Request& req, Response& res) {
                    const auto session = session_of(s, req);
                    apply_shock(*session, json_body(req, {"shock"}));
                    reply_json(res, session->status());
                }));
    s.http.Get(id + "/scenario", guarded([&s](const Request& req, Response& res) {
                   res.set_content(session_of(s, req)->replay_scenario().to_toml(), "application/toml; charset=utf-8");
               }));
    s.http.Get(id + "/export", guarded([&s](const Request& req, Response& res) { export_session(s, req, res); }));
}

void add_stream_route(Server::Impl& s)
{
    s.http.Get(std::string(SESSION) + "/stream", guarded([&s](const Request& req, Response& res) {
                   const auto session = session_of(s, req);
                   const auto heartbeat = s.config.limits.heartbeat;
                   res.set_header("X-Accel-Buffering", "no");
                   res.set_chunked_content_provider("text/event-stream", [session, heartbeat](std::size_t,
                                                                                              httplib::DataSink& sink) {
                       StreamCursor cursor = session->attach();
                       std::string out = "retry: 2000\n\n";
                       while (!cursor.ended) {
                           if (out.empty()) out = ": heartbeat\n\n";  // a closed tab shows up as a failed write
                           if (!sink.write(out.data(), out.size())) {
                               session->detach(cursor);
                               return false;
                           }
                           out = session->next_events(cursor, Clock::now() + heartbeat);
                       }
                       session->detach(cursor);
                       sink.done();
                       return true;
                   });
               }));
}

}  // namespace cogov::serve
