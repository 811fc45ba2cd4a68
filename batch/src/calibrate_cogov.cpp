// A batch of calibration candidates as a sweep, and their statistics.
#include <cmath>

#include "cogov/batch/calibrate_run.h"
#include "cogov/batch/sweep_record.h"

namespace cogov {

Sweep batch_sweep(const Calibration& calib, std::int64_t generation, std::int64_t batch,
                  const std::vector<Candidate>& candidates)
{
    Sweep s;
    s.source = calib.source;
    s.text = calib.text;
    s.name = calib.name + " generation " + std::to_string(generation) + " batch " + std::to_string(batch);
    s.base = calib.scenario;
    s.base_toml = calib.scenario_toml;
    for (const auto& p : calib.parameters)
        s.parameters.push_back(SweepParameter{p.spec, {}, p.prior.lo, p.prior.hi, p.origin});
    Design& d = s.design;
    d.type = DesignType::csv;
    d.k = calib.parameters.size();
    d.n = candidates.size();
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        for (const auto& [spec, value] : calib.values(candidates[i].theta))
            d.values.push_back(std::visit([](auto x) { return static_cast<double>(x); }, value));
        d.group.push_back(static_cast<std::int64_t>(i));
        d.role.push_back(0);
        d.changed.push_back(-1);
    }
    d.unit.assign(d.values.size(), std::nan(""));
    s.replicates = calib.replicates;
    s.seed = batch_seed(calib.abc.seed, generation, batch);
    s.record.series = calib.recorded();
    s.record.final = {s.record.series.front()};
    s.max_steps = calib.scenario.params.time_steps;
    s.id = sweep_fingerprint(s);
    return s;
}

std::vector<Stats> batch_statistics(const Calibration& calib, const Sweep& sweep,
                                    const std::function<RunRecord(std::size_t run)>& record)
{
    const std::vector<std::string> names = calib.recorded();
    const auto steps = static_cast<std::size_t>(sweep.max_steps);
    std::vector<Stats> out(sweep.points());
    for (std::size_t c = 0; c < sweep.points(); ++c) {
        Stats stats(calib.targets.size(), 0.0);
        for (std::int64_t r = 0; r < sweep.replicates && !stats.empty(); ++r) {
            const RunRecord rec = record(c * static_cast<std::size_t>(sweep.replicates) + static_cast<std::size_t>(r));
            if (rec.status != RunStatus::ok) {
                stats.clear();
                break;
            }
            for (std::size_t t = 0; t < calib.targets.size(); ++t) {
                std::vector<const double*> series;
                for (const auto& n : calib.targets[t].needed())
                    series.push_back(
                        rec.values.data() +
                        steps * static_cast<std::size_t>(std::find(names.begin(), names.end(), n) - names.begin()));
                stats[t] += target_statistic(calib.targets[t], series) / static_cast<double>(sweep.replicates);
            }
        }
        out[c] = std::move(stats);
    }
    return out;
}

}  // namespace cogov
