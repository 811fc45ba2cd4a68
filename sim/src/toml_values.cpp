#include "cogov/sim/toml_values.h"

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

RawValue raw_value(const toml::node& node)
{
    if (node.is_floating_point()) return RawValue::of(node.as_floating_point()->get());
    if (node.is_integer()) return RawValue::of(node.as_integer()->get());
    if (node.is_boolean()) return RawValue::of(node.as_boolean()->get());
    return RawValue::other(describe(node));
}

std::optional<Diagnostic> param_value(const ParamSpec& spec, const toml::node& node, const Origin& where,
                                      ParamValue& out)
{
    ParamRead read = spec.read(raw_value(node), where);
    if (auto* d = std::get_if<Diagnostic>(&read)) return std::move(*d);
    out = std::get<ParamValue>(read);
    return std::nullopt;
}

}  // namespace cogov
