#include "cogov/sim/params.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
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
#define COGOV_PARAM(sec, name, type, def, lo, hi, unit, when, doc, ...) \
    ParamSpec{#sec "." #name,                                           \
              #sec,                                                     \
              #name,                                                    \
              COGOV_KIND_##type,                                        \
              static_cast<double>(def),                                 \
              static_cast<double>(lo),                                  \
              static_cast<double>(hi),                                  \
              unit,                                                     \
              COGOV_WHEN_##when,                                        \
              doc,                                                      \
              COGOV_PROVENANCE(__VA_ARGS__),                            \
              COGOV_FIELD_##type(sec##_##name)},
#include "cogov/sim/params.def"
#undef COGOV_PARAM
    };
}

//! Text as the value it spells: true/false (and 1/0 for a boolean
//! parameter), a whole number, a real number; otherwise Form::other.
RawValue parse_text(const std::string& text, ParamType type)
{
    if (text == "true" || (type == ParamType::boolean && text == "1")) return RawValue::of(true);
    if (text == "false" || (type == ParamType::boolean && text == "0")) return RawValue::of(false);
    const RawValue refused = RawValue::other("'" + text + "'");
    if (text.empty() || text.find_first_of(" \t") != std::string::npos) return refused;
    char* end = nullptr;
    errno = 0;
    const long long i = std::strtoll(text.c_str(), &end, 10);
    if (*end == '\0' && errno == 0) return RawValue::of(static_cast<std::int64_t>(i));
    const double x = std::strtod(text.c_str(), &end);
    if (*end == '\0') return RawValue::of(x);
    return refused;
}

std::string described(const RawValue& r)
{
    switch (r.form) {
    case RawValue::Form::real: return "a real number";
    case RawValue::Form::integer: return "an integer";
    case RawValue::Form::boolean: return "a boolean";
    case RawValue::Form::text:
    case RawValue::Form::other: break;
    }
    return r.text;
}

//! The raw value as the spec's type, when it is one (range unchecked).
std::optional<ParamValue> typed(const ParamSpec& spec, const RawValue& r)
{
    using Form = RawValue::Form;
    switch (spec.type) {
    case ParamType::real:
        if (r.form == Form::real) return r.real;
        if (r.form == Form::integer) return static_cast<double>(r.integer);
        break;
    case ParamType::integer:
        if (r.form == Form::integer) return r.integer;
        if (r.form == Form::real && std::trunc(r.real) == r.real && std::abs(r.real) < 9e15)
            return static_cast<std::int64_t>(r.real);
        break;
    case ParamType::boolean:
        if (r.form == Form::boolean) return r.boolean;
        break;
    }
    return std::nullopt;
}

//! A hint for a plausible slip: a share or probability written as a percentage.
std::string plausibility_hint(const ParamSpec& spec, const ParamValue& v)
{
    const auto* x = std::get_if<double>(&v);
    const bool share = spec.unit == "share" || spec.unit == "probability";
    if (!x || !share || spec.min != 0 || spec.max != 1 || !(*x > 1 && *x <= 100)) return "";
    return "; a probability or share: did you mean " + format_value(*x / 100) + "?";
}

}  // namespace

RawValue RawValue::of(const ParamValue& v)
{
    return std::visit([](auto x) { return RawValue::of(x); }, v);
}

ParamRead ParamSpec::read(const RawValue& raw, const Origin& where) const
{
    const auto refuse = [&](std::string message) -> ParamRead {
        return Diagnostic{where, std::string(key), std::move(message)};
    };
    const RawValue r = raw.form == RawValue::Form::text ? parse_text(raw.text, type) : raw;
    const std::string expected = "expected " + type_name() + " in " + range_text();
    const auto v = typed(*this, r);
    if (!v)
        return refuse(expected + ", got " + (raw.form == RawValue::Form::text ? "'" + raw.text + "'" : described(r)));
    if (type == ParamType::real && !std::isfinite(std::get<double>(*v)))
        return refuse(expected + ", got a non-finite number");
    if (auto problem = check(*v))
        return refuse(format_value(*v) + " is out of range: " + *problem + " (" + std::string(unit) + ")" +
                      plausibility_hint(*this, *v));
    return *v;
}

Diagnostic unknown_key(const Origin& where, const std::string& key, const std::vector<std::string>& candidates,
                       std::string_view what)
{
    std::string message = "unknown " + std::string(what);
    const auto near = closest_matches(key, candidates, 1);
    if (!near.empty()) message += "; did you mean '" + near.front() + "'?";
    return Diagnostic{where, key, message};
}

Diagnostic unknown_param(const Origin& where, const std::string& key, std::string_view what,
                         const std::vector<std::string>& extra)
{
    std::vector<std::string> candidates = extra;
    for (const auto& spec : param_table()) candidates.emplace_back(spec.key);
    Diagnostic d = unknown_key(where, key, candidates, what);
    // A bare name belongs in its section.
    for (const auto& spec : param_table())
        if (spec.name == key)
            d.message = "unknown " + std::string(what) + "; did you mean '" + std::string(spec.key) + "'?";
    return d;
}

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
        return "[" + std::to_string(static_cast<long long>(min)) + ", " + std::to_string(static_cast<long long>(max)) +
               "]";
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
