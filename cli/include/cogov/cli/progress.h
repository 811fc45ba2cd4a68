// Progress bar with ETA on stderr, and the end-of-run summary table.
#pragma once

#include <chrono>
#include <iosfwd>
#include <string>

#include "cogov/sim/model.h"
#include "cogov/sim/run.h"

namespace cogov::cli {

//! Draws "[#####.....] 52/520 weeks (or runs)  10%  ETA 0:12" at most ten times a second.
class ProgressBar {
public:
    ProgressBar(std::ostream& os, bool enabled, std::string unit = "weeks")
        : os_(os), enabled_(enabled), unit_(std::move(unit))
    {
    }
    void update(std::int64_t done, std::int64_t total);
    //! Change the label after the counts (e.g. a calibration's generation and tolerance).
    void set_unit(std::string unit) { unit_ = std::move(unit); }
    void finish();

private:
    std::ostream& os_;
    bool enabled_;
    std::string unit_;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), last_{};
    bool drawn_ = false;
};

//! Running totals over a run, for the summary.
struct RunTotals {
    Counters first, last, sum;  //!< first and last week this command simulated
    bool started = false;
    void add(const Model& model);
};

//! The short table printed on stdout when a run ends.
void print_summary(std::ostream& os, const Scenario& scenario, const RunConfig& config, const RunTotals& totals,
                   const RunResult& result);

}  // namespace cogov::cli
