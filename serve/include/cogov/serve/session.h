// One browser tab's simulation: a LiveRun behind a lock, played at a pace,
// and the frames its event stream has yet to send.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cogov/serve/config.h"
#include "cogov/serve/live_run.h"

namespace cogov::serve {

using Clock = std::chrono::steady_clock;

//! Where one event stream has got to.
struct StreamCursor {
    std::uint64_t token = 0;   //!< which stream this is (a newer one replaces it)
    std::uint64_t epoch = 0;   //!< resets seen
    std::size_t frames = 0;    //!< frames sent since the last reset
    std::uint64_t status = 0;  //!< status version sent
    bool ended = false;        //!< replaced, closed or the session was freed
};

class Session {
public:
    //! `label` names what the session was started from ("lesson asymmetry").
    Session(std::string id, std::string label, Scenario scenario, std::uint64_t seed, const Limits& limits);

    const std::string& id() const { return id_; }

    void play();
    void pause();
    //! Weeks per second while playing, in (0, limits.max_speed].
    void set_speed(double steps_per_second);
    //! One week now (also while playing). Refused past the session's last week.
    void step();
    void reset();
    void set(const ParamSpec& spec, const ParamValue& value);
    void shock(const Shock& shock);

    //! A player's move from the next week on (class sessions). 409 once finished.
    void choose(const HumanMove& move);
    //! Play a week if playing and one is due: how a class session, which has
    //! no event stream, keeps time (each poll ticks). True if a week was played.
    bool tick();
    //! The week frames (JSON, with "ghost") from index `first` on.
    std::vector<std::string> frames_since(std::size_t first) const;
    //! `f(model)` under the lock, for reading the run's agents.
    template <class F>
    auto with_model(F&& f) const
    {
        std::lock_guard lock(mutex_);
        return f(run_.model());
    }

    nlohmann::json status() const;
    //! The scenario that replays this session (see LiveRun::replay_scenario).
    Scenario replay_scenario() const;
    //! The scenario that replays the ghost to the same week: the city left
    //! alone, with no events, live changes or players' moves.
    Scenario ghost_scenario() const;
    std::uint64_t seed() const;
    std::string label() const { return label_; }

    //! Open an event stream; an older one of this session ends.
    StreamCursor attach();
    void detach(const StreamCursor& cursor);
    //! Server-sent-event text for `cursor`: steps the run when playing and a
    //! week is due, then returns whatever is new. Waits at most until
    //! `deadline`; an empty result means nothing happened (send a heartbeat).
    std::string next_events(StreamCursor& cursor, Clock::time_point deadline);

    //! A request for this session: it is in use.
    void touch();
    //! No stream attached and no request since `cutoff`.
    bool idle_since(Clock::time_point cutoff) const;
    //! End the stream for good (session freed or server stopping).
    void close();

private:
    void advance();  // one week, under the lock
    void changed();  // status changed: bump the version and wake the stream
    nlohmann::json status_locked() const;
    std::string drain(StreamCursor& cursor) const;

    const std::string id_, label_;
    const Limits limits_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    LiveRun run_;
    //! The ghost: the same city left alone (no scripted events, no live
    //! changes) on the same seed, so the same random numbers; stepped with
    //! run_, its frame rides along in each week's frame as "ghost".
    LiveRun twin_;
    std::vector<std::string> frames_;  //!< JSON per week since the last reset
    std::uint64_t epoch_ = 0, status_version_ = 1, stream_token_ = 0;
    bool streaming_ = false, closed_ = false, playing_ = false;
    double speed_ = 4;
    std::string error_;  //!< why playing stopped, if it failed
    Clock::time_point next_due_{}, last_seen_;
};

}  // namespace cogov::serve
