// Summary windows (cogov/sim/window.h).
#include "cogov/sim/window.h"

#include <charconv>

#include "cogov/sim/run.h"

namespace cogov {
namespace {

std::int64_t week_number(const std::string& part, const std::string& text)
{
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
    if (ec != std::errc() || end != part.data() + part.size() || v < 1)
        throw RequestError("window '" + text + "': '" + part +
                           "' is not a week number (expected FIRST:LAST in weeks from 1, FIRST:, or after:EVENT_NOTE)");
    return v;
}

}  // namespace

std::string WeekRange::text(std::int64_t steps) const
{
    std::string s = "weeks " + std::to_string(first) + "-" + std::to_string(last);
    if (!origin.empty()) return s + " (" + origin + ")";
    if (first == 1 && last == steps) return s + " (the whole run)";
    return s;
}

Window parse_window(const std::string& text)
{
    Window w;
    w.text = text;
    if (text.rfind("after:", 0) == 0) {
        w.event = text.substr(6);
        if (w.event.empty()) throw RequestError("window '" + text + "': give the note of an event after 'after:'");
        return w;
    }
    const auto colon = text.find(':');
    if (colon == std::string::npos)
        throw RequestError("window '" + text + "': expected FIRST:LAST (e.g. 53:312), FIRST: or after:EVENT_NOTE");
    w.first = week_number(text.substr(0, colon), text);
    if (colon + 1 < text.size()) w.last = week_number(text.substr(colon + 1), text);
    if (w.last != 0 && w.last < w.first)
        throw RequestError("window '" + text + "': the last week comes before the first");
    return w;
}

WeekRange resolve_window(const Window& window, const std::vector<const Scenario*>& scenarios, std::int64_t steps)
{
    WeekRange r{1, steps, ""};
    if (window.whole_run()) return r;
    if (window.event.empty()) {
        r.first = window.first;
        r.last = window.last == 0 ? steps : window.last;
    } else {
        std::int64_t week = 0;
        std::string notes;
        for (const Scenario* s : scenarios)
            for (const auto& e : s->events) {
                if (e.note != window.event) {
                    if (notes.find("'" + e.note + "'") == std::string::npos)
                        notes += (notes.empty() ? "'" : ", '") + e.note + "'";
                    continue;
                }
                if (week != 0 && e.step != week)
                    throw RequestError("window '" + window.text + "': the event is in week " + std::to_string(week) +
                                       " in one scenario and week " + std::to_string(e.step) + " in '" + s->name +
                                       "'; give the weeks as FIRST:LAST");
                week = e.step;
            }
        if (week == 0)
            throw RequestError("window '" + window.text + "': no scenario has an event with the note '" + window.event +
                               "' (" + (notes.empty() ? "they have no events" : "notes there are: " + notes) + ")");
        r.first = week;
        r.origin = "from '" + window.event + "' in week " + std::to_string(week);
    }
    if (r.last > steps || r.first > steps)
        throw RequestError("window '" + window.text + "': the runs have only " + std::to_string(steps) + " weeks");
    return r;
}

}  // namespace cogov
