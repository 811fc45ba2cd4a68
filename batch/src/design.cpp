// Full factorial and Latin hypercube designs, and the unit-to-value map
// the samplers share.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "cogov/sim/rng.h"
#include "cogov/batch/sweep_design.h"

namespace cogov {
namespace {

double as_double(const ParamValue& v)
{
    if (const auto* d = std::get_if<double>(&v)) return *d;
    if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    return std::get<bool>(v) ? 1.0 : 0.0;
}

//! A design with `points` rows of `k` columns, structure = one group per point.
Design empty_design(DesignType type, std::size_t k, std::size_t points)
{
    Design d;
    d.type = type;
    d.k = k;
    d.unit.assign(points * k, 0.0);
    d.values.assign(points * k, 0.0);
    d.group.resize(points);
    std::iota(d.group.begin(), d.group.end(), 0);
    d.role.assign(points, 0);
    d.changed.assign(points, -1);
    return d;
}

}  // namespace

double unit_to_value(const SweepParameter& param, double u)
{
    switch (param.spec->type) {
    case ParamType::boolean: return u >= 0.5 ? 1.0 : 0.0;
    case ParamType::integer: {
        const double bins = param.max - param.min + 1;
        return std::min(param.max, param.min + std::floor(u * bins));
    }
    default: return param.min + u * (param.max - param.min);
    }
}

Design factorial_design(const std::vector<SweepParameter>& params)
{
    std::size_t points = 1;
    for (const auto& p : params) points *= p.levels.size();
    Design d = empty_design(DesignType::factorial, params.size(), points);
    d.n = points;
    for (std::size_t point = 0; point < points; ++point) {
        std::size_t rest = point;
        for (std::size_t j = params.size(); j-- > 0;) {
            const std::size_t count = params[j].levels.size(), level = rest % count;
            rest /= count;
            d.values[point * d.k + j] = as_double(params[j].levels[level]);
            d.unit[point * d.k + j] = count > 1 ? static_cast<double>(level) / static_cast<double>(count - 1) : 0.0;
        }
    }
    return d;
}

Design latin_hypercube_design(const std::vector<SweepParameter>& params, std::size_t n, std::uint64_t seed)
{
    Design d = empty_design(DesignType::latin_hypercube, params.size(), n);
    d.n = n;
    Rng rng(seed, Purpose::sweep_design, static_cast<std::uint64_t>(DesignType::latin_hypercube), 0);
    std::vector<std::size_t> strata(n);
    for (std::size_t j = 0; j < d.k; ++j) {
        std::iota(strata.begin(), strata.end(), 0);
        for (std::size_t i = n; i > 1; --i) std::swap(strata[i - 1], strata[rng.below(static_cast<std::uint32_t>(i))]);
        for (std::size_t i = 0; i < n; ++i) {
            const double u = (static_cast<double>(strata[i]) + rng.uniform_double()) / static_cast<double>(n);
            d.unit[i * d.k + j] = u;
            d.values[i * d.k + j] = unit_to_value(params[j], u);
        }
    }
    return d;
}

}  // namespace cogov
