// Sweep benchmark: the runs of a sweep done bare (model built and stepped,
// nothing else) against `run_sweep` on one thread, which adds scenario
// building, recording, the journal and the HDF5 file.
//   cogov_bench_sweep [--sweep sweeps/small-bench.toml] [--output FILE]
#include <boost/program_options.hpp>
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>

#include "cogov/model.h"
#include "cogov/sweep_run.h"

namespace po = boost::program_options;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

//! Every run of the sweep, bare: build the model and step it to the end.
double bare_runs(const cogov::Sweep& sweep)
{
    std::vector<cogov::Scenario> scenarios;  // built before the clock starts
    for (std::size_t p = 0; p < sweep.points(); ++p) scenarios.push_back(sweep.scenario_for(p));
    const auto start = Clock::now();
    for (std::size_t run : cogov::run_order(sweep)) {
        cogov::Model model(scenarios[sweep.point_of(run)], sweep.run_seed(run), 1);
        while (!model.finished()) model.step();
    }
    return seconds_since(start);
}

}  // namespace

int main(int argc, char** argv)
{
    po::options_description opts("cogov_bench_sweep options");
    opts.add_options()("help", "show help")("sweep", po::value<std::string>()->default_value("sweeps/small-bench.toml"),
                                            "sweep file")(
        "output", po::value<std::string>()->default_value("bench-sweep.h5"), "sweep file to write (replaced)")(
        "repeat", po::value<int>()->default_value(3), "measure this many times, report the fastest");
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, opts), vm);
    if (vm.count("help")) {
        std::cout << opts << "\n";
        return 0;
    }
    const cogov::Sweep sweep = cogov::load_sweep_file(vm["sweep"].as<std::string>());
    double bare = 1e300, swept = 1e300;
    for (int k = 0; k < vm["repeat"].as<int>(); ++k) {
        bare = std::min(bare, bare_runs(sweep));
        cogov::SweepConfig config;
        config.output = vm["output"].as<std::string>();
        config.force = true;
        const auto start = Clock::now();
        cogov::run_sweep(sweep, config);
        swept = std::min(swept, seconds_since(start));
    }
    std::cout << std::fixed << std::setprecision(3) << "sweep '" << sweep.name << "': " << sweep.runs() << " runs\n"
              << "  bare runs          " << bare << " s (" << 1000 * bare / double(sweep.runs()) << " ms per run)\n"
              << "  cogov sweep, 1 thread " << swept << " s\n"
              << "  sweep overhead     " << std::setprecision(1) << 100 * (swept / bare - 1) << " %\n";
    return 0;
}
