// The server's parts, shared by its route files (not installed).
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <iosfwd>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

#include "cogov/serve/catalog.h"
#include "cogov/serve/class_registry.h"
#include "cogov/serve/export.h"
#include "cogov/serve/rate_limit.h"
#include "cogov/serve/registry.h"
#include "cogov/serve/server.h"

// Last: httplib brings <resolv.h>, whose `_res` macro breaks Eigen's headers.
#include <httplib.h>

namespace cogov::serve {

struct Server::Impl {
    Impl(ServeConfig c, std::ostream& log);

    ServeConfig config;
    std::ostream& log;
    Catalog catalog;
    Registry registry;
    ClassRegistry classes;
    RateLimiter limiter;  //!< class routes, per player, class teacher or client address
    RateLimiter joins;    //!< failed join attempts, per client address
    RateLimiter api;      //!< one-tab sessions and the catalog, per client address
    Exporter exporter;
    httplib::Server http;
    int port = 0;
    std::thread listener, reaper;
    std::mutex reaper_mutex;
    std::condition_variable reaper_wake;
    bool stopping = false;
};

using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

//! `handler` with every exception turned into a JSON error reply.
Handler guarded(Handler handler);
//! A POST route's handler, its body read here and refused (413) past
//! max_body bytes whatever its transfer encoding: httplib caps only bodies
//! sent with a Content-Length, not chunked ones.
httplib::Server::HandlerWithContentReader capped_post(const Server::Impl& s, Handler handler);
//! Reply {"error": message, "problems": [...]} with `status`.
void reply_error(httplib::Response& res, int status, const std::string& message,
                 const std::vector<std::string>& problems = {});
void reply_json(httplib::Response& res, const nlohmann::json& body, int status = 200);
//! The body as a JSON object with only `allowed` keys; throws HttpError
//! 415 unless sent as application/json, BadRequest otherwise.
nlohmann::json json_body(const httplib::Request& req, std::initializer_list<const char*> allowed);

//! The page and its assets.
void add_page_routes(Server::Impl& s);
//! /api/catalog and /api/sessions...
void add_api_routes(Server::Impl& s);
//! /api/sessions/ID/stream (server-sent events).
void add_stream_route(Server::Impl& s);
//! /api/classes..., /api/join (class sessions).
void add_class_routes(Server::Impl& s);

//! The catalog entry a new session starts from: {"lesson": id} or {"scenario": id}.
const CatalogEntry& chosen_entry(const Catalog& catalog, const nlohmann::json& body);
//! The body's "seed" (1 when absent); BadRequest unless in [0, 2^63 - 1].
std::uint64_t seed_of(const nlohmann::json& body);
//! Where students open the join page: this server's address as other
//! machines reach it (a network address of this machine when listening on
//! all of them), ".../join.html".
std::string join_url(const Server::Impl& s, const httplib::Request& req);

}  // namespace cogov::serve
