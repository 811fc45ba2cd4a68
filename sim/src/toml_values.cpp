#include "cogov/sim/toml_values.h"

#include "cogov/sim/text.h"

namespace cogov {

std::string describe(const toml::node& node)
{
    switch (node.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a real number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    default: return "a date or time";
    }
}

std::optional<Diagnostic> param_value(const ParamSpec& spec, const toml::node& node, const Origin& where,
                                      ParamValue& out)
{
    bool typed = true;
    if (spec.type == ParamType::real && node.is_floating_point()) out = node.as_floating_point()->get();
    else if (spec.type == ParamType::real && node.is_integer()) out = static_cast<double>(node.as_integer()->get());
    else if (spec.type == ParamType::integer && node.is_integer()) out = node.as_integer()->get();
    else if (spec.type == ParamType::boolean && node.is_boolean()) out = node.as_boolean()->get();
    else typed = false;
    if (!typed)
        return Diagnostic{where, std::string(spec.key),
                          "expected " + spec.type_name() + " in " + spec.range_text() + ", got " + describe(node)};
    if (auto problem = spec.check(out))
        return Diagnostic{where, std::string(spec.key),
                          format_value(out) + " is out of range: " + *problem + " (" + std::string(spec.unit) + ")"};
    return std::nullopt;
}

Diagnostic unknown_key(const Origin& where, const std::string& key, const std::vector<std::string>& candidates)
{
    std::string message = "unknown key";
    const auto near = closest_matches(key, candidates, 1);
    if (!near.empty()) message += "; did you mean '" + near.front() + "'?";
    return Diagnostic{where, key, message};
}

}  // namespace cogov
