// The live sessions, capped in number, each behind an unguessable id; idle
// ones (a closed tab) are freed.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "cogov/serve/session.h"

namespace cogov::serve {

class Registry {
public:
    explicit Registry(const Limits& limits) : limits_(limits) {}

    //! A new session; throws HttpError 503 when limits.max_sessions are open.
    std::shared_ptr<Session> create(const std::string& label, Scenario scenario, std::uint64_t seed);
    //! The session with this id, or nullptr.
    std::shared_ptr<Session> find(const std::string& id) const;
    //! Free a session; false if there was none.
    bool remove(const std::string& id);
    //! Free sessions idle for longer than limits.idle_timeout; returns how many.
    std::size_t reap(Clock::time_point now);
    std::size_t size() const;
    //! Free every session (server stopping).
    void clear();

private:
    const Limits limits_;
    mutable std::mutex mutex_;
    std::map<std::string, std::shared_ptr<Session>> sessions_;
};

//! 128 random bits as 32 hex digits.
std::string random_id();

}  // namespace cogov::serve
