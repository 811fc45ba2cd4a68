#include "cogov/serve/registry.h"

#include <random>

#include "cogov/serve/errors.h"

namespace cogov::serve {

std::string random_id()
{
    static const char* hex = "0123456789abcdef";
    std::random_device device;
    std::string id;
    for (int i = 0; i < 4; ++i) {
        std::uint32_t bits = device();
        for (int k = 0; k < 8; ++k, bits >>= 4) id += hex[bits & 15u];
    }
    return id;
}

std::shared_ptr<Session> Registry::create(const std::string& label, Scenario scenario, std::uint64_t seed)
{
    {
        std::lock_guard lock(mutex_);
        if (static_cast<int>(sessions_.size()) >= limits_.max_sessions)
            throw HttpError(503, "all " + std::to_string(limits_.max_sessions) +
                                     " sessions are in use; close a tab or try again shortly");
    }
    // Building the population takes a moment: not under the lock.
    auto session = std::make_shared<Session>(random_id(), label, std::move(scenario), seed, limits_);
    std::lock_guard lock(mutex_);
    if (static_cast<int>(sessions_.size()) >= limits_.max_sessions)
        throw HttpError(503, "all " + std::to_string(limits_.max_sessions) + " sessions are in use");
    sessions_.emplace(session->id(), session);
    return session;
}

std::shared_ptr<Session> Registry::find(const std::string& id) const
{
    std::lock_guard lock(mutex_);
    const auto it = sessions_.find(id);
    return it == sessions_.end() ? nullptr : it->second;
}

bool Registry::remove(const std::string& id)
{
    std::shared_ptr<Session> gone;
    {
        std::lock_guard lock(mutex_);
        const auto it = sessions_.find(id);
        if (it == sessions_.end()) return false;
        gone = std::move(it->second);
        sessions_.erase(it);
    }
    gone->close();
    return true;
}

std::size_t Registry::reap(Clock::time_point now)
{
    std::vector<std::shared_ptr<Session>> gone;
    {
        std::lock_guard lock(mutex_);
        for (auto it = sessions_.begin(); it != sessions_.end();) {
            if (it->second->idle_since(now - limits_.idle_timeout)) {
                gone.push_back(std::move(it->second));
                it = sessions_.erase(it);
            } else {
                ++it;
            }
        }
    }
    for (auto& s : gone) s->close();
    return gone.size();
}

std::size_t Registry::size() const
{
    std::lock_guard lock(mutex_);
    return sessions_.size();
}

void Registry::clear()
{
    std::map<std::string, std::shared_ptr<Session>> gone;
    {
        std::lock_guard lock(mutex_);
        gone.swap(sessions_);
    }
    for (auto& [id, s] : gone) s->close();
}

}  // namespace cogov::serve
