#include "calibrate_fixtures.h"

#include <algorithm>
#include <sstream>

#include "cogov/sim/compare.h"
#include "cogov/sim/metrics.h"

namespace cogov::test {

std::string target_text(const Target& t)
{
    std::ostringstream os;
    os.precision(17);
    os << "id = \"" << t.id << "\"\ntitle = \"test target\"\nobserved = \"made by a test\"\nkind = \"assumed\"\n\n"
       << "[model]\nscenario = \"" << t.scenario << "\"\nseries = \"" << t.series << "\"\n";
    if (!t.denominator.empty()) {
        os << "denominator = [";
        for (std::size_t i = 0; i < t.denominator.size(); ++i) os << (i ? ", " : "") << '"' << t.denominator[i] << '"';
        os << "]\n";
    }
    os << "statistic = \"" << (t.statistic == TargetStatistic::mean ? "mean" : "slope_per_year") << "\"\nwindow = ["
       << t.first << ", " << t.last << "]\n\n[value]\nestimate = " << t.estimate << "\ninterval = [" << t.lo << ", "
       << t.hi << "]\n\n[source]\ncitation = \"none\"\nurl = \"\"\nmapping = \"none\"\n";
    return os.str();
}

std::vector<double> statistics_at(const Scenario& scenario, const std::vector<Target>& targets, int seeds)
{
    std::vector<double> out(targets.size(), 0.0);
    for (int s = 0; s < seeds; ++s) {
        const auto rows = run_series(scenario, 1000 + static_cast<std::uint64_t>(s));
        for (std::size_t t = 0; t < targets.size(); ++t) {
            std::vector<std::vector<double>> columns;
            for (const auto& name : targets[t].needed()) {
                const std::size_t c = series_index(name);
                std::vector<double> col;
                for (const auto& row : rows) col.push_back(row[c]);
                columns.push_back(std::move(col));
            }
            std::vector<const double*> ptrs;
            for (const auto& c : columns) ptrs.push_back(c.data());
            out[t] += target_statistic(targets[t], ptrs) / seeds;
        }
    }
    return out;
}

}  // namespace cogov::test
