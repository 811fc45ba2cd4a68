// Summary windows: which weeks a mean, total or ratio outcome covers.
//
// Written "FIRST:LAST" (1-based weeks, inclusive; "53:312"), "FIRST:" (to
// the end), or "after:NOTE" (from the week the scenario event with that
// note takes effect to the end). The default is the whole run. Every label
// says exactly which weeks were summarised ("mean over weeks 53-312").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cogov/sim/scenario.h"

namespace cogov {

//! A window as written; resolve() turns it into weeks for given scenarios.
struct Window {
    std::int64_t first = 1;  //!< first week (1-based), unless `event` is set
    std::int64_t last = 0;   //!< last week, inclusive; 0 = the run's last week
    std::string event;       //!< "after:NOTE": the note of the event that opens the window
    std::string text;        //!< as written; empty = the whole run

    bool whole_run() const { return text.empty(); }
};

//! Weeks [first, last] (1-based, inclusive) and how they were chosen.
struct WeekRange {
    std::int64_t first = 1, last = 1;
    std::string origin;  //!< "" or "from 'NOTE' in week 53"

    std::int64_t weeks() const { return last - first + 1; }
    //! "weeks 53-312 (from 'burden cut' in week 53)", "weeks 1-312 (the whole run)".
    std::string text(std::int64_t steps) const;
};

//! Parse a window. Throws RequestError naming what was expected.
Window parse_window(const std::string& text);

//! The weeks of `window` in runs of `steps` weeks. For "after:NOTE", the
//! event is looked up in every scenario: at least one must have it, and
//! all that have it must put it in the same week (arms share a window).
//! Throws RequestError for a window outside the run or an unknown event
//! (listing the notes there are).
WeekRange resolve_window(const Window& window, const std::vector<const Scenario*>& scenarios, std::int64_t steps);

}  // namespace cogov
