// Running one run of a sweep to its record.
#include <chrono>

#include "cogov/sim/model.h"
#include "cogov/sim/run.h"
#include "cogov/batch/sweep_record.h"

namespace cogov {
namespace {

//! "design point 3 (a=1, b=2) refused: key: message; ..."
std::string refusal(const Sweep& sweep, std::size_t point, const ScenarioError& e)
{
    std::string text = "design point " + std::to_string(point) + " (";
    const Overrides values = sweep.overrides_for(point);
    for (std::size_t i = 0; i < values.size(); ++i) text += (i ? ", " : "") + values[i];
    text += ") refused:";
    for (const auto& d : e.diagnostics()) text += " " + (d.key.empty() ? "" : d.key + ": ") + d.message + ";";
    text.pop_back();
    return text;
}

}  // namespace

RunRecord execute_run(const Sweep& sweep, std::size_t run, const std::atomic<bool>* stop)
{
    RunRecord record;
    record.run = run;
    const auto start = std::chrono::steady_clock::now();
    try {
        Model model(sweep.scenario_for(sweep.point_of(run)), sweep.run_seed(run), 1);
        Recorder recorder(sweep.record, sweep.max_steps);
        recorder.start(model.steps_total());
        while (!model.finished()) {
            if (stop && stop->load()) throw Interrupted();
            model.step();
            recorder.record(model.city_counters(), model.steps_done());
        }
        record.values = recorder.finish();
        record.status = RunStatus::ok;
    } catch (const Interrupted&) {
        throw;
    } catch (const ScenarioError& e) {
        record.status = RunStatus::failed;
        record.error = refusal(sweep, sweep.point_of(run), e);
    } catch (const std::exception& e) {
        // A refused design point (ScenarioError lists every problem) or a
        // model failure: the run is recorded as failed and the sweep goes on.
        record.status = RunStatus::failed;
        record.error = e.what();
    }
    record.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return record;
}

}  // namespace cogov
