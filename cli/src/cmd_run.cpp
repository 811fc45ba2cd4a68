// cogov run, cogov rerun.
#include <algorithm>
#include <thread>

#include "cogov/sim/h5.h"
#include "cogov/sim/output.h"
#include "cogov/sim/run.h"
#include "cogov/sim/library.h"
#include "cogov/cli/options.h"
#include "cogov/cli/progress.h"

namespace cogov::cli {
namespace {

int default_threads()
{
    return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

//! Options shared by run and rerun.
void add_output_options(CommandLine& cl)
{
    cl.options.add_options()("output,o", po::value<std::string>()->required(), "HDF5 file to write (required)")(
        "threads", po::value<int>()->default_value(default_threads()),
        "worker threads (results do not depend on it)")("force", "replace an existing output file")(
        "snapshot", "also store the final per-agent state under /snapshot")("quiet,q",
                                                                            "no progress bar and no summary");
}

RunConfig output_config(const CommandLine& cl)
{
    RunConfig config;
    config.output = checked_output(cl.vm["output"].as<std::string>());
    config.threads = checked_threads(cl.vm["threads"].as<int>());
    config.force = cl.vm.count("force") > 0;
    config.snapshot = cl.vm.count("snapshot") > 0;
    return config;
}

//! Run with progress bar and summary; shared by run and rerun. `start`
//! runs the model with a step callback.
int execute(const Scenario& scenario, const RunConfig& config, bool quiet, Io& io,
            const std::function<RunResult(const StepCallback&)>& start)
{
    ProgressBar bar(io.err, io.err_is_terminal && !quiet);
    RunTotals totals;
    const RunResult result = start([&](const Model& m) {
        totals.add(m);
        bar.update(m.steps_done(), m.steps_total());
    });
    bar.finish();
    if (!quiet) print_summary(io.out, scenario, config, totals, result);
    return EXIT_OK;
}

}  // namespace

int cmd_run(const Args& args, Io& io)
{
    CommandLine cl("cogov run [SCENARIO.toml] -o FILE.h5 [options]",
                   "Run a scenario (the built-in baseline when none is given) and write its\n"
                   "per-step outputs to FILE.h5. The file appears only when the run is complete.");
    cl.options.add_options()("scenario", po::value<std::string>(), "scenario file (positional)")(
        "seed", po::value<std::uint64_t>()->default_value(1),
        "random seed")("steps", po::value<std::int64_t>(), "weeks to simulate (same as --set time.steps=N)")(
        "set", po::value<std::vector<std::string>>()->composing(),
        "override a parameter: --set key=value")("checkpoint-at", po::value<std::int64_t>(),
                                                 "save the full state after this week (with --checkpoint)")(
        "checkpoint", po::value<std::string>(),
        "checkpoint file to write")("from", po::value<std::string>(),
                                    "continue from a checkpoint under SCENARIO (a branch if it changed)");
    add_output_options(cl);
    cl.positional.add("scenario", 1);
    if (cl.parse(args, io)) return EXIT_OK;

    Overrides overrides;
    if (cl.vm.count("set")) overrides = cl.vm["set"].as<std::vector<std::string>>();
    if (cl.vm.count("steps")) overrides.push_back("time.steps=" + std::to_string(cl.vm["steps"].as<std::int64_t>()));
    const Scenario scenario = cl.vm.count("scenario")
                                  ? load_scenario_file(resolve_scenario(cl.vm["scenario"].as<std::string>()), overrides)
                                  : builtin_baseline(overrides);
    RunConfig config = output_config(cl);
    config.seed = cl.vm["seed"].as<std::uint64_t>();
    if (cl.vm.count("checkpoint-at")) config.checkpoint_at = cl.vm["checkpoint-at"].as<std::int64_t>();
    if (cl.vm.count("checkpoint")) config.checkpoint = checked_output(cl.vm["checkpoint"].as<std::string>());
    if (config.checkpoint_at == 0 && !config.checkpoint.empty())
        throw UsageError("--checkpoint needs --checkpoint-at WEEK");
    if (config.checkpoint_at != 0 && config.checkpoint.empty())
        throw UsageError("--checkpoint-at needs --checkpoint FILE");
    if (config.checkpoint_at != 0 && (config.checkpoint_at < 1 || config.checkpoint_at >= scenario.params.time_steps))
        throw UsageError("--checkpoint-at must be a week in [1, " + std::to_string(scenario.params.time_steps - 1) +
                         "]");
    if (!cl.vm.count("from"))
        return execute(scenario, config, cl.vm.count("quiet") > 0, io,
                       [&](const StepCallback& cb) { return run(scenario, config, cb, io.stop); });
    if (!cl.vm["seed"].defaulted())
        throw UsageError("--seed cannot be combined with --from: a checkpoint keeps its seed");
    const std::string from = cl.vm["from"].as<std::string>();
    check_output_path(config.output, config.force);  // before the (possibly large) checkpoint is read
    Checkpoint cp = read_input([&] { return read_checkpoint(from); });
    return execute(scenario, config, cl.vm.count("quiet") > 0, io, [&](const StepCallback& cb) {
        return run_from_checkpoint(std::move(cp), scenario, config, cb, io.stop);
    });
}

int cmd_rerun(const Args& args, Io& io)
{
    CommandLine cl("cogov rerun FILE.h5 -o NEW.h5 [options]",
                   "Reproduce a run from the scenario and seed stored in its output file.\n"
                   "The new file's datasets are identical to the old one's, bit for bit.");
    cl.options.add_options()("input", po::value<std::string>()->required(), "run file to reproduce (positional)");
    add_output_options(cl);
    cl.positional.add("input", 1);
    if (cl.parse(args, io)) return EXIT_OK;

    const std::string input = cl.vm["input"].as<std::string>();
    const RunFileInfo info = read_input([&] { return read_run_info(input); });
    const std::vector<Segment> plan = read_input([&] { return read_segments(h5::File::open(input)); });
    RunConfig config = output_config(cl);
    config.seed = info.seed;
    return execute(plan.back().scenario, config, cl.vm.count("quiet") > 0, io,
                   [&](const StepCallback& cb) { return run_segments(plan, config, cb, io.stop); });
}

}  // namespace cogov::cli
