// Sweeps over MPI ranks. Rank 0's main thread coordinates (the only thread
// that calls MPI); its worker threads and the other ranks run.
#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "cogov/sim/run.h"
#include "cogov/batch/sweep_mpi.h"

namespace cogov {
namespace {

// Each worker rank holds one run ahead, so it never waits for rank 0
// between runs: rank 0 answers its first message with two assignments and
// each record with one more.
constexpr int TAG_READY = 1;   // worker -> 0: first contact, empty
constexpr int TAG_RECORD = 2;  // worker -> 0: a run's record (empty: interrupted)
constexpr int TAG_ASSIGN = 3;  // 0 -> worker: a run id, or STOP (then nothing more)
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

//! A worker rank: run what rank 0 assigns, with the next assignment
//! already on its way, until told to stop.
void serve_runs(const Sweep& sweep, const std::atomic<bool>* stop)
{
    MPI_Send(nullptr, 0, MPI_BYTE, 0, TAG_READY, MPI_COMM_WORLD);
    std::int64_t run = STOP, next = STOP;
    MPI_Recv(&run, 1, MPI_INT64_T, 0, TAG_ASSIGN, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    while (run != STOP) {
        MPI_Request ahead;
        MPI_Irecv(&next, 1, MPI_INT64_T, 0, TAG_ASSIGN, MPI_COMM_WORLD, &ahead);
        std::string record;  // stays empty when the run is interrupted
        try {
            record = encode(execute_run(sweep, static_cast<std::size_t>(run), stop));
        } catch (const Interrupted&) {
        }
        MPI_Send(record.data(), static_cast<int>(record.size()), MPI_BYTE, 0, TAG_RECORD, MPI_COMM_WORLD);
        MPI_Wait(&ahead, MPI_STATUS_IGNORE);
        run = next;
    }
}

//! Rank 0's side: hands out runs as ranks report and passes their records on.
class Coordinator {
public:
    explicit Coordinator(int ranks) : workers_(static_cast<std::size_t>(ranks)) { workers_[0].stopped = true; }

    //! Serve until every worker rank has been told to stop and has reported
    //! every run it was given. `next` is shared with rank 0's own threads.
    void serve(const std::vector<std::size_t>& todo, std::atomic<std::size_t>& next, const RecordSink& sink,
               const std::atomic<bool>* stop)
    {
        auto take = [&]() -> std::int64_t {
            if (stop && stop->load()) return STOP;
            const std::size_t k = next++;
            return k < todo.size() ? static_cast<std::int64_t>(todo[k]) : STOP;
        };
        while (busy()) {
            int flag = 0;
            MPI_Status status;
            MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
            if (!flag) {
                std::this_thread::sleep_for(std::chrono::microseconds(500));
                continue;
            }
            Worker& w = workers_[static_cast<std::size_t>(status.MPI_SOURCE)];
            const std::string bytes = receive(status);
            if (status.MPI_TAG == TAG_RECORD) --w.outstanding;
            if (!bytes.empty()) sink(decode(bytes));
            assign(status.MPI_SOURCE, take);
            if (status.MPI_TAG == TAG_READY) assign(status.MPI_SOURCE, take);  // the run held ahead
        }
    }

    //! Stop every worker and collect what they still report (after an
    //! error, or when rank 0 had nothing to run).
    void release_all()
    {
        std::atomic<std::size_t> none{0};
        serve(
            {}, none, [](const RunRecord&) {}, nullptr);
    }

private:
    struct Worker {
        bool stopped = false;         //!< STOP was sent: nothing more will be
        std::size_t outstanding = 0;  //!< runs assigned and not yet reported
    };

    bool busy() const
    {
        return std::any_of(workers_.begin(), workers_.end(),
                           [](const Worker& w) { return !w.stopped || w.outstanding; });
    }

    static std::string receive(const MPI_Status& status)
    {
        int count = 0;
        MPI_Get_count(&status, MPI_BYTE, &count);
        std::string bytes(static_cast<std::size_t>(count), '\0');
        MPI_Recv(bytes.data(), count, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        return bytes;
    }

    //! Send a worker its next run (from `take`), unless it was stopped.
    template <class Take>
    void assign(int rank, Take& take)
    {
        Worker& w = workers_[static_cast<std::size_t>(rank)];
        if (w.stopped) return;
        const std::int64_t run = take();
        MPI_Send(&run, 1, MPI_INT64_T, rank, TAG_ASSIGN, MPI_COMM_WORLD);
        if (run == STOP) w.stopped = true;
        else ++w.outstanding;
    }

    std::vector<Worker> workers_;
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

bool mpi_supported()
{
    return true;
}

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

MpiSweeps::MpiSweeps()
{
    int provided = 0;
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &ranks_);
}

MpiSweeps::~MpiSweeps()
{
    MPI_Finalize();
}

SweepSummary MpiSweeps::run(const Sweep& sweep, const SweepConfig& config)
{
    if (rank_ != 0) {
        serve_runs(sweep, config.stop);
        return {};
    }
    Coordinator coordinator(ranks_);
    SweepSummary summary;
    try {
        summary = run_sweep(sweep, config, mpi_executor(coordinator, config.threads));
    } catch (...) {
        coordinator.release_all();
        throw;
    }
    coordinator.release_all();  // also stops workers a finished sweep never needed
    return summary;
}

void MpiSweeps::broadcast(std::string& bytes)
{
    std::int64_t n = static_cast<std::int64_t>(bytes.size());
    MPI_Bcast(&n, 1, MPI_INT64_T, 0, MPI_COMM_WORLD);
    bytes.resize(static_cast<std::size_t>(n));
    MPI_Bcast(bytes.data(), static_cast<int>(n), MPI_BYTE, 0, MPI_COMM_WORLD);
}

}  // namespace cogov
