// Running a plain simulator function on candidates, and weighted summaries.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <mutex>
#include <numeric>
#include <thread>

#include "cogov/batch/calibrate.h"

namespace cogov {

BatchRunner simulator_runner(Simulator simulate, int threads)
{
    return [simulate = std::move(simulate), threads](std::int64_t, std::int64_t, const std::vector<Candidate>& cands) {
        std::vector<Stats> out(cands.size());
        std::atomic<std::size_t> next{0};
        std::mutex mutex;
        std::exception_ptr error;
        auto worker = [&] {
            try {
                for (std::size_t i; (i = next++) < cands.size();) out[i] = simulate(cands[i].theta, cands[i].seed);
            } catch (...) {
                const std::lock_guard lock(mutex);
                if (!error) error = std::current_exception();
            }
        };
        std::vector<std::thread> pool;
        for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
        worker();
        for (auto& t : pool) t.join();
        if (error) std::rethrow_exception(error);
        return out;
    };
}

double weighted_quantile(std::vector<double> values, std::vector<double> weights, double q)
{
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
    double c = 0;
    for (std::size_t i : order) {
        c += weights[i] / total;
        if (c >= q) return values[i];
    }
    return order.empty() ? std::nan("") : values[order.back()];
}

WeightedSummary summarise(const std::vector<double>& values, const std::vector<double>& weights)
{
    WeightedSummary s;
    double total = 0;
    for (std::size_t i = 0; i < values.size(); ++i) total += weights[i], s.mean += weights[i] * values[i];
    s.mean /= total;
    for (std::size_t i = 0; i < values.size(); ++i) s.sd += weights[i] * (values[i] - s.mean) * (values[i] - s.mean);
    s.sd = std::sqrt(s.sd / total);
    s.q05 = weighted_quantile(values, weights, 0.05);
    s.q50 = weighted_quantile(values, weights, 0.5);
    s.q95 = weighted_quantile(values, weights, 0.95);
    return s;
}

}  // namespace cogov
