// Per-client rate limits for the class endpoints: a token bucket per
// client address, so one phone (or a script) cannot flood the server or
// guess join codes. A bounded table: the stalest clients are forgotten.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>

namespace cogov::serve {

class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;
    //! `rate` requests per second on average, bursts of `burst`.
    RateLimiter(double rate, double burst, std::size_t max_clients = 4096)
        : rate_(rate), burst_(burst), max_clients_(max_clients)
    {
    }

    //! Take one request for `client`; false when it is over its limit.
    bool allow(const std::string& client, Clock::time_point now = Clock::now());

private:
    struct Bucket {
        double tokens;
        Clock::time_point last;
    };
    void forget_stalest();

    const double rate_, burst_;
    const std::size_t max_clients_;
    std::mutex mutex_;
    std::map<std::string, Bucket> buckets_;
};

}  // namespace cogov::serve
