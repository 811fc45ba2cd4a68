// Designs for global sensitivity analysis: Saltelli (Sobol' indices) and
// Morris (elementary effects).
#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "cogov/sim/rng.h"
#include "cogov/batch/sobol.h"
#include "cogov/batch/sweep_design.h"

namespace cogov {
namespace {

void set_point(Design& d, const std::vector<SweepParameter>& params, std::size_t point, const std::vector<double>& unit)
{
    for (std::size_t j = 0; j < d.k; ++j) {
        d.unit[point * d.k + j] = unit[j];
        d.values[point * d.k + j] = unit_to_value(params[j], unit[j]);
    }
}

Design sized(DesignType type, std::size_t k, std::size_t points)
{
    Design d;
    d.type = type;
    d.k = k;
    d.unit.resize(points * k);
    d.values.resize(points * k);
    d.group.resize(points);
    d.role.resize(points);
    d.changed.assign(points, -1);
    return d;
}

}  // namespace

Design saltelli_design(const std::vector<SweepParameter>& params, std::size_t n)
{
    const std::size_t k = params.size();
    const SobolSequence sobol(2 * k);
    Design d = sized(DesignType::sobol, k, n * (k + 2));
    d.n = n;
    // Skip the sequence's start, as SALib does: its first point after the
    // origin is 0.5 in every coordinate, so A would equal B there.
    std::size_t skip = 1;
    while (skip < n) skip *= 2;
    for (std::size_t j = 0; j < n; ++j) {
        const std::vector<double> x = sobol.point(skip + j);
        const std::vector<double> a(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(k));
        const std::vector<double> b(x.begin() + static_cast<std::ptrdiff_t>(k), x.end());
        const std::size_t first = j * (k + 2);
        for (std::size_t r = 0; r < k + 2; ++r) {
            std::vector<double> u = r == k + 1 ? b : a;
            if (r >= 1 && r <= k) u[r - 1] = b[r - 1];
            set_point(d, params, first + r, u);
            d.group[first + r] = static_cast<std::int64_t>(j);
            d.role[first + r] = static_cast<std::int64_t>(r);
        }
    }
    return d;
}

Design morris_design(const std::vector<SweepParameter>& params, std::size_t r, std::int64_t levels, std::uint64_t seed)
{
    const std::size_t k = params.size();
    Design d = sized(DesignType::morris, k, r * (k + 1));
    d.n = r;
    d.levels = levels;
    const double step = 1.0 / static_cast<double>(levels - 1);
    d.delta = static_cast<double>(levels) / (2.0 * static_cast<double>(levels - 1));
    const std::int64_t jump = levels / 2;  // delta in grid steps
    Rng rng(seed, Purpose::sweep_design, static_cast<std::uint64_t>(DesignType::morris), 0);
    std::vector<std::size_t> order(k);
    std::vector<std::int64_t> grid(k), direction(k);
    std::vector<double> x(k);
    for (std::size_t t = 0; t < r; ++t) {
        for (std::size_t j = 0; j < k; ++j) {
            direction[j] = rng.bernoulli(0.5) ? 1 : -1;
            grid[j] = rng.below(static_cast<std::uint32_t>(jump)) + (direction[j] < 0 ? jump : 0);
        }
        std::iota(order.begin(), order.end(), 0);
        for (std::size_t i = k; i > 1; --i) std::swap(order[i - 1], order[rng.below(static_cast<std::uint32_t>(i))]);
        const std::size_t first = t * (k + 1);
        for (std::size_t s = 0; s <= k; ++s) {
            if (s > 0) {
                const std::size_t j = order[s - 1];
                grid[j] += direction[j] * jump;
                d.changed[first + s] = static_cast<std::int64_t>(j);
            }
            for (std::size_t j = 0; j < k; ++j) x[j] = static_cast<double>(grid[j]) * step;
            set_point(d, params, first + s, x);
            d.group[first + s] = static_cast<std::int64_t>(t);
            d.role[first + s] = static_cast<std::int64_t>(s);
        }
    }
    return d;
}

}  // namespace cogov
