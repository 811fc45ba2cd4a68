#include "cogov/metrics.h"

namespace cogov {

Counters& Counters::operator+=(const Counters& other)
{
    for (std::size_t i = 0; i < COUNTER_COUNT; ++i) value[i] += other.value[i];
    trusters += other.trusters;
    trust_sum += other.trust_sum;
    return *this;
}

double MetricSpec::value(const Counters& c) const
{
    if (denominator == C_one) return c[numerator];
    const double den = c[denominator];
    return den > 0 ? c[numerator] / den : 0.0;
}

const std::vector<MetricSpec>& metric_table()
{
    static const std::vector<MetricSpec> table = {
#define COGOV_COUNTER(name)
#define COGOV_METRIC(name, num, den, unit, doc) {#name, C_##num, C_##den, unit, doc},
#include "cogov/metrics.def"
#undef COGOV_COUNTER
#undef COGOV_METRIC
    };
    return table;
}

}  // namespace cogov
