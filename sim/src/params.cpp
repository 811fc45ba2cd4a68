#include "cogov/sim/params.h"

#include <cmath>
#include <sstream>

#include "cogov/sim/text.h"

namespace cogov {
namespace {

#define COGOV_KIND_REAL ParamType::real
#define COGOV_KIND_INT ParamType::integer
#define COGOV_KIND_BOOL ParamType::boolean
#define COGOV_WHEN_STATIC ParamWhen::fixed
#define COGOV_WHEN_DYNAMIC ParamWhen::dynamic
#define COGOV_FIELD_REAL(f) &Params::f, nullptr, nullptr
#define COGOV_FIELD_INT(f) nullptr, &Params::f, nullptr
#define COGOV_FIELD_BOOL(f) nullptr, nullptr, &Params::f
#define COGOV_EVIDENCE_UNSTATED Evidence::unstated
#define COGOV_EVIDENCE_EMPIRICAL Evidence::empirical
#define COGOV_EVIDENCE_CALIBRATED Evidence::calibrated
#define COGOV_EVIDENCE_ASSUMED Evidence::assumed
// A row's trailing (evidence, source), or (UNSTATED, "") when it has none.
#define COGOV_PROVENANCE_OF(evidence, source, ...) COGOV_EVIDENCE_##evidence, source
#define COGOV_PROVENANCE(...) COGOV_PROVENANCE_OF(__VA_ARGS__ __VA_OPT__(, ) UNSTATED, "")

std::vector<ParamSpec> build_table()
{
    return {
#define COGOV_PARAM(sec, name, type, def, lo, hi, unit, when, doc, ...)                       \
    ParamSpec{#sec "." #name, #sec, #name, COGOV_KIND_##type, static_cast<double>(def),       \
              static_cast<double>(lo), static_cast<double>(hi), unit, COGOV_WHEN_##when, doc, \
              COGOV_PROVENANCE(__VA_ARGS__), COGOV_FIELD_##type(sec##_##name)},
#include "cogov/sim/params.def"
#undef COGOV_PARAM
    };
}

}  // namespace

std::string_view evidence_name(Evidence e)
{
    switch (e) {
    case Evidence::unstated: break;
    case Evidence::empirical: return "empirical";
    case Evidence::calibrated: return "calibrated";
    case Evidence::assumed: return "assumed";
    }
    return "unstated";
}

bool Params::operator==(const Params& other) const
{
    for (const auto& spec : param_table())
        if (spec.get(*this) != spec.get(other)) return false;
    return true;
}

ParamValue ParamSpec::get(const Params& p) const
{
    switch (type) {
    case ParamType::real: return p.*real_field;
    case ParamType::integer: return p.*int_field;
    case ParamType::boolean: return p.*bool_field;
    }
    return {};
}

void ParamSpec::set(Params& p, const ParamValue& v) const
{
    switch (type) {
    case ParamType::real: p.*real_field = std::get<double>(v); break;
    case ParamType::integer: p.*int_field = std::get<std::int64_t>(v); break;
    case ParamType::boolean: p.*bool_field = std::get<bool>(v); break;
    }
}

std::optional<std::string> ParamSpec::check(const ParamValue& v) const
{
    const std::string expected = "expected " + type_name() + " in " + range_text();
    switch (type) {
    case ParamType::real: {
        const double x = std::get<double>(v);
        if (!std::isfinite(x) || x < min || x > max) return expected;
        return std::nullopt;
    }
    case ParamType::integer: {
        const auto x = static_cast<double>(std::get<std::int64_t>(v));
        if (x < min || x > max) return expected;
        return std::nullopt;
    }
    case ParamType::boolean: return std::nullopt;
    }
    return expected;
}

std::string ParamSpec::type_name() const
{
    switch (type) {
    case ParamType::real: return "a real number";
    case ParamType::integer: return "an integer";
    case ParamType::boolean: return "a boolean";
    }
    return "?";
}

std::string ParamSpec::range_text() const
{
    if (type == ParamType::boolean) return "{true, false}";
    if (type == ParamType::integer)
        return "[" + std::to_string(static_cast<long long>(min)) + ", " +
               std::to_string(static_cast<long long>(max)) + "]";
    std::ostringstream os;
    os << "[" << min << ", " << max << "]";
    return os.str();
}

const std::vector<ParamSpec>& param_table()
{
    static const std::vector<ParamSpec> table = build_table();
    return table;
}

const ParamSpec* find_param(std::string_view key)
{
    for (const auto& spec : param_table())
        if (spec.key == key) return &spec;
    return nullptr;
}

const std::vector<std::string_view>& param_sections()
{
    static const std::vector<std::string_view> sections = [] {
        std::vector<std::string_view> out;
        for (const auto& spec : param_table())
            if (out.empty() || out.back() != spec.section) out.push_back(spec.section);
        return out;
    }();
    return sections;
}

std::vector<std::string> closest_param_keys(std::string_view key, std::size_t n)
{
    std::vector<std::string> keys;
    for (const auto& spec : param_table()) keys.emplace_back(spec.key);
    return closest_matches(key, keys, n);
}

std::string format_value(const ParamValue& v)
{
    if (const auto* d = std::get_if<double>(&v)) return format_real(*d);
    if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
    return std::get<bool>(v) ? "true" : "false";
}

}  // namespace cogov
