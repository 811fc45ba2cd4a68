// Running a sweep: output and journal checks, the executor, the final file.
#include "cogov/batch/sweep_run.h"

#include <chrono>
#include <filesystem>

#include "cogov/sim/h5.h"
#include "cogov/sim/run.h"
#include "cogov/batch/sweep_file.h"
#include "cogov/batch/sweep_journal.h"

namespace cogov {
namespace {

namespace fs = std::filesystem;

//! Is `path` already the finished file of this sweep and shard?
bool finished_output(const std::string& path, const Sweep& sweep, const Shard& shard)
{
    try {
        SweepReader reader(path);
        return reader.sweep().id == sweep.id && reader.shard() == shard.text();
    } catch (const std::exception&) {
        return false;
    }
}

//! Refuse what the config does not allow; remove what `force` replaces.
void prepare(const Sweep& sweep, const SweepConfig& config, const std::string& journal, SweepSummary& summary)
{
    std::error_code ec;
    const bool output_exists = fs::exists(config.output, ec), journal_exists = fs::exists(journal, ec);
    if (config.force) return check_output_path(config.output, true);  // the journal is emptied once locked
    if (config.resume && output_exists) {
        if (!finished_output(config.output, sweep, config.shard))
            throw RequestError(config.output + ": exists and is not the finished file of this sweep and shard",
                               Remedy::replace);
        summary.already_complete = true;
        fs::remove(journal, ec);
        return;
    }
    check_output_path(config.output, false);
    if (journal_exists && !config.resume)
        throw RequestError(config.output + ": an interrupted sweep left " + journal, Remedy::resume_or_replace);
}

}  // namespace

SweepSummary run_sweep(const Sweep& sweep, const SweepConfig& config, const Executor& executor)
{
    const auto start = std::chrono::steady_clock::now();
    SweepSummary summary;
    summary.journal = Journal::path_for(config.output);
    prepare(sweep, config, summary.journal, summary);
    if (summary.already_complete) return summary;

    Journal journal(summary.journal, sweep, config.shard, config.force);
    summary.journal_dropped_bytes = journal.dropped_bytes();
    const std::vector<std::size_t> scope = shard_runs(sweep, config.shard);
    std::vector<std::size_t> todo;
    for (std::size_t run : scope)
        if (!journal.has(run)) todo.push_back(run);
    summary.scope = scope.size();
    summary.done_before = scope.size() - todo.size();

    SweepProgress progress{scope.size(), summary.done_before, 0, nullptr};
    const RecordSink sink = [&](const RunRecord& record) {
        journal.append(record);
        ++summary.ran;
        summary.failed += record.status == RunStatus::failed;
        progress.done = summary.done_before + summary.ran;
        progress.failed = summary.failed;
        progress.last = &record;
        if (config.on_progress) config.on_progress(progress);
    };
    (executor ? executor : thread_pool(config.threads))(sweep, todo, sink, config.stop);
    if (summary.done_before + summary.ran < scope.size()) {
        summary.interrupted = true;
        return summary;
    }

    SweepWriter writer(config.output, sweep, config.shard, config.force);
    RunRecord missing;
    missing.status = RunStatus::missing;
    for (std::size_t run = 0; run < sweep.runs(); ++run) {
        missing.run = run;
        writer.add(journal.has(run) ? journal.read(run) : missing);
    }
    summary.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    writer.finish(summary.wall_seconds);
    journal.remove();
    return summary;
}

}  // namespace cogov
