// Experiment designs (XLRM): sampled futures crossed with lever combinations.
#include "cogov/batch/sobol.h"
#include "cogov/batch/sweep_design.h"

namespace cogov {

Design sobol_points_design(const std::vector<SweepParameter>& params, std::size_t n)
{
    const std::size_t k = params.size();
    const SobolSequence sequence(k);
    Design d;
    d.type = DesignType::sobol;
    d.k = k;
    d.n = n;
    for (std::size_t i = 0; i < n; ++i) {
        const std::vector<double> u = sequence.point(i + 1);
        for (std::size_t j = 0; j < k; ++j) d.unit.push_back(u[j]), d.values.push_back(unit_to_value(params[j], u[j]));
        d.group.push_back(static_cast<std::int64_t>(i));
        d.role.push_back(0);
        d.changed.push_back(-1);
    }
    return d;
}

Design experiment_design(const Design& futures, const Design& levers)
{
    const std::size_t F = futures.points(), L = levers.points(), ku = futures.k, kl = levers.k;
    Design d;
    d.type = DesignType::experiment;
    d.k = ku + kl;
    d.n = F;
    for (std::size_t f = 0; f < F; ++f)
        for (std::size_t l = 0; l < L; ++l) {
            for (std::size_t j = 0; j < ku; ++j)
                d.values.push_back(futures.values[f * ku + j]), d.unit.push_back(futures.unit[f * ku + j]);
            for (std::size_t j = 0; j < kl; ++j)
                d.values.push_back(levers.values[l * kl + j]), d.unit.push_back(levers.unit[l * kl + j]);
            d.group.push_back(static_cast<std::int64_t>(f));
            d.role.push_back(static_cast<std::int64_t>(l));
            d.changed.push_back(-1);
        }
    return d;
}

}  // namespace cogov
