// Rate limits for the class endpoints: a token bucket per key. The server
// keys a request by the identity it proves (a class's player token or
// teacher secret) and otherwise by client address, so the phones of a
// class behind one NAT address each have their own budget while a script
// without a token shares its address's (docs/serve.md, "Class sessions").
// A bounded table: the stalest keys are forgotten.
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
    //! True when `client` has a request left, taking none (a key not in the
    //! table has a full bucket and is not added).
    bool has(const std::string& client, Clock::time_point now = Clock::now());
    //! Charge one request to `client` after the fact (a failed join). May
    //! leave the bucket below zero when concurrent requests all passed has():
    //! the debt is paid from the refill, so the average rate still holds.
    void take(const std::string& client, Clock::time_point now = Clock::now());

private:
    struct Bucket {
        double tokens;
        Clock::time_point last;
    };
    Bucket& refilled(const std::string& client, Clock::time_point now);  // under the lock
    void forget_stalest();

    const double rate_, burst_;
    const std::size_t max_clients_;
    std::mutex mutex_;
    std::map<std::string, Bucket> buckets_;
};

}  // namespace cogov::serve
