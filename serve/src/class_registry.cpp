#include "cogov/serve/class_registry.h"

#include <cctype>
#include <random>

#include "cogov/serve/errors.h"
#include "cogov/serve/registry.h"

namespace cogov::serve {

std::string random_join_code()
{
    static const char alphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";  // 31 letters and digits, no look-alikes
    std::random_device device;
    std::string code;
    for (int k = 0; k < 6; ++k) code += alphabet[device() % (sizeof alphabet - 1)];
    return code;
}

std::string normal_code(const std::string& text)
{
    std::string out;
    for (char ch : text.substr(0, 64))
        if (ch != ' ' && ch != '-') out += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return out;
}

ClassRegistry::Opened ClassRegistry::create(const std::string& label, Scenario scenario, std::uint64_t seed)
{
    auto full = [this] {
        return HttpError(503, "all " + std::to_string(limits_.max_classes) +
                                  " class sessions are in use; end one (or wait until its teacher page is closed)");
    };
    {
        std::lock_guard lock(mutex_);
        if (static_cast<int>(classes_.size()) >= limits_.max_classes) throw full();
    }
    std::string code;
    do code = random_join_code();
    while (find_code(code));
    const std::string secret = random_id();
    // Building the population takes a moment: not under the lock.
    auto c = std::make_shared<Classroom>(random_id(), code, secret, label, std::move(scenario), seed, limits_);
    std::lock_guard lock(mutex_);
    if (static_cast<int>(classes_.size()) >= limits_.max_classes) throw full();
    classes_.emplace(c->id(), c);
    return {c, secret};
}

std::shared_ptr<Classroom> ClassRegistry::find(const std::string& id) const
{
    std::lock_guard lock(mutex_);
    const auto it = classes_.find(id);
    return it == classes_.end() ? nullptr : it->second;
}

std::shared_ptr<Classroom> ClassRegistry::find_code(const std::string& code) const
{
    const std::string wanted = normal_code(code);
    std::lock_guard lock(mutex_);
    for (const auto& [id, c] : classes_)
        if (c->code() == wanted) return c;
    return nullptr;
}

std::size_t ClassRegistry::reap(Clock::time_point now)
{
    std::vector<std::shared_ptr<Classroom>> gone;
    {
        std::lock_guard lock(mutex_);
        for (auto it = classes_.begin(); it != classes_.end();) {
            if (it->second->idle_since(now - limits_.class_idle_timeout)) {
                gone.push_back(std::move(it->second));
                it = classes_.erase(it);
            } else {
                ++it;
            }
        }
    }
    for (auto& c : gone) c->close();
    return gone.size();
}

bool ClassRegistry::remove(const std::string& id)
{
    std::shared_ptr<Classroom> gone;
    {
        std::lock_guard lock(mutex_);
        const auto it = classes_.find(id);
        if (it == classes_.end()) return false;
        gone = std::move(it->second);
        classes_.erase(it);
    }
    gone->close();
    return true;
}

std::size_t ClassRegistry::size() const
{
    std::lock_guard lock(mutex_);
    return classes_.size();
}

void ClassRegistry::clear()
{
    std::map<std::string, std::shared_ptr<Classroom>> gone;
    {
        std::lock_guard lock(mutex_);
        gone.swap(classes_);
    }
    for (auto& [id, c] : gone) c->close();
}

}  // namespace cogov::serve
