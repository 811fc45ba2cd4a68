// Sweep benchmark: the runs of a sweep done bare (model built and stepped,
// nothing else) against `run_sweep` on one thread, which adds scenario
// building, recording, the journal and the HDF5 file.
//   cogov_bench_sweep [--sweep sweeps/small-bench.toml] [--output FILE]
#include <boost/program_options.hpp>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <iomanip>
#include <iostream>

#include "cogov/sim/model.h"
#include "cogov/batch/sweep_run.h"

namespace po = boost::program_options;
using Clock = std::chrono::steady_clock;

namespace {

//! Wall-clock and processor seconds of a piece of work.
struct Timing {
    double wall = 1e300, cpu = 1e300;
    void keep_fastest(const Timing& t) { wall = std::min(wall, t.wall), cpu = std::min(cpu, t.cpu); }
};

template <class F>
Timing timed(F&& work)
{
    const auto start = Clock::now();
    const std::clock_t cpu = std::clock();
    work();
    return {std::chrono::duration<double>(Clock::now() - start).count(), double(std::clock() - cpu) / CLOCKS_PER_SEC};
}

//! Every run of the sweep, bare: build the model and step it to the end.
Timing bare_runs(const cogov::Sweep& sweep)
{
    std::vector<cogov::Scenario> scenarios;  // built before the clock starts
    for (std::size_t p = 0; p < sweep.points(); ++p) scenarios.push_back(sweep.scenario_for(p));
    return timed([&] {
        for (std::size_t run : cogov::run_order(sweep)) {
            cogov::Model model(scenarios[sweep.point_of(run)], sweep.run_seed(run), 1);
            while (!model.finished()) model.step();
        }
    });
}

}  // namespace

int main(int argc, char** argv)
{
    po::options_description opts("cogov_bench_sweep options");
    opts.add_options()("help", "show help")("sweep", po::value<std::string>()->default_value("sweeps/small-bench.toml"),
                                            "sweep file")("output",
                                                          po::value<std::string>()->default_value("bench-sweep.h5"),
                                                          "sweep file to write (replaced)")(
        "repeat", po::value<int>()->default_value(3), "measure this many times, report the fastest");
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, opts), vm);
    if (vm.count("help")) {
        std::cout << opts << "\n";
        return 0;
    }
    const cogov::Sweep sweep = cogov::load_sweep_file(vm["sweep"].as<std::string>());
    Timing bare, swept;
    for (int k = 0; k < vm["repeat"].as<int>(); ++k) {
        bare.keep_fastest(bare_runs(sweep));
        cogov::SweepConfig config;
        config.output = vm["output"].as<std::string>();
        config.force = true;
        swept.keep_fastest(timed([&] { cogov::run_sweep(sweep, config); }));
    }
    std::cout << std::fixed << std::setprecision(3) << "sweep '" << sweep.name << "': " << sweep.runs()
              << " runs (fastest of " << vm["repeat"].as<int>() << ")\n"
              << "                       wall s   cpu s\n"
              << "  bare runs           " << std::setw(7) << bare.wall << " " << std::setw(7) << bare.cpu << "  ("
              << 1000 * bare.wall / double(sweep.runs()) << " ms per run)\n"
              << "  cogov sweep, 1 thr  " << std::setw(7) << swept.wall << " " << std::setw(7) << swept.cpu << "\n"
              << std::setprecision(1) << "  sweep overhead      " << std::setw(6) << 100 * (swept.wall / bare.wall - 1)
              << "% " << std::setw(6) << 100 * (swept.cpu / bare.cpu - 1) << "%\n";
    return 0;
}
