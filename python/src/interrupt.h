// Long engine calls without the GIL, stoppable with Ctrl-C (bindings.h).
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>

namespace cogov::python {

template <class Work>
auto without_gil_interruptibly(Work&& work) -> decltype(work(static_cast<const std::atomic<bool>*>(nullptr)))
{
    using Result = decltype(work(static_cast<const std::atomic<bool>*>(nullptr)));
    std::atomic<bool> stop{false};
    bool done = false;  // guarded by `mutex`
    std::mutex mutex;
    std::condition_variable finished;
    bool signalled = false;
    std::exception_ptr error;
    std::optional<std::conditional_t<std::is_void_v<Result>, bool, Result>> result;
    {
        py::gil_scoped_release release;
        std::thread worker([&] {
            try {
                if constexpr (std::is_void_v<Result>) {
                    work(&stop);
                    result = true;
                } else {
                    result.emplace(work(&stop));
                }
            } catch (...) {
                error = std::current_exception();
            }
            std::lock_guard<std::mutex> lock(mutex);
            done = true;
            finished.notify_one();
        });
        for (;;) {
            {
                std::unique_lock<std::mutex> lock(mutex);
                if (finished.wait_for(lock, std::chrono::milliseconds(20), [&] { return done; })) break;
            }
            py::gil_scoped_acquire gil;
            // Runs the Python signal handlers (main thread only); a
            // KeyboardInterrupt stays pending in this thread until raised below.
            if (!signalled && PyErr_CheckSignals() != 0) {
                signalled = true;
                stop = true;
            }
        }
        worker.join();
    }
    if (signalled) throw py::error_already_set();
    if (error) std::rethrow_exception(error);
    if constexpr (!std::is_void_v<Result>) return std::move(*result);
}

}  // namespace cogov::python
