#include "cogov/serve/rate_limit.h"

#include <algorithm>

namespace cogov::serve {

RateLimiter::Bucket& RateLimiter::refilled(const std::string& client, Clock::time_point now)
{
    auto it = buckets_.find(client);
    if (it == buckets_.end()) {
        if (buckets_.size() >= max_clients_) forget_stalest();
        it = buckets_.emplace(client, Bucket{burst_, now}).first;
    }
    Bucket& b = it->second;
    const double seconds = std::chrono::duration<double>(now - b.last).count();
    b.tokens = std::min(burst_, b.tokens + std::max(0.0, seconds) * rate_);
    b.last = std::max(b.last, now);
    return b;
}

bool RateLimiter::allow(const std::string& client, Clock::time_point now)
{
    std::lock_guard lock(mutex_);
    Bucket& b = refilled(client, now);
    if (b.tokens < 1.0) return false;
    b.tokens -= 1.0;
    return true;
}

bool RateLimiter::has(const std::string& client, Clock::time_point now)
{
    std::lock_guard lock(mutex_);
    if (buckets_.find(client) == buckets_.end()) return burst_ >= 1.0;
    return refilled(client, now).tokens >= 1.0;
}

void RateLimiter::take(const std::string& client, Clock::time_point now)
{
    std::lock_guard lock(mutex_);
    refilled(client, now).tokens -= 1.0;
}

void RateLimiter::forget_stalest()
{
    const auto stalest = std::min_element(buckets_.begin(), buckets_.end(),
                                          [](const auto& a, const auto& b) { return a.second.last < b.second.last; });
    if (stalest != buckets_.end()) buckets_.erase(stalest);
}

}  // namespace cogov::serve
