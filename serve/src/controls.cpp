#include "cogov/serve/controls.h"

#include <limits>
#include <nlohmann/json.hpp>

#include "cogov/serve/errors.h"

namespace cogov::serve {

using nlohmann::json;

const std::vector<Control>& classroom_controls()
{
    static const std::vector<Control> controls = {
        {"trust.a_gain", "Trust gained on a good experience", 0, 0.5, 0.01},
        {"trust.a_loss", "Trust lost on a bad experience", 0, 0.5, 0.01},
        {"contracts.p_default", "Payments never made (share)", 0, 0.5, 0.01},
        {"committee.delegated_items", "Committee burden (delegated items)", 0, 400, 1},
        {"power.mobility", "Residents moving away (per week)", 0, 0.02, 0.0005},
        {"power.leader_tenure", "Street leader tenure (weeks)", 4, 520, 1},
        {"platform.enabled", "Online platform", 0, 1, 1},
        {"platform.adoption", "Online platform adoption (share)", 0, 1, 0.05},
        {"grid.enabled", "Grid management", 0, 1, 1},
        {"contracts.payment_guarantee", "Payment guarantee fund", 0, 1, 1},
    };
    return controls;
}

std::int64_t Shock::weeks(const Params& p) const
{
    return for_payment_cycle ? p.contracts_payment_interval : 1;
}

const std::vector<Shock>& shocks()
{
    static const std::vector<Shock> list = {
        {"leader_change",
         "Leader change",
         "Every street gets a new leader this week, who keeps the predecessor's promises only with "
         "probability power.continuity.",
         {{"power.leader_tenure", 1}},
         false},
        {"payment_default",
         "Wave of defaulted payments",
         "For one payment cycle (contracts.payment_interval weeks) every scheduled payment to a social "
         "organization is never made (none is merely late).",
         {{"contracts.p_late", 0}, {"contracts.p_default", 1}},
         true},
    };
    return list;
}

const Shock* find_shock(std::string_view id)
{
    for (const auto& s : shocks())
        if (s.id == id) return &s;
    return nullptr;
}

const ParamSpec& dynamic_param(const std::string& key)
{
    const ParamSpec* spec = find_param(key);
    if (!spec) throw BadRequest(key + ": " + unknown_param(Origin{}, key, "parameter").message);
    if (spec->when == ParamWhen::fixed)
        throw BadRequest(key + ": fixed at initialisation; it cannot change in a running session");
    return *spec;
}

ParamValue param_value(const ParamSpec& spec, const json& value)
{
    RawValue raw = RawValue::other(value.dump());
    if (value.is_boolean()) raw = RawValue::of(value.get<bool>());
    else if (value.is_number_unsigned() &&
             value.get<std::uint64_t>() > std::uint64_t(std::numeric_limits<std::int64_t>::max()))
        raw = RawValue::of(value.get<double>());
    else if (value.is_number_integer()) raw = RawValue::of(value.get<std::int64_t>());
    else if (value.is_number_float()) raw = RawValue::of(value.get<double>());
    ParamRead read = spec.read(raw, Origin{});
    if (const auto* d = std::get_if<Diagnostic>(&read)) throw BadRequest(d->key + ": " + d->message);
    return std::get<ParamValue>(read);
}

json to_json(const ParamValue& value)
{
    return std::visit([](auto v) { return json(v); }, value);
}

namespace {

const char* type_key(ParamType t)
{
    switch (t) {
    case ParamType::real: return "real";
    case ParamType::integer: return "integer";
    default: return "boolean";
    }
}

}  // namespace

json controls_json(const Params& p)
{
    json controls = json::array();
    for (const auto& c : classroom_controls()) {
        const ParamSpec& spec = *find_param(c.key);
        controls.push_back({{"key", c.key},
                            {"label", c.label},
                            {"type", type_key(spec.type)},
                            {"min", c.lo},
                            {"max", c.hi},
                            {"step", c.step},
                            {"unit", spec.unit},
                            {"meaning", spec.meaning},
                            {"value", to_json(spec.get(p))}});
    }
    json list = json::array();
    for (const auto& s : shocks()) {
        json keys = json::array();
        for (const auto& [key, value] : s.sets) keys.push_back(key);
        list.push_back({{"id", s.id}, {"label", s.label}, {"meaning", s.meaning}, {"keys", keys}});
    }
    return {{"controls", controls}, {"shocks", list}};
}

}  // namespace cogov::serve
