// The per-community issue queue and closing an issue (shared by phases).
#pragma once

#include <cstddef>
#include <cstdint>

#include "cogov/sim/state.h"

namespace cogov {

//! Put resident i's silent issue at the back of the community's queue.
void enqueue_issue(State& s, std::uint32_t c, std::size_t i);

//! Record an experience for resident i with `actor` (applied in phase 7).
void record_experience(State& s, std::uint32_t c, std::size_t i, Experience e, Actor actor);

//! Resident i gives up an unreported issue.
void close_lapsed(State& s, std::uint32_t c, std::size_t i);

}  // namespace cogov
