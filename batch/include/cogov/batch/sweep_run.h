// Running a sweep: resume, shards, a thread pool or another executor,
// records journaled as runs finish, the sweep file written at the end.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "cogov/batch/sweep.h"
#include "cogov/batch/sweep_record.h"

namespace cogov {

//! Progress after each finished run.
struct SweepProgress {
    std::size_t scope = 0;   //!< runs of this shard
    std::size_t done = 0;    //!< of them finished, including earlier sessions
    std::size_t failed = 0;  //!< failed runs among those finished now
    const RunRecord* last = nullptr;
};

struct SweepConfig {
    std::string output;                       //!< the sweep file to write
    int threads = 1;                          //!< runs at once; changes speed, never results
    bool resume = false;                      //!< continue from the journal of an interrupted sweep
    bool force = false;                       //!< replace an existing output and start over
    Shard shard;                              //!< the slice of runs to do
    const std::atomic<bool>* stop = nullptr;  //!< set to stop after the runs in hand
    std::function<void(const SweepProgress&)> on_progress;
};

struct SweepSummary {
    std::size_t scope = 0, done_before = 0, ran = 0, failed = 0;
    bool interrupted = false;               //!< stopped: the journal keeps what finished
    bool already_complete = false;          //!< --resume found the output finished
    std::size_t journal_dropped_bytes = 0;  //!< damaged journal tail cut off (its runs are run again)
    double wall_seconds = 0;
    std::string journal;
};

//! Receives each finished run's record (called from one thread at a time).
using RecordSink = std::function<void(const RunRecord&)>;
//! Runs `todo` (run ids, in order) and hands every record to the sink.
//! Returns when all are done or `stop` was set.
using Executor = std::function<void(const Sweep& sweep, const std::vector<std::size_t>& todo, const RecordSink& sink,
                                    const std::atomic<bool>* stop)>;

//! `threads` workers, each taking the next run of `todo` in turn.
Executor thread_pool(int threads);

//! Run a sweep (its shard) with `executor` (default: thread_pool(threads)).
//! Throws RequestError for an existing output or journal that the options do
//! not allow to continue or replace.
SweepSummary run_sweep(const Sweep& sweep, const SweepConfig& config, const Executor& executor = {});

}  // namespace cogov
