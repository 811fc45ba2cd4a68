// Runs on a pool of threads: each worker takes the next run in order.
#include <exception>
#include <mutex>
#include <thread>

#include "cogov/sim/run.h"
#include "cogov/batch/sweep_run.h"

namespace cogov {

Executor thread_pool(int threads)
{
    return [threads](const Sweep& sweep, const std::vector<std::size_t>& todo, const RecordSink& sink,
                     const std::atomic<bool>* stop) {
        std::atomic<std::size_t> next{0};
        std::atomic<bool> failed{false};
        std::mutex mutex;
        std::exception_ptr error;
        auto worker = [&] {
            try {
                for (std::size_t k; !failed && !(stop && stop->load()) && (k = next++) < todo.size();) {
                    const RunRecord record = execute_run(sweep, todo[k], stop);
                    const std::lock_guard lock(mutex);
                    sink(record);
                }
            } catch (const Interrupted&) {  // stop was set: leave the run unrecorded
            } catch (...) {
                const std::lock_guard lock(mutex);
                if (!error) error = std::current_exception();
                failed = true;
            }
        };
        std::vector<std::thread> pool;
        for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
        worker();
        for (auto& t : pool) t.join();
        if (error) std::rethrow_exception(error);
    };
}

}  // namespace cogov
