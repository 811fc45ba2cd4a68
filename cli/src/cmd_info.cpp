// cogov info: what an output file holds.
#include <iomanip>
#include <sstream>

#include "cogov/sim/h5.h"
#include "cogov/sim/run.h"
#include "cogov/cli/options.h"

namespace cogov::cli {
namespace {

//! The summary of a run file, each dataset checked against its header first.
std::string describe_run_file(const std::string& path)
{
    const RunFileInfo info = read_run_info(path);
    const h5::File f = h5::File::open(path);
    const auto steps = static_cast<std::size_t>(info.steps);
    const std::size_t communities = f.require("/community", "int64", {h5::ANY}).at(0);
    const std::size_t streets = f.require("/street", "int64", {h5::ANY}).at(0);
    std::ostringstream os;
    os << path << "\n"
       << "  format          " << info.format << " v" << info.format_version << "\n"
       << "  cogov           " << info.cogov_version << " (" << info.git_commit << ")\n"
       << "  scenario        " << info.scenario_name << "\n"
       << "  seed            " << info.seed << "\n"
       << "  steps           " << info.steps << " weeks\n"
       << "  created         " << info.created << ", " << std::fixed << std::setprecision(2) << info.wall_seconds
       << " s wall-clock\n"
       << "  communities     " << communities << ", streets " << streets << "\n"
       << "  datasets        " << f.datasets().size() << (f.exists("/snapshot") ? " (with snapshot)" : "") << "\n\n"
       << "  final week (city)\n"
       << std::setprecision(4);
    for (const char* name : {"residents", "participation_rate", "backlog", "resolution_rate", "collaboration_index",
                             "socorgs_active", "contracts_active"}) {
        f.require(std::string("/city/") + name, "float64", {steps});
        const auto series = f.read<double>(std::string("/city/") + name).data;
        os << "    " << std::left << std::setw(22) << name << (series.empty() ? 0.0 : series.back()) << "\n";
    }
    f.require("/city/trust", "float64", {steps, ACTORS, ACTORS});
    const auto trust = f.read<double>("/city/trust");
    if (!trust.data.empty()) {
        const std::size_t last = trust.data.size() - ACTORS * ACTORS;
        os << "    residents' trust in ";
        for (int a = 0; a < ACTORS; ++a)
            os << (a ? ", " : "") << ACTOR_NAMES[a] << " " << trust.data[last + RESIDENT * ACTORS + a];
        os << "\n";
    }
    return os.str();
}

}  // namespace

int cmd_info(const Args& args, Io& io)
{
    CommandLine cl("cogov info FILE.h5",
                   "Summarise an output file: a run file's provenance, layout and final city-wide\n"
                   "values; a comparison's arms and replicates; a sweep's design, runs and records.");
    cl.options.add_options()("input", po::value<std::string>()->required(), "cogov file (positional)");
    cl.positional.add("input", 1);
    if (cl.parse(args, io)) return EXIT_OK;
    if (print_comparison_or_sweep(io.out, cl.vm["input"].as<std::string>())) return EXIT_OK;
    const std::string path = cl.vm["input"].as<std::string>();
    // Everything is read and checked before anything is printed.
    const std::string text = read_input([&] { return describe_run_file(path); });
    io.out << text;
    return EXIT_OK;
}

}  // namespace cogov::cli
