#include "cogov/serve/server.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>

#include <csignal>
#include <ostream>

#include "cogov/sim/scenario.h"
#include "cogov/serve/assets.h"
#include "cogov/serve/errors.h"
#include "server_impl.h"

namespace cogov::serve {
namespace {

using nlohmann::json;

//! The host name of a Host header, without the port.
std::string host_name(const std::string& header)
{
    if (!header.empty() && header[0] == '[') return header.substr(0, header.find(']') + 1);
    return header.substr(0, header.find(':'));
}

//! Bound to loopback, answer only requests addressed to loopback, so a web
//! page elsewhere cannot reach the server through a rebound DNS name.
bool host_allowed(const ServeConfig& config, const httplib::Request& req)
{
    if (!is_loopback(config.host)) return true;
    std::string name = host_name(req.get_header_value("Host"));
    if (name.size() > 2 && name.front() == '[' && name.back() == ']') name = name.substr(1, name.size() - 2);
    else if (name.find(':') != std::string::npos) return false;  // an IPv6 literal must be bracketed
    return name.empty() || is_loopback(name);
}

const char* status_text(int status)
{
    switch (status) {
    case 400: return "bad request";
    case 404: return "no such page or endpoint";
    case 405: return "method not allowed";
    case 413: return "request body too large";
    case 414: return "request line too long";
    case 415: return "expected a JSON body (Content-Type: application/json)";
    default: return "request refused";
    }
}

void install_handlers(Server::Impl& s)
{
    const Limits& l = s.config.limits;
    s.http.set_payload_max_length(l.max_body);
    // Idle and slow clients give up their worker: each read waits at most
    // read_timeout, an idle kept-alive connection at most keep_alive.
    s.http.set_read_timeout(l.read_timeout);
    s.http.set_write_timeout(l.read_timeout);
    s.http.set_keep_alive_timeout(std::max<time_t>(1, static_cast<time_t>(l.keep_alive.count() / 1000)));
    s.http.set_keep_alive_max_count(100);
    // A worker per event stream, one per student (a phone's kept-alive
    // connection holds one between polls), and spares for the API calls.
    const std::size_t threads = static_cast<std::size_t>(l.max_sessions) + l.spare_workers +
                                static_cast<std::size_t>(l.max_classes) * static_cast<std::size_t>(l.max_students);
    s.http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    s.http.set_pre_routing_handler([&s](const httplib::Request& req, httplib::Response& res) {
        if (!host_allowed(s.config, req)) {
            reply_error(res, 403, "this server answers only requests addressed to " + s.config.host);
            return httplib::Server::HandlerResponse::Handled;
        }
        const bool solo = req.path.rfind("/api/sessions", 0) == 0 || req.path == "/api/catalog";
        if (solo && !s.api.allow(req.remote_addr)) {
            reply_error(res, 429, "too many requests from this device: slow down");
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    // Errors httplib produces itself (no route, body too large) get a JSON body too.
    s.http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (res.body.empty()) reply_error(res, res.status, status_text(res.status));
    });
    s.http.set_default_headers({{"X-Content-Type-Options", "nosniff"}});
    add_page_routes(s);
    add_api_routes(s);
    add_stream_route(s);
    add_class_routes(s);
}

//! A non-loopback IPv4 address of this machine, or "".
std::string lan_address()
{
    ifaddrs* list = nullptr;
    if (::getifaddrs(&list) != 0) return {};
    std::string found;
    for (ifaddrs* a = list; a && found.empty(); a = a->ifa_next) {
        if (!a->ifa_addr || a->ifa_addr->sa_family != AF_INET) continue;
        char text[INET_ADDRSTRLEN] = {};
        const auto* v4 = reinterpret_cast<const sockaddr_in*>(a->ifa_addr);
        if (::inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text) && !is_loopback(text)) found = text;
    }
    ::freeifaddrs(list);
    return found;
}

}  // namespace

bool is_loopback(const std::string& host)
{
    // Literal addresses only: "127.attacker.example" is a DNS name, not 127.0.0.0/8.
    in_addr v4{};
    if (::inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    if (::inet_pton(AF_INET6, host.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
    return host == "localhost";
}

void reply_json(httplib::Response& res, const json& body, int status)
{
    res.status = status;
    res.set_header("Cache-Control", "no-store");
    // Text echoed from a request may be invalid UTF-8: replace, never throw.
    res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
}

void reply_error(httplib::Response& res, int status, const std::string& message,
                 const std::vector<std::string>& problems)
{
    reply_json(res, {{"error", message}, {"problems", problems}}, status);
}

Handler guarded(Handler handler)
{
    return [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
        try {
            handler(req, res);
        } catch (const HttpError& e) {
            reply_error(res, e.status(), e.what(), e.problems());
        } catch (const ScenarioError& e) {
            std::vector<std::string> problems;
            for (const auto& d : e.diagnostics()) problems.push_back((d.key.empty() ? "" : d.key + ": ") + d.message);
            reply_error(res, 400, problems.size() == 1 ? problems[0] : "value refused", problems);
        } catch (const json::exception& e) {  // a value JSON can carry but C++ cannot hold (1e400, 2^64)
            reply_error(res, 400, std::string("value refused: ") + e.what());
        } catch (const std::exception& e) {
            reply_error(res, 500, std::string("internal error: ") + e.what());
        }
    };
}

httplib::Server::HandlerWithContentReader capped_post(const Server::Impl& s, Handler handler)
{
    const std::size_t max = s.config.limits.max_body;
    return [max, handler = guarded(std::move(handler))](const httplib::Request& req, httplib::Response& res,
                                                        const httplib::ContentReader& read) {
        std::string body;
        bool too_large = false;
        const bool ok = read([&](const char* data, std::size_t n) {
            too_large = n > max - body.size();  // body.size() <= max always
            if (!too_large) body.append(data, n);
            return !too_large;
        });
        if (too_large || res.status == 413) return reply_error(res, 413, status_text(413));
        if (!ok) return reply_error(res, 400, "the request body could not be read");
        httplib::Request capped = req;
        capped.body = std::move(body);
        handler(capped, res);
    };
}

json json_body(const httplib::Request& req, std::initializer_list<const char*> allowed)
{
    const std::string type = req.get_header_value("Content-Type");
    if (type.rfind("application/json", 0) != 0) throw HttpError(415, status_text(415));
    json body;
    try {
        body = json::parse(req.body);
    } catch (const json::exception& e) {  // syntax, invalid UTF-8, a number out of range (1e400)
        throw BadRequest(std::string("body is not valid JSON: ") + e.what());
    }
    if (!body.is_object()) throw BadRequest("body must be a JSON object");
    for (const auto& [key, value] : body.items()) {
        bool known = false;
        std::string list;
        for (const char* a : allowed) {
            known = known || key == a;
            list += (list.empty() ? "" : ", ") + std::string(a);
        }
        if (!known) throw BadRequest("unknown field '" + key + "'; expected " + list);
    }
    return body;
}

void add_page_routes(Server::Impl& s)
{
    s.http.Get(R"(/|/[A-Za-z0-9._-]+|/assets/[A-Za-z0-9._-]+)", [](const httplib::Request& req,
                                                                   httplib::Response& res) {
        const Asset* asset = find_asset(req.path);
        if (!asset) return reply_error(res, 404, "no such page: " + req.path);
        // Bundled files carry a content hash in their name: cache them for good.
        res.set_header("Cache-Control",
                       req.path.rfind("/assets/", 0) == 0 ? "public, max-age=31536000, immutable" : "no-cache");
        res.set_header("Content-Security-Policy",
                       "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:");
        res.set_content(asset->body.data(), asset->body.size(), std::string(asset->content_type));
    });
}

std::string join_url(const Server::Impl& s, const httplib::Request& req)
{
    std::string host = s.config.host;
    if (host == "0.0.0.0" || host == "::") {
        const std::string asked = host_name(req.get_header_value("Host"));
        host = !asked.empty() && !is_loopback(asked) ? asked : lan_address();
        if (host.empty()) host = "127.0.0.1";
    }
    if (host.find(':') != std::string::npos && host.front() != '[') host = "[" + host + "]";
    return "http://" + host + ":" + std::to_string(s.port) + "/join.html";
}

Server::Impl::Impl(ServeConfig c, std::ostream& out)
    : config(std::move(c)), log(out), catalog(Catalog::load(config.scenarios_dir, config.limits, out)),
      registry(config.limits), classes(config.limits), limiter(config.limits.client_rate, config.limits.client_burst),
      joins(config.limits.join_attempts_per_minute / 60.0, config.limits.join_attempts_per_minute),
      api(config.limits.api_rate, config.limits.api_burst)
{
    if (config.teacher_key.empty() && !is_loopback(config.host)) config.teacher_key = random_id();
}

Server::Server(ServeConfig config, std::ostream& log) : impl_(std::make_unique<Impl>(std::move(config), log))
{
    install_handlers(*impl_);
}

Server::~Server()
{
    stop();
}

int Server::start()
{
    // A browser that goes away mid-stream must not kill the server.
    std::signal(SIGPIPE, SIG_IGN);
    Impl& s = *impl_;
    s.port = s.config.port == 0 ? s.http.bind_to_any_port(s.config.host)
                                : (s.http.bind_to_port(s.config.host, s.config.port) ? s.config.port : -1);
    if (s.port <= 0)
        throw std::runtime_error("cannot listen on " + s.config.host + ":" + std::to_string(s.config.port) +
                                 " (in use, or not an address of this machine)");
    s.listener = std::thread([&s] { s.http.listen_after_bind(); });
    s.reaper = std::thread([&s] {
        std::unique_lock lock(s.reaper_mutex);
        const auto every = std::max(std::chrono::milliseconds(20), s.config.limits.idle_timeout / 4);
        while (!s.reaper_wake.wait_for(lock, every, [&s] { return s.stopping; })) {
            s.registry.reap(Clock::now());
            s.classes.reap(Clock::now());
        }
    });
    return s.port;
}

void Server::stop()
{
    Impl& s = *impl_;
    {
        std::lock_guard lock(s.reaper_mutex);
        s.stopping = true;
    }
    s.reaper_wake.notify_all();
    if (s.reaper.joinable()) s.reaper.join();
    s.registry.clear();  // ends every stream, so the worker threads can finish
    s.classes.clear();
    s.http.stop();
    if (s.listener.joinable()) s.listener.join();
}

std::string Server::url() const
{
    const std::string& h = impl_->config.host;
    const std::string host = h.find(':') != std::string::npos ? "[" + h + "]" : h;
    return "http://" + host + ":" + std::to_string(impl_->port) + "/";
}

std::string Server::teacher_url() const
{
    const std::string& key = impl_->config.teacher_key;
    const std::string& h = impl_->config.host;
    // Listening on every address: the teacher opens it on this machine.
    const std::string base =
        h == "0.0.0.0" || h == "::" ? "http://127.0.0.1:" + std::to_string(impl_->port) + "/" : url();
    return base + "teacher.html" + (key.empty() ? "" : "#key=" + key);
}

const Catalog& Server::catalog() const
{
    return impl_->catalog;
}
Registry& Server::sessions()
{
    return impl_->registry;
}
ClassRegistry& Server::classes()
{
    return impl_->classes;
}

}  // namespace cogov::serve
