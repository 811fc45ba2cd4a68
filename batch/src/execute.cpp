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

//! For each arm of `point`, whether it starts from the base's burned-in
//! state (never the base itself).
std::vector<bool> arms_sharing_burn_in(const Sweep& sweep, std::size_t point)
{
    std::vector<bool> shares(sweep.arm_count(), false);
    const Scenario base = sweep.scenario_for(point, 0);
    for (std::size_t arm = 1; arm < shares.size(); ++arm)
        shares[arm] = same_burn_in(base, sweep.scenario_for(point, arm));
    return shares;
}

}  // namespace

std::size_t arm_width(const Sweep& sweep)
{
    return Recorder(sweep.record, sweep.max_steps).width();
}

WeekRange mean_range(const Sweep& sweep, std::size_t point, std::int64_t steps)
{
    if (sweep.record.window.whole_run()) {
        const std::int64_t window = std::min(sweep.record.last_weeks, steps);
        return WeekRange{steps - window + 1, steps, ""};
    }
    std::vector<Scenario> arms;
    for (std::size_t a = 0; a < sweep.arm_count(); ++a) arms.push_back(sweep.scenario_for(point, a));
    std::vector<const Scenario*> scenarios;
    for (const auto& s : arms) scenarios.push_back(&s);
    return resolve_window(sweep.record.window, scenarios, steps);
}

RunRecord execute_run(const Sweep& sweep, std::size_t run, const std::atomic<bool>* stop)
{
    RunRecord record;
    record.run = run;
    const auto start = std::chrono::steady_clock::now();
    const std::size_t point = sweep.point_of(run);
    try {
        // Every arm on the same seed: common random numbers, the base first.
        // An arm that burns in like the base (a reform by events) starts
        // from the base's state after its burn-in: the same numbers as a
        // run of its own, at half the cost. The state is kept only when an
        // arm will use it, and the last such arm takes it without a copy.
        const std::vector<bool> shares = arms_sharing_burn_in(sweep, point);
        std::size_t last_sharing = shares.size();  // none
        for (std::size_t arm = 0; arm < shares.size(); ++arm)
            if (shares[arm]) last_sharing = arm;
        State burned;
        for (std::size_t arm = 0; arm < sweep.arm_count(); ++arm) {
            const Scenario scenario = sweep.scenario_for(point, arm);
            Model model = !shares[arm] ? Model(scenario, sweep.run_seed(run), 1)
                          : arm == last_sharing
                              ? Model({Segment{scenario, 1}}, sweep.run_seed(run), 1, std::move(burned))
                              : Model({Segment{scenario, 1}}, sweep.run_seed(run), 1, burned);
            if (arm == 0 && last_sharing < shares.size()) burned = model.state();
            Recorder recorder(sweep.record, sweep.max_steps);
            recorder.start(model.steps_total(), mean_range(sweep, point, model.steps_total()));
            while (!model.finished()) {
                if (stop && stop->load()) throw Interrupted();
                model.step();
                recorder.record(model.city_counters(), model.steps_done());
            }
            const std::vector<double> values = recorder.finish();
            record.values.insert(record.values.end(), values.begin(), values.end());
        }
        record.status = RunStatus::ok;
    } catch (const Interrupted&) {
        throw;
    } catch (const ScenarioError& e) {
        record.status = RunStatus::failed;
        record.error = refusal(sweep, point, e);
        record.values.clear();
    } catch (const std::exception& e) {
        // A model failure, or a window the run cannot have: the run is
        // recorded as failed and the sweep goes on.
        record.status = RunStatus::failed;
        record.error = e.what();
        record.values.clear();
    }
    record.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return record;
}

}  // namespace cogov
