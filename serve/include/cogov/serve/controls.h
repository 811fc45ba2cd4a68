// The classroom's levers: sliders and switches over parameter-table keys,
// the one-off shocks, and turning browser JSON into validated values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "cogov/sim/params.h"

namespace cogov::serve {

//! A slider (real or integer parameter) or a switch (boolean parameter).
//! The slider range is a classroom-sized part of the table's range; values
//! are still validated against the table (any DYNAMIC key may be set).
struct Control {
    std::string_view key;                //!< parameter-table key
    std::string_view label;              //!< what the class sees
    double lo = 0, hi = 1, step = 0.01;  //!< slider range (ignored for switches)
};

//! The levers shown on every page, in display order.
const std::vector<Control>& classroom_controls();

//! A one-off shock: parameters held at shock values for a few weeks, then
//! put back. Both changes are recorded as scenario events.
struct Shock {
    std::string_view id;
    std::string_view label;
    std::string_view meaning;
    //! Keys and values, applied in this order (and put back in reverse).
    std::vector<std::pair<std::string_view, double>> sets;
    bool for_payment_cycle;  //!< lasts contracts.payment_interval weeks, else one week
    //! Weeks the shock lasts under parameters `p`.
    std::int64_t weeks(const Params& p) const;
};

const std::vector<Shock>& shocks();
const Shock* find_shock(std::string_view id);

//! The spec of a DYNAMIC parameter key. Throws BadRequest for an unknown key
//! (with the closest known key) or a STATIC one.
const ParamSpec& dynamic_param(const std::string& key);

//! A JSON value as a value of the spec's type, range-checked against the
//! table. Throws BadRequest with what was expected.
ParamValue param_value(const ParamSpec& spec, const nlohmann::json& value);

//! A parameter value as JSON (number or boolean).
nlohmann::json to_json(const ParamValue& value);

//! The controls, shocks and their current values under `p`, for the page.
nlohmann::json controls_json(const Params& p);

}  // namespace cogov::serve
