// Whole runs, comparisons and sweeps to their HDF5 files, as the CLI makes
// them; the package reads the files back as xarray Datasets.
#include <pybind11/stl.h>

#include "bindings.h"
#include "cogov/batch/sweep.h"
#include "cogov/batch/sweep_run.h"
#include "cogov/sim/compare.h"
#include "cogov/sim/run.h"

namespace cogov::python {
namespace {

py::dict run_to_file(const Scenario& scenario, std::uint64_t seed, int threads, const std::string& output, bool force,
                     bool snapshot)
{
    if (threads < 1) throw py::value_error("threads must be at least 1");
    RunConfig config;
    config.seed = seed;
    config.threads = threads;
    config.output = output;
    config.force = force;
    config.snapshot = snapshot;
    const RunResult r =
        without_gil_interruptibly([&](const std::atomic<bool>* stop) { return run(scenario, config, {}, stop); });
    return py::dict(py::arg("steps") = r.steps, py::arg("wall_seconds") = r.wall_seconds);
}

py::dict compare_to_file(const std::vector<Scenario>& arms, const std::string& output, int replicates,
                         std::uint64_t seed, int threads, bool keep_series, bool force)
{
    if (threads < 1) throw py::value_error("threads must be at least 1");
    check_output_path(output, force);
    CompareConfig config;
    config.replicates = replicates;
    config.seed = seed;
    config.threads = threads;
    config.keep_series = keep_series;
    const double wall = without_gil_interruptibly([&](const std::atomic<bool>* stop) {
        const CompareResult result = compare(arms, config, {}, stop);
        write_compare(output, result, force);
        return result.wall_seconds;
    });
    return py::dict(py::arg("wall_seconds") = wall);
}

py::dict sweep_to_file(const std::string& path, const std::string& output, int threads, bool resume, bool force)
{
    if (threads < 1) throw py::value_error("threads must be at least 1");
    if (resume && force) throw py::value_error("sweep: resume and force contradict each other");
    const Sweep sweep = load_sweep_file(path);
    SweepConfig config;
    config.output = output;
    config.threads = threads;
    config.resume = resume;
    config.force = force;
    const SweepSummary s = without_gil_interruptibly([&](const std::atomic<bool>* stop) {
        SweepConfig c = config;
        c.stop = stop;
        return run_sweep(sweep, c);
    });
    return py::dict(py::arg("scope") = s.scope, py::arg("done_before") = s.done_before, py::arg("ran") = s.ran,
                    py::arg("failed") = s.failed, py::arg("interrupted") = s.interrupted,
                    py::arg("already_complete") = s.already_complete, py::arg("wall_seconds") = s.wall_seconds,
                    py::arg("journal") = s.journal);
}

}  // namespace

void bind_runs(py::module_& m)
{
    m.def("_run", &run_to_file, py::arg("scenario"), py::arg("seed"), py::arg("threads"), py::arg("output"),
          py::arg("force"), py::arg("snapshot"));
    m.def("_compare", &compare_to_file, py::arg("arms"), py::arg("output"), py::arg("replicates"), py::arg("seed"),
          py::arg("threads"), py::arg("keep_series"), py::arg("force"));
    m.def("_sweep", &sweep_to_file, py::arg("path"), py::arg("output"), py::arg("threads"), py::arg("resume"),
          py::arg("force"));
    m.def("_replicate_seed", &replicate_seed, py::arg("seed"), py::arg("replicate"),
          "The seed of replicate r of a comparison (shared by all arms)");
}

}  // namespace cogov::python
