#include "cogov/sim/run.h"

#include <chrono>
#include <filesystem>

#include "cogov/sim/checkpoint.h"
#include "cogov/sim/file_commit.h"
#include "cogov/sim/h5.h"
#include "cogov/sim/output.h"

namespace cogov {
namespace {

namespace fs = std::filesystem;

void check_checkpoint_request(const RunConfig& config, std::int64_t steps)
{
    if (config.checkpoint_at == 0) return;
    if (config.checkpoint.empty()) throw RequestError("a checkpoint week was given without a checkpoint file");
    if (config.checkpoint_at < 1 || config.checkpoint_at >= steps)
        throw RequestError("the checkpoint week must be in [1, " + std::to_string(steps - 1) + "]");
    check_output_path(config.checkpoint, config.force);
}

//! Step `model` to the end: later plan segments rebase it at their start,
//! the writer records every week, a checkpoint is saved when asked.
RunResult finish_run(Model& model, RunWriter* writer, const std::vector<Segment>& later, const RunConfig& config,
                     const StepCallback& on_step, const std::atomic<bool>* stop,
                     std::chrono::steady_clock::time_point start)
{
    std::size_t next = 0;
    while (!model.finished()) {
        if (stop && stop->load()) throw Interrupted();
        if (next < later.size() && later[next].start == model.steps_done() + 1) model.rebase(later[next++].scenario);
        model.step();
        if (writer) writer->record(model);
        if (on_step) on_step(model);
        if (model.steps_done() == config.checkpoint_at)
            write_checkpoint(config.checkpoint, model, writer, config.force);
    }
    RunResult result;
    result.city = model.city_counters();
    result.steps = model.steps_done();
    result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (writer) writer->finish(model, result.wall_seconds, config.snapshot);
    return result;
}

}  // namespace

void check_output_path(const std::string& path, bool force)
{
    if (path.empty()) return;
    const fs::path p(path);
    std::error_code ec;
    if (fs::exists(p, ec) && !force) throw RequestError(path + ": already exists", Remedy::replace);
    if (fs::is_directory(p, ec)) throw RequestError(path + ": is a directory");
    const fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
    if (!fs::is_directory(dir, ec)) throw RequestError(path + ": folder " + dir.string() + " does not exist");
}

RunResult run(const Scenario& scenario, const RunConfig& config, const StepCallback& on_step,
              const std::atomic<bool>* stop)
{
    return run_segments({Segment{scenario, 1}}, config, on_step, stop);
}

RunResult run_segments(const std::vector<Segment>& plan, const RunConfig& config, const StepCallback& on_step,
                       const std::atomic<bool>* stop)
{
    check_output_path(config.output, config.force);
    check_checkpoint_request(config, plan.back().scenario.params.time_steps);
    const auto start = std::chrono::steady_clock::now();
    Model model(plan.front().scenario, config.seed, config.threads);
    // The writer sizes its datasets by the final horizon.
    std::unique_ptr<RunWriter> writer;
    if (!config.output.empty())
        writer =
            std::make_unique<RunWriter>(config.output, model, plan.back().scenario.params.time_steps, config.force);
    const std::vector<Segment> later(plan.begin() + 1, plan.end());
    return finish_run(model, writer.get(), later, config, on_step, stop, start);
}

RunResult run_from_checkpoint(Checkpoint cp, const Scenario& scenario, const RunConfig& config,
                              const StepCallback& on_step, const std::atomic<bool>* stop)
{
    check_output_path(config.output, config.force);
    check_checkpoint_request(config, scenario.params.time_steps);
    const auto start = std::chrono::steady_clock::now();
    const std::string checkpoint = cp.path;
    Model model(std::move(cp.segments), cp.seed, config.threads, std::move(cp.state));
    if (scenario.to_toml() != model.scenario().to_toml()) model.rebase(scenario);
    std::unique_ptr<RunWriter> writer;
    if (!config.output.empty()) {
        writer = std::make_unique<RunWriter>(config.output, model, model.steps_total(), config.force);
        writer->restore_history(h5::File::open(checkpoint));
    }
    return finish_run(model, writer.get(), {}, config, on_step, stop, start);
}

RunFileInfo read_run_info(const std::string& path)
{
    const h5::File f = h5::File::open(path);
    RunFileInfo info;
    info.format = RUN_FORMAT;
    info.format_version = check_format(f, RUN_FORMAT, "run file", RUN_FORMAT_VERSION);
    info.cogov_version = f.attr_as<std::string>("/", "cogov_version");
    info.git_commit = f.attr_as<std::string>("/", "git_commit");
    info.created = f.attr_as<std::string>("/", "created");
    info.seed = static_cast<std::uint64_t>(f.attr_as<std::int64_t>("/", "seed"));
    info.steps =
        f.attr_int("/", "steps", 0, static_cast<std::int64_t>(find_param("time.steps")->max));  // bounds every series
    info.wall_seconds = f.attr_as<double>("/", "wall_seconds");
    info.scenario_name = f.attr_as<std::string>("/", "scenario_name");
    info.scenario_toml = f.attr_as<std::string>("/", "scenario");
    return info;
}

Scenario scenario_from_run(const RunFileInfo& info, const std::string& path)
{
    Scenario s = load_scenario_text(info.scenario_toml, path + "#scenario");
    s.source = path;
    return s;
}

}  // namespace cogov
