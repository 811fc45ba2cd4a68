// cogov sweep, cogov merge.
#include <algorithm>
#include <iomanip>
#include <thread>

#include "cogov/batch/sweep.h"
#include "cogov/batch/sweep_file.h"
#include "cogov/batch/sweep_mpi.h"
#include "cogov/batch/sweep_record.h"
#include "cogov/batch/sweep_run.h"
#include "cogov/cli/options.h"
#include "cogov/cli/progress.h"

namespace cogov::cli {
namespace {

void print_plan(std::ostream& os, const Sweep& s, const Shard& shard)
{
    os << "sweep '" << s.name << "' (" << s.source << "): " << design_name(s.design.type) << " design, " << s.points()
       << " points x " << s.replicates << " replicates = " << s.runs() << " runs of up to " << s.max_steps << " weeks";
    if (!shard.whole()) os << "; shard " << shard.text() << " has " << shard_runs(s, shard).size();
    os << "\n";
    for (const auto& p : s.parameters) os << "  varies " << p.spec->key << "\n";
    if (!s.arms.empty()) {
        os << "  arms   " << s.base_arm << " (base)";
        for (const auto& a : s.arms) os << ", " << a.name;
        os << ": each run runs every arm on one seed (common random numbers)\n";
    }
    if (s.experiment.active())
        os << "  experiment: " << s.experiment.futures << " futures (" << s.experiment.sampling << ") x "
           << s.experiment.combinations << " lever combinations, " << s.experiment.outcomes.size()
           << (s.experiment.outcomes.size() == 1 ? " outcome\n" : " outcomes\n");
    if (!s.record.window.whole_run()) os << "  means  over " << mean_range(s, 0, s.max_steps).text(s.max_steps) << "\n";
}

void print_summary(std::ostream& os, const SweepSummary& s, const std::string& output)
{
    if (s.journal_dropped_bytes)
        os << "cogov sweep: the journal's last " << s.journal_dropped_bytes
           << " bytes were torn or damaged and were cut off; those runs were run again\n";
    os << "cogov sweep: " << s.ran << " runs now";
    if (s.done_before) os << " (+" << s.done_before << " from before)";
    os << ", " << s.failed << " failed, " << std::fixed << std::setprecision(1) << s.wall_seconds << " s -> " << output
       << "\n";
}

//! Load a sweep, reporting a refused file as "sweep refused".
Sweep load(const std::string& path, Io& io, bool& ok)
{
    try {
        ok = true;
        return load_sweep_file(path);
    } catch (const ScenarioError& e) {
        for (const auto& d : e.diagnostics()) io.err << d.text() << "\n";
        io.err << "cogov sweep: sweep refused (" << e.diagnostics().size()
               << (e.diagnostics().size() == 1 ? " problem" : " problems") << "); nothing was written\n";
        ok = false;
        return Sweep{};
    }
}

SweepConfig config_of(const CommandLine& cl, Io& io)
{
    SweepConfig config;
    if (cl.vm.count("output")) config.output = checked_output(cl.vm["output"].as<std::string>());
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    config.threads = cl.vm.count("threads") ? cl.vm["threads"].as<int>() : mpi_launched() ? 1 : cores;
    config.resume = cl.vm.count("resume") > 0;
    config.force = cl.vm.count("force") > 0;
    config.stop = io.stop;
    checked_threads(config.threads);
    if (config.resume && config.force) throw UsageError("--resume and --force contradict each other");
    if (cl.vm.count("shard")) {
        try {
            config.shard = parse_shard(cl.vm["shard"].as<std::string>());
        } catch (const std::invalid_argument& e) {
            throw UsageError(std::string("--") + e.what());
        }
    }
    return config;
}

}  // namespace

int cmd_sweep(const Args& args, Io& io)
{
    CommandLine cl("cogov sweep SWEEP.toml -o FILE.h5 [options]",
                   "Run every run of a sweep file (docs/sweeps.md) and write one HDF5 file.\n"
                   "Runs finish into a journal next to FILE.h5; FILE.h5 appears when all are\n"
                   "done. After Ctrl-C, kill or node loss, --resume runs only what is missing.\n"
                   "Under mpirun the runs are spread over the ranks and rank 0 writes the file.");
    cl.options.add_options()("sweep", po::value<std::string>()->required(),
                             "sweep file (positional)")("output,o", po::value<std::string>(),
                                                        "HDF5 file to write (required unless --dry-run)")(
        "threads", po::value<int>(),
        "runs at once in this process (default: all cores; 1 per rank under mpirun); "
        "results do not depend on it")("shard", po::value<std::string>(),
                                       "run only slice I of N (I/N, e.g. a Slurm array task); join with cogov merge")(
        "resume",
        "continue an interrupted sweep from its journal")("force",
                                                          "replace an existing output (and journal) and start over")(
        "window", po::value<std::string>(),
        "weeks the recorded means cover, instead of record.window or the last record.last_weeks:\n"
        "FIRST:LAST (e.g. 53:312), FIRST:, or after:EVENT_NOTE")(
        "dry-run", "print the design and the number of runs; run nothing")("quiet,q", "no progress bar and no summary");
    cl.positional.add("sweep", 1);
    if (cl.parse(args, io)) return EXIT_OK;

    bool ok = false;
    Sweep sweep = load(cl.vm["sweep"].as<std::string>(), io, ok);
    if (!ok) return EXIT_BAD_INPUT;
    if (cl.vm.count("window")) set_sweep_window(sweep, cl.vm["window"].as<std::string>());
    if (!cl.vm.count("output") && !cl.vm.count("dry-run")) throw UsageError("the option '--output' is required");
    SweepConfig config = config_of(cl, io);
    const bool quiet = cl.vm.count("quiet") > 0;
    if (cl.vm.count("dry-run")) {
        print_plan(io.out, sweep, config.shard);
        return EXIT_OK;
    }
    ProgressBar bar(io.err, io.err_is_terminal && !quiet, "runs");
    config.on_progress = [&](const SweepProgress& p) {
        bar.update(static_cast<std::int64_t>(p.done), static_cast<std::int64_t>(p.scope));
    };
    SweepSummary summary;
    if (mpi_launched() && !mpi_supported())
        throw std::runtime_error(
            "this cogov was built without MPI (COGOV_WITH_MPI=OFF); "
            "run the sweep without mpirun, or use --shard and cogov merge");
    if (mpi_launched()) {
        const MpiSweepResult r = run_sweep_mpi(sweep, config);
        if (r.rank != 0) return EXIT_OK;
        summary = r.summary;
    } else {
        summary = run_sweep(sweep, config);
    }
    bar.finish();
    if (summary.already_complete) {
        if (!quiet) io.out << "cogov sweep: " << config.output << " is already complete\n";
        return EXIT_OK;
    }
    if (summary.interrupted) {
        io.err << "\ncogov sweep: interrupted; " << summary.done_before + summary.ran << " of " << summary.scope
               << " runs are in " << summary.journal << "; continue with --resume\n";
        return EXIT_FAILURE_RUNTIME;
    }
    if (!quiet) print_summary(io.out, summary, config.output);
    return EXIT_OK;
}

int cmd_merge(const Args& args, Io& io)
{
    CommandLine cl("cogov merge PART.h5... -o FILE.h5 [--force]",
                   "Join the files of one sweep (the shards of a Slurm array, or any files\n"
                   "that together hold every run) into one file, identical to a sweep run\n"
                   "in a single process.");
    cl.options.add_options()("inputs", po::value<std::vector<std::string>>()->required(), "sweep files (positional)")(
        "output,o", po::value<std::string>()->required(),
        "HDF5 file to write (required)")("force", "replace an existing output")("quiet,q", "no summary");
    cl.positional.add("inputs", -1);
    if (cl.parse(args, io)) return EXIT_OK;
    const auto inputs = cl.vm["inputs"].as<std::vector<std::string>>();
    const std::string output = checked_output(cl.vm["output"].as<std::string>());
    const MergeResult r = merge_sweep_files(inputs, output, cl.vm.count("force") > 0);
    if (!cl.vm.count("quiet"))
        io.out << "cogov merge: " << r.runs << " runs (" << r.failed << " failed) from " << inputs.size()
               << " files -> " << output << "\n";
    return EXIT_OK;
}

}  // namespace cogov::cli
