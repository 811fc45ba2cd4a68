#include "cogov/serve/session.h"

#include "cogov/serve/errors.h"
#include "cogov/serve/views.h"

namespace cogov::serve {
namespace {

using nlohmann::json;

std::string sse(const char* event, const std::string& data)
{
    return std::string("event: ") + event + "\ndata: " + data + "\n\n";
}

//! The scenario with its scheduled events taken out: the city left alone.
Scenario left_alone(Scenario s)
{
    s.events.clear();
    s.moves.clear();
    return s;
}

json changes_json(const std::vector<Event>& changes)
{
    json out = json::array();
    for (const auto& e : changes)
        for (const auto& [spec, value] : e.sets)
            out.push_back({{"step", e.step}, {"note", e.note}, {"key", spec->key}, {"value", to_json(value)}});
    return out;
}

}  // namespace

Session::Session(std::string id, std::string label, Scenario scenario, std::uint64_t seed, const Limits& limits)
    : id_(std::move(id)), label_(std::move(label)), limits_(limits), run_(scenario, seed),
      twin_(left_alone(std::move(scenario)), seed), last_seen_(Clock::now())
{
}

void Session::play()
{
    std::lock_guard lock(mutex_);
    last_seen_ = Clock::now();
    if (run_.finished()) throw HttpError(409, "the session has reached its last week; reset to play again");
    playing_ = true;
    error_.clear();
    next_due_ = Clock::now();
    changed();
}

void Session::pause()
{
    std::lock_guard lock(mutex_);
    last_seen_ = Clock::now();
    playing_ = false;
    changed();
}

void Session::set_speed(double steps_per_second)
{
    if (!(steps_per_second >= limits_.min_speed && steps_per_second <= limits_.max_speed))
        throw BadRequest("speed: expected weeks per second in [" + format_value(limits_.min_speed) + ", " +
                         format_value(limits_.max_speed) + "]");
    std::lock_guard lock(mutex_);
    last_seen_ = Clock::now();
    speed_ = steps_per_second;
    next_due_ = std::min(next_due_, Clock::now());
    changed();
}

void Session::step()
{
    std::lock_guard lock(mutex_);
    last_seen_ = Clock::now();
    if (run_.finished()) throw HttpError(409, "the session has reached its last week; reset to run again");
    advance();
}

void Session::reset()
{
    std::lock_guard lock(mutex_);
    last_seen_ = Clock::now();
    run_.reset();
    twin_.reset();
    frames_.clear();
    ++epoch_;
    playing_ = false;
    error_.clear();
    changed();
}

void Session::set(const ParamSpec& spec, const ParamValue& value)
{
    std::lock_guard lock(mutex_);
    last_seen_ = Clock::now();
    if (run_.finished())
        throw HttpError(409, "the session has reached its last week: changes would never apply; reset to run again");
    run_.set(spec, value, "live: " + std::string(spec.key));
    changed();
}

void Session::shock(const Shock& shock)
{
    std::lock_guard lock(mutex_);
    last_seen_ = Clock::now();
    if (run_.finished())
        throw HttpError(409, "the session has reached its last week: a shock would never apply; reset to run again");
    run_.shock(shock);
    changed();
}

void Session::choose(const HumanMove& move)
{
    std::lock_guard lock(mutex_);
    last_seen_ = Clock::now();
    if (run_.finished()) throw HttpError(409, "the round has ended: choices are closed");
    run_.choose(move);
    changed();
}

bool Session::tick()
{
    std::lock_guard lock(mutex_);
    const auto now = Clock::now();
    last_seen_ = now;
    if (!playing_ || now < next_due_ || run_.finished()) return false;
    const auto interval = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / speed_));
    next_due_ = std::max(next_due_ + interval, now);
    try {
        advance();
    } catch (const std::exception&) {
        return false;  // error_ holds the reason; the status reports it
    }
    return true;
}

std::vector<std::string> Session::frames_since(std::size_t first) const
{
    std::lock_guard lock(mutex_);
    if (first >= frames_.size()) return {};
    return {frames_.begin() + static_cast<std::ptrdiff_t>(first), frames_.end()};
}

void Session::advance()
{
    try {
        run_.step();
    } catch (const std::exception& e) {
        playing_ = false;
        error_ = e.what();
        changed();
        throw;
    }
    json frame = week_frame(run_.model());
    if (!twin_.finished() && twin_.model().steps_done() < run_.model().steps_done()) twin_.step();
    frame["ghost"] = week_frame(twin_.model());
    frame["ghost"].erase("step");
    frames_.push_back(frame.dump());
    if (run_.finished()) playing_ = false;
    changed();
}

void Session::changed()
{
    ++status_version_;
    wake_.notify_all();
}

json Session::status() const
{
    std::lock_guard lock(mutex_);
    return status_locked();
}

json Session::status_locked() const
{
    const Model& m = run_.model();
    json params = json::object();
    for (const auto& c : classroom_controls()) params[std::string(c.key)] = to_json(find_param(c.key)->get(m.params()));
    return {{"id", id_},
            {"label", label_},
            {"scenario", run_.scenario().name},
            {"description", run_.scenario().description},
            {"seed", run_.seed()},
            {"step", m.steps_done()},
            {"steps_total", m.steps_total()},
            {"finished", run_.finished()},
            {"playing", playing_},
            {"speed", speed_},
            {"params", params},
            {"changes", changes_json(run_.changes())},
            {"moves", run_.moves().size()},
            {"events", scenario_events_json(run_.scenario())},
            {"error", error_}};
}

Scenario Session::replay_scenario() const
{
    std::lock_guard lock(mutex_);
    if (run_.model().steps_done() < 1) throw HttpError(409, "nothing to export yet: run at least one week");
    return run_.replay_scenario();
}

Scenario Session::ghost_scenario() const
{
    std::lock_guard lock(mutex_);
    if (twin_.model().steps_done() < 1) throw HttpError(409, "nothing to export yet: run at least one week");
    Scenario s = twin_.replay_scenario();
    s.name += " (model alone)";
    s.description = "The city left alone beside the session '" + label_ + "': " + s.description;
    return s;
}

std::uint64_t Session::seed() const
{
    std::lock_guard lock(mutex_);
    return run_.seed();
}

StreamCursor Session::attach()
{
    std::lock_guard lock(mutex_);
    last_seen_ = Clock::now();
    streaming_ = true;
    wake_.notify_all();
    StreamCursor cursor;
    cursor.token = ++stream_token_;
    cursor.epoch = epoch_;
    cursor.ended = closed_;
    return cursor;
}

void Session::detach(const StreamCursor& cursor)
{
    std::lock_guard lock(mutex_);
    if (cursor.token != stream_token_) return;
    streaming_ = false;  // the run waits for a stream to come back (or is freed)
    last_seen_ = Clock::now();
}

std::string Session::next_events(StreamCursor& cursor, Clock::time_point deadline)
{
    std::unique_lock lock(mutex_);
    for (;;) {
        if (closed_ || cursor.token != stream_token_) {
            cursor.ended = true;
            return {};
        }
        const auto now = Clock::now();
        if (playing_ && now >= next_due_) {
            const auto interval =
                std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / speed_));
            next_due_ = std::max(next_due_ + interval, now);  // no burst to catch up
            try {
                advance();
            } catch (const std::exception&) {
                // error_ holds the reason; the status event reports it.
            }
        }
        std::string out = drain(cursor);
        if (!out.empty() || now >= deadline) return out;
        wake_.wait_until(lock, playing_ ? std::min(next_due_, deadline) : deadline);
    }
}

std::string Session::drain(StreamCursor& cursor) const
{
    std::string out;
    if (cursor.epoch != epoch_) {
        out += sse("reset", "{}");
        cursor.epoch = epoch_;
        cursor.frames = 0;
    }
    const bool new_frames = cursor.frames < frames_.size();
    for (; cursor.frames < frames_.size(); ++cursor.frames) out += sse("frame", frames_[cursor.frames]);
    if (cursor.status != status_version_) {
        out += sse("status", status_locked().dump());
        cursor.status = status_version_;
    }
    if (new_frames) out += sse("network", community_network(run_.model(), 0, limits_.network_residents).dump());
    return out;
}

void Session::touch()
{
    std::lock_guard lock(mutex_);
    last_seen_ = Clock::now();
}

bool Session::idle_since(Clock::time_point cutoff) const
{
    std::lock_guard lock(mutex_);
    return !streaming_ && last_seen_ < cutoff;
}

void Session::close()
{
    std::lock_guard lock(mutex_);
    closed_ = true;
    playing_ = false;
    wake_.notify_all();
}

}  // namespace cogov::serve
