// Sweeps over MPI ranks. Rank 0's main thread coordinates (the only thread
// that calls MPI); its worker threads and the other ranks run.
#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "cogov/run.h"
#include "cogov/sweep_mpi.h"

namespace cogov {
namespace {

constexpr int TAG_READY = 1;   // worker -> 0: empty, or a finished run's record
constexpr int TAG_ASSIGN = 2;  // 0 -> worker: a run id, or -1 to stop
constexpr std::int64_t STOP = -1;

//! MPI_Init_thread / MPI_Finalize.
class MpiSession {
public:
    MpiSession()
    {
        int provided = 0;
        MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
        MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
        MPI_Comm_size(MPI_COMM_WORLD, &size_);
    }
    ~MpiSession() { MPI_Finalize(); }
    MpiSession(const MpiSession&) = delete;
    MpiSession& operator=(const MpiSession&) = delete;
    int rank() const { return rank_; }
    int size() const { return size_; }

private:
    int rank_ = 0, size_ = 1;
};

//! A worker rank: ask for runs, run them, send their records, until told to stop.
void serve_runs(const Sweep& sweep, const std::atomic<bool>* stop)
{
    std::string reply;  // the previous run's record; empty at first or after an interruption
    for (;;) {
        MPI_Send(reply.data(), static_cast<int>(reply.size()), MPI_BYTE, 0, TAG_READY, MPI_COMM_WORLD);
        std::int64_t run = STOP;
        MPI_Recv(&run, 1, MPI_INT64_T, 0, TAG_ASSIGN, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (run == STOP) return;
        try {
            reply = encode(execute_run(sweep, static_cast<std::size_t>(run), stop));
        } catch (const Interrupted&) {
            reply.clear();
        }
    }
}

//! Rank 0's side: hands out runs as ranks ask and passes their records on.
class Coordinator {
public:
    explicit Coordinator(int ranks) : released_(static_cast<std::size_t>(ranks), false) { released_[0] = true; }

    //! Serve until every worker rank has been released.
    void serve(const std::vector<std::size_t>& todo, std::atomic<std::size_t>& next, const RecordSink& sink,
               const std::atomic<bool>* stop)
    {
        while (pending() > 0) {
            int flag = 0;
            MPI_Status status;
            MPI_Iprobe(MPI_ANY_SOURCE, TAG_READY, MPI_COMM_WORLD, &flag, &status);
            if (!flag) {
                std::this_thread::sleep_for(std::chrono::microseconds(500));
                continue;
            }
            const std::string bytes = receive(status);
            if (!bytes.empty()) sink(decode(bytes));
            std::size_t k = todo.size();
            if (!(stop && stop->load())) k = next++;
            assign(status.MPI_SOURCE, k < todo.size() ? static_cast<std::int64_t>(todo[k]) : STOP);
        }
    }

    //! Release every worker still waiting (after an error, or with nothing to do).
    void release_all()
    {
        while (pending() > 0) {
            MPI_Status status;
            MPI_Probe(MPI_ANY_SOURCE, TAG_READY, MPI_COMM_WORLD, &status);
            receive(status);
            assign(status.MPI_SOURCE, STOP);
        }
    }

private:
    std::size_t pending() const { return static_cast<std::size_t>(std::count(released_.begin(), released_.end(), false)); }

    std::string receive(const MPI_Status& status)
    {
        int count = 0;
        MPI_Get_count(&status, MPI_BYTE, &count);
        std::string bytes(static_cast<std::size_t>(count), '\0');
        MPI_Recv(bytes.data(), count, MPI_BYTE, status.MPI_SOURCE, TAG_READY, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        return bytes;
    }

    void assign(int rank, std::int64_t run)
    {
        MPI_Send(&run, 1, MPI_INT64_T, rank, TAG_ASSIGN, MPI_COMM_WORLD);
        if (run == STOP) released_[static_cast<std::size_t>(rank)] = true;
    }

    std::vector<bool> released_;
};

//! The executor of rank 0: its own worker threads plus the other ranks.
Executor mpi_executor(Coordinator& coordinator, int threads)
{
    return [&coordinator, threads](const Sweep& sweep, const std::vector<std::size_t>& todo, const RecordSink& sink,
                                   const std::atomic<bool>* stop) {
        std::atomic<std::size_t> next{0};
        std::mutex mutex;
        const RecordSink locked = [&](const RunRecord& r) {
            const std::lock_guard lock(mutex);
            sink(r);
        };
        // Local workers draw from the same counter as the remote ranks.
        std::vector<std::thread> local;
        std::exception_ptr error;
        for (int t = 0; t < threads; ++t)
            local.emplace_back([&] {
                try {
                    for (std::size_t k; (k = next++) < todo.size() && !(stop && stop->load());)
                        locked(execute_run(sweep, todo[k], stop));
                } catch (const Interrupted&) {
                } catch (...) {
                    const std::lock_guard lock(mutex);
                    error = std::current_exception();
                }
            });
        std::exception_ptr serve_error;
        try {
            coordinator.serve(todo, next, locked, stop);
        } catch (...) {
            serve_error = std::current_exception();
            next = todo.size();  // the local workers stop after their current run
        }
        for (auto& t : local) t.join();
        if (serve_error) std::rethrow_exception(serve_error);
        if (error) std::rethrow_exception(error);
    };
}

}  // namespace

bool mpi_supported() { return true; }

MpiSweepResult run_sweep_mpi(const Sweep& sweep, const SweepConfig& config)
{
    MpiSession session;
    MpiSweepResult result{session.rank(), session.size(), {}};
    // Every rank must have read the same sweep.
    std::uint64_t id = sweep.id;
    MPI_Bcast(&id, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
    if (id != sweep.id) {
        std::fprintf(stderr, "cogov sweep: rank %d read a different sweep than rank 0\n", session.rank());
        MPI_Abort(MPI_COMM_WORLD, 2);
    }
    if (session.rank() != 0) {
        serve_runs(sweep, config.stop);
        return result;
    }
    Coordinator coordinator(session.size());
    try {
        result.summary = run_sweep(sweep, config, mpi_executor(coordinator, config.threads));
    } catch (...) {
        coordinator.release_all();
        throw;
    }
    coordinator.release_all();
    return result;
}

}  // namespace cogov
