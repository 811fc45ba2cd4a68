// What the page draws, as JSON built from a Model: the per-week frame for
// the charts and the network of one community.
#pragma once

#include <cstddef>
#include <cstdint>

#include <nlohmann/json_fwd.hpp>

#include "cogov/sim/model.h"
#include "cogov/sim/scenario.h"

namespace cogov::serve {

//! One week for the charts: {"step", "trust": 25 numbers (truster-major,
//! actor order of actors.h; null for a truster type with nobody in it),
//! "metrics": {name: city value}} from the last step's city counters.
nlohmann::json week_frame(const Model& model);

//! Community `c` as a network: up to `max_residents` residents (the first
//! ones, so whole grid cells), their ties, the community's institutions and
//! the ties between them, each tie with a trust in [0, 1].
//!   residents: [[cell, trust toward each actor type x5, handler or -1]]
//!   ties: [[i, j, trust]] between shown residents (mean trust in neighbours)
//!   institutions: [{"id", "actor", "label", "trust"}] (trust: residents'
//!     mean trust in that actor type)
//!   links: [[institution a, institution b, mutual trust]]
//!   issues: [[resident, institution, resident's trust in it]] for open
//!     reported issues
nlohmann::json community_network(const Model& model, std::uint32_t c, std::size_t max_residents);

//! The scenario's own scheduled events, for marking on the charts:
//! [{"step", "note"}] in week order (a scripted burden cut, say).
nlohmann::json scenario_events_json(const Scenario& scenario);

//! Labels for the page: actor names, metric names, units and meanings.
nlohmann::json vocabulary_json();

}  // namespace cogov::serve
