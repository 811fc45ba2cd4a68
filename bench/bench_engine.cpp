// Engine benchmark: a city of residents stepped for a number of weeks, timed
// apart from initialisation, with peak memory per resident.
//   cogov_bench [--communities 500] [--residents 2000] [--steps 520] [--threads 2] [--output FILE]
#include <sys/resource.h>

#include <boost/program_options.hpp>
#include <chrono>
#include <iomanip>
#include <iostream>

#include "cogov/sim/model.h"
#include "cogov/sim/output.h"
#include "cogov/sim/scenario.h"

namespace po = boost::program_options;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv)
{
    po::options_description opts("cogov_bench options");
    opts.add_options()("help", "show help")("communities", po::value<int>()->default_value(500), "communities")(
        "residents", po::value<int>()->default_value(2000),
        "residents per community")("steps", po::value<int>()->default_value(520),
                                   "weeks")("threads", po::value<int>()->default_value(2),
                                            "threads")("seed", po::value<std::uint64_t>()->default_value(1), "seed")(
        "burn-in", po::value<int>()->default_value(-1),
        "burn-in weeks (default: the scenario's time.burn_in)")("output", po::value<std::string>()->default_value(""),
                                                                "also write the HDF5 output here");
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, opts), vm);
    if (vm.count("help")) {
        std::cout << opts << "\n";
        return 0;
    }
    const int communities = vm["communities"].as<int>(), residents = vm["residents"].as<int>();
    const int steps = vm["steps"].as<int>(), threads = vm["threads"].as<int>(), burn_in = vm["burn-in"].as<int>();
    cogov::Overrides overrides{"city.communities=" + std::to_string(communities),
                               "city.streets=" + std::to_string(std::max(1, communities / 10)),
                               "city.residents_per_community=" + std::to_string(residents),
                               "time.steps=" + std::to_string(steps),
                               // all mechanisms on
                               "grid.enabled=true", "platform.enabled=true", "participation.deliberation=true",
                               "socorg.hub_share=0.2", "talk.epsilon=0.5"};
    if (burn_in >= 0) overrides.push_back("time.burn_in=" + std::to_string(burn_in));
    const cogov::Scenario scenario = cogov::builtin_baseline(overrides);

    const auto t0 = Clock::now();
    cogov::Model model(scenario, vm["seed"].as<std::uint64_t>(), threads);
    const auto t1 = Clock::now();
    std::unique_ptr<cogov::RunWriter> writer;
    const std::string output = vm["output"].as<std::string>();
    if (!output.empty()) writer = std::make_unique<cogov::RunWriter>(output, model, -1, true);  // a scratch file
    while (!model.finished()) {
        model.step();
        if (writer) writer->record(model);
    }
    const auto t2 = Clock::now();
    if (writer) writer->finish(model, std::chrono::duration<double>(t2 - t0).count(), false);

    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const double n = double(communities) * residents;
    const double init = std::chrono::duration<double>(t1 - t0).count();
    const double stepping = std::chrono::duration<double>(t2 - t1).count();
    std::cout << std::fixed << std::setprecision(2) << "residents " << static_cast<long long>(n) << "  communities "
              << communities << "  steps " << steps << "  threads " << threads << "\n"
              << "init_seconds " << init << "  (includes the burn-in of " << scenario.params.time_burn_in
              << " weeks)\nstep_seconds " << stepping << "\n"
              << "resident_steps_per_second " << std::setprecision(0) << n * steps / stepping << "\n"
              << "peak_bytes_per_resident " << std::setprecision(1) << usage.ru_maxrss * 1024.0 / n << "\n";
    return 0;
}
