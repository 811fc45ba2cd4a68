#include "cogov/sim/metrics.h"

#include <algorithm>

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
#include "cogov/sim/metrics.def"
#undef COGOV_COUNTER
#undef COGOV_METRIC
    };
    return table;
}

const std::vector<std::string>& series_names()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& m : metric_table()) out.emplace_back(m.name);
        for (int a = 0; a < ACTORS; ++a)
            for (int b = 0; b < ACTORS; ++b)
                out.push_back(std::string("trust.") + ACTOR_NAMES[a] + "." + ACTOR_NAMES[b]);
        return out;
    }();
    return names;
}

std::size_t series_index(std::string_view name)
{
    const auto& names = series_names();
    return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

double series_value(const Counters& c, std::size_t index)
{
    const std::size_t metrics = metric_table().size();
    if (index < metrics) return metric_table()[index].value(c);
    const std::size_t cell = index - metrics;
    return c.trust(static_cast<int>(cell / ACTORS), static_cast<int>(cell % ACTORS));
}

std::string series_unit(std::size_t index)
{
    return index < metric_table().size() ? std::string(metric_table()[index].unit) : "trust";
}

std::string series_meaning(std::size_t index)
{
    const std::size_t metrics = metric_table().size();
    if (index < metrics) return std::string(metric_table()[index].meaning);
    const std::size_t cell = index - metrics;
    return std::string("Mean trust of ") + ACTOR_NAMES[cell / ACTORS] + " toward " + ACTOR_NAMES[cell % ACTORS];
}

}  // namespace cogov
