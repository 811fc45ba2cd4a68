// cogov calibrate.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <optional>
#include <sstream>
#include <thread>

#include "cogov/batch/calibrate_run.h"
#include "cogov/batch/sweep_mpi.h"
#include "cogov/sim/library.h"
#include "cogov/cli/options.h"
#include "cogov/cli/progress.h"

namespace cogov::cli {
namespace {

//! The target pack: $COGOV_TARGETS when set, else <program folder>/../share/
//! cogov/targets (installed; the build tree links it to data/targets), as
//! the scenario library is found (cogov/sim/library.h).
std::string targets_dir()
{
    if (const char* env = std::getenv("COGOV_TARGETS"); env && *env) return env;
    std::error_code ec;
    const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::string("data/targets")
              : (exe.parent_path().parent_path() / "share" / "cogov" / "targets").lexically_normal().string();
}

void print_plan(std::ostream& os, const Calibration& c)
{
    os << "calibration '" << c.name << "' (" << c.source << "): scenario '" << c.scenario.name << "', "
       << c.scenario.params.city_communities << " communities x " << c.scenario.params.city_residents_per_community
       << " residents, " << c.scenario.params.time_steps << " weeks\n  " << c.abc.particles << " particles, batches of "
       << c.abc.batch << ", up to " << c.abc.max_generations << " generations, " << c.replicates
       << " replicate(s) per candidate, seed " << c.abc.seed << "\n";
    for (const auto& p : c.parameters)
        os << "  calibrates " << p.spec->key << ": " << prior_name(p.prior.kind) << " on [" << p.prior.lo << ", "
           << p.prior.hi << "]\n";
    for (const auto& t : c.targets)
        os << "  target " << t.id << " (" << t.kind << "): " << t.series << " " << t.estimate << " [" << t.lo << ", "
           << t.hi << "]\n";
}

void print_posterior(std::ostream& os, const Calibration& c, const CalibrateSummary& s, const std::string& output)
{
    const Generation& g = s.result.generations.back();
    os << "cogov calibrate: " << s.result.generations.size() << " generations (stopped: " << stop_name(s.result.stop)
       << "), final epsilon " << g.epsilon << ", " << s.result.simulations << " candidates x " << c.replicates
       << " runs, " << std::fixed << std::setprecision(1) << s.wall_seconds << " s -> " << output << "\n"
       << std::defaultfloat << std::setprecision(4);
    for (std::size_t j = 0; j < c.parameters.size(); ++j) {
        std::vector<double> x;
        for (const auto& t : g.theta) x.push_back(t[j]);
        const WeightedSummary w = summarise(x, g.weights);
        os << "  " << std::left << std::setw(34) << c.parameters[j].spec->key << std::right << " mean " << std::setw(10)
           << w.mean << "  median " << std::setw(10) << w.q50 << "  90% [" << w.q05 << ", " << w.q95 << "]\n";
    }
}

CalibrateConfig config_of(const CommandLine& cl, const Calibration& calib, Io& io)
{
    CalibrateConfig config;
    config.output = cl.vm.count("output") ? cl.vm["output"].as<std::string>() : calib.output;
    if (config.output.empty()) throw UsageError("no output: give -o FILE.h5 or `output` in the calibration file");
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    config.threads = cl.vm.count("threads") ? cl.vm["threads"].as<int>() : cores;
    config.resume = cl.vm.count("resume") > 0;
    config.force = cl.vm.count("force") > 0;
    config.stop = io.stop;
    if (config.threads < 1) throw UsageError("--threads must be at least 1");
    if (config.resume && config.force) throw UsageError("--resume and --force contradict each other");
    if (cl.vm.count("shard")) {
        try {
            config.shard = parse_shard(cl.vm["shard"].as<std::string>());
        } catch (const std::invalid_argument& e) {
            throw UsageError(e.what());
        }
    }
    return config;
}

}  // namespace

int cmd_calibrate(const Args& args, Io& io)
{
    CommandLine cl("cogov calibrate CALIB.toml [-o FILE.h5] [options]",
                   "Fit parameters of a scenario to targets of the pack (data/targets/) by\n"
                   "approximate Bayesian computation, sequential Monte Carlo (docs/calibration.md).\n"
                   "Candidates run in batches on the sweep machinery; each batch is kept in a\n"
                   "work folder next to FILE.h5, so after Ctrl-C, kill or node loss --resume\n"
                   "continues to the same posterior. With --shard I/N every task of a Slurm array\n"
                   "runs its slice of each batch and waits for the others' (shared folder);\n"
                   "task 1 writes the file. Under mpirun the runs of each batch are spread over\n"
                   "the ranks and rank 0 writes the file.");
    cl.options.add_options()("calibration", po::value<std::string>()->required(),
                             "calibration file (positional)")("output,o", po::value<std::string>(),
                                                              "HDF5 file to write (default: the file's `output`)")(
        "threads", po::value<int>(),
        "runs at once in this process (default: all cores; 1 per rank under mpirun); "
        "results do not depend on it")("shard", po::value<std::string>(),
                                       "run slice I of N of every batch (I/N, a Slurm array task)")(
        "resume", "continue an interrupted calibration from its work folder")(
        "force", "replace an existing output (and work folder) and start over")(
        "dry-run", "print what would be calibrated; run nothing")("quiet,q", "no progress line and no summary");
    cl.positional.add("calibration", 1);
    if (cl.parse(args, io)) return EXIT_OK;

    CalibrationPaths paths;
    paths.scenario = resolve_scenario;
    paths.default_targets_dir = targets_dir();
    Calibration calib;
    try {
        calib = load_calibration_file(cl.vm["calibration"].as<std::string>(), paths);
    } catch (const ScenarioError& e) {
        for (const auto& d : e.diagnostics()) io.err << d.text() << "\n";
        io.err << "cogov calibrate: calibration refused (" << e.diagnostics().size()
               << (e.diagnostics().size() == 1 ? " problem" : " problems") << "); nothing was written\n";
        return EXIT_BAD_INPUT;
    }
    if (cl.vm.count("dry-run")) {
        print_plan(io.out, calib);
        return EXIT_OK;
    }
    CalibrateConfig config = config_of(cl, calib, io);
    std::optional<MpiSweeps> mpi;
    if (mpi_launched()) {
        if (!cl.vm.count("threads")) config.threads = 1;
        config.mpi = &mpi.emplace();
    }
    const bool quiet = cl.vm.count("quiet") > 0 || (mpi && mpi->rank() != 0);
    std::optional<ProgressBar> bar;  // one per generation: its ETA is to the generation's N-th particle
    std::int64_t shown = -1;
    config.on_progress = [&](const AbcProgress& p) {
        if (p.generation != shown) bar.emplace(io.err, io.err_is_terminal && !quiet), shown = p.generation;
        std::ostringstream unit;
        unit << std::setprecision(3) << "accepted, gen " << p.generation << ", eps " << p.epsilon << ", acc "
             << static_cast<double>(p.accepted) / static_cast<double>(std::max<std::int64_t>(1, p.candidates));
        bar->set_unit(unit.str());
        bar->update(p.accepted, p.particles);
    };
    const CalibrateSummary summary = run_calibration(calib, config);
    if (bar) bar->finish();
    if (mpi && mpi->rank() != 0) return EXIT_OK;
    if (summary.already_complete) {
        if (!quiet) io.out << "cogov calibrate: " << config.output << " is already complete\n";
        return EXIT_OK;
    }
    if (summary.interrupted) {
        io.err << "\ncogov calibrate: interrupted; finished batches are in " << summary.work_dir
               << "; continue with --resume\n";
        return EXIT_FAILURE_RUNTIME;
    }
    if (!quiet) print_posterior(io.out, calib, summary, config.output);
    return EXIT_OK;
}

}  // namespace cogov::cli
