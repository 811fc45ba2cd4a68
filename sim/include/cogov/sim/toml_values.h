// TOML helpers shared by the scenario and sweep loaders: source positions,
// node descriptions and typed, range-checked parameter values.
#pragma once

#include <optional>
#include <string>

#include <toml++/toml.h>

#include "cogov/sim/params.h"
#include "cogov/sim/scenario.h"

namespace cogov {

inline Origin origin_of(const toml::source_region& where, const std::string& file)
{
    return Origin{file, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column)};
}
inline Origin origin_of(const toml::node& node, const std::string& file)
{
    return origin_of(node.source(), file);
}
inline Origin origin_of(const toml::key& key, const std::string& file)
{
    return origin_of(key.source(), file);
}

//! "a string", "an integer", ... for messages.
std::string describe(const toml::node& node);

//! A TOML node as a raw parameter value (ParamSpec::read checks it).
RawValue raw_value(const toml::node& node);

//! Read a parameter value of the spec's type and range from a TOML node
//! (through ParamSpec::read); a diagnostic at `where` when it is not one.
std::optional<Diagnostic> param_value(const ParamSpec& spec, const toml::node& node, const Origin& where,
                                      ParamValue& out);

}  // namespace cogov
