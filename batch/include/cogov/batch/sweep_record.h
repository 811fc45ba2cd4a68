// What a sweep keeps of each run, and a run's result as one record.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cogov/sim/metrics.h"
#include "cogov/batch/sweep.h"

namespace cogov {

//! Every name a sweep may record: the metrics of metrics.def, then the
//! trust cells "trust.<truster>.<trustee>" (actor names).
const std::vector<std::string>& recordable_names();

//! Units and meaning of a recordable name, for dataset attributes.
struct RecordableInfo {
    std::string unit, meaning;
};
RecordableInfo recordable_info(const std::string& name);

//! Collects the recorded values of one run, week by week. The values are
//! laid out as: each series (max_steps values, NaN past the run's end),
//! then each final value, then each mean.
class Recorder {
public:
    Recorder(const RecordSpec& spec, std::int64_t max_steps);

    std::size_t width() const { return width_; }
    //! Start a run of `steps` weeks; the means cover the last `last_weeks`
    //! weeks, or `means` when given.
    void start(std::int64_t steps);
    void start(std::int64_t steps, const WeekRange& means);
    //! The city counters at the end of week `step` (1-based).
    void record(const Counters& city, std::int64_t step);
    //! The run's values (moved out).
    std::vector<double> finish();

private:
    std::vector<std::size_t> series_, final_, mean_;  //!< indices into series_names()
    std::int64_t max_steps_, last_weeks_, steps_ = 0;
    WeekRange means_;
    std::size_t width_;
    std::vector<double> values_;
    std::vector<std::int64_t> mean_weeks_;  //!< weeks with a value, per mean (NaN weeks are skipped)
};

//! How a run ended. Stored as int8 in /runs/status.
enum class RunStatus : std::int8_t { missing = 0, ok = 1, failed = 2 };

//! The result of one run: what goes into a sweep file's row `run`.
struct RunRecord {
    std::uint64_t run = 0;
    RunStatus status = RunStatus::missing;
    double wall_seconds = 0;
    std::string error;           //!< empty unless failed
    std::vector<double> values;  //!< Recorder layout; empty unless ok
};

//! Bytes of a record (journal entries and MPI messages), and back.
//! decode() throws std::runtime_error on malformed input.
std::string encode(const RunRecord& record);
RunRecord decode(std::string_view bytes);

//! Run one run of a sweep to its record. Failures (a refused design
//! point, an exception in the model) give a failed record; setting `*stop`
//! throws Interrupted.
RunRecord execute_run(const Sweep& sweep, std::size_t run, const std::atomic<bool>* stop = nullptr);

//! Values one arm of a run records (the Recorder's width); a record holds
//! arm_count() of them, the base first.
std::size_t arm_width(const Sweep& sweep);

//! The weeks a run's means cover: the sweep's window, else its last
//! `last_weeks` weeks. Throws RequestError for a window the run cannot have.
WeekRange mean_range(const Sweep& sweep, std::size_t point, std::int64_t steps);

}  // namespace cogov
