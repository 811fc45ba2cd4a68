// The open class sessions, capped in number, found by id (teacher and
// players) or by the short join code students type; a class whose teacher
// page has gone away is freed.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "cogov/serve/classroom.h"

namespace cogov::serve {

class ClassRegistry {
public:
    explicit ClassRegistry(const Limits& limits) : limits_(limits) {}

    struct Opened {
        std::shared_ptr<Classroom> room;
        std::string secret;  //!< the teacher's, given out once
    };
    //! A new class with a fresh join code and teacher secret; HttpError 503
    //! when limits.max_classes are open.
    Opened create(const std::string& label, Scenario scenario, std::uint64_t seed);
    std::shared_ptr<Classroom> find(const std::string& id) const;
    //! The class with this join code (any case, spaces ignored), or nullptr.
    std::shared_ptr<Classroom> find_code(const std::string& code) const;
    //! Free classes idle past limits.class_idle_timeout; returns how many.
    std::size_t reap(Clock::time_point now);
    bool remove(const std::string& id);
    std::size_t size() const;
    void clear();

private:
    const Limits limits_;
    mutable std::mutex mutex_;
    std::map<std::string, std::shared_ptr<Classroom>> classes_;
};

//! Six characters from an alphabet without look-alikes (no 0/O, 1/I/L): 30 bits.
std::string random_join_code();
//! `text` upper-cased with spaces and dashes removed (how students type codes).
std::string normal_code(const std::string& text);

}  // namespace cogov::serve
