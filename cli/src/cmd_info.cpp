// cogov info: what an output file holds.
#include <iomanip>

#include "cogov/sim/h5.h"
#include "cogov/sim/run.h"
#include "cogov/cli/options.h"

namespace cogov::cli {

int cmd_info(const Args& args, Io& io)
{
    CommandLine cl("cogov info FILE.h5", "Summarise an output file: a run file's provenance, layout and final city-wide\n"
                                         "values; a comparison's arms and replicates; a sweep's design, runs and records.");
    cl.options.add_options()("input", po::value<std::string>()->required(), "cogov file (positional)");
    cl.positional.add("input", 1);
    if (cl.parse(args, io)) return EXIT_OK;
    if (print_comparison_or_sweep(io.out, cl.vm["input"].as<std::string>())) return EXIT_OK;
    const std::string path = cl.vm["input"].as<std::string>();
    const RunFileInfo info = read_input([&] { return read_run_info(path); });
    const h5::File f = h5::File::open(path);
    std::ostream& os = io.out;
    os << path << "\n"
       << "  format          " << info.format << " v" << info.format_version << "\n"
       << "  cogov           " << info.cogov_version << " (" << info.git_commit << ")\n"
       << "  scenario        " << info.scenario_name << "\n"
       << "  seed            " << info.seed << "\n"
       << "  steps           " << info.steps << " weeks\n"
       << "  created         " << info.created << ", " << std::fixed << std::setprecision(2) << info.wall_seconds
       << " s wall-clock\n"
       << "  communities     " << f.shape("/community").at(0) << ", streets " << f.shape("/street").at(0) << "\n"
       << "  datasets        " << f.datasets().size() << (f.exists("/snapshot") ? " (with snapshot)" : "") << "\n\n"
       << "  final week (city)\n" << std::setprecision(4);
    for (const char* name : {"residents", "participation_rate", "backlog", "resolution_rate", "collaboration_index",
                             "socorgs_active", "contracts_active"}) {
        const auto series = f.read<double>(std::string("/city/") + name).data;
        os << "    " << std::left << std::setw(22) << name << (series.empty() ? 0.0 : series.back()) << "\n";
    }
    const auto trust = f.read<double>("/city/trust");
    if (!trust.data.empty()) {
        const std::size_t last = trust.data.size() - ACTORS * ACTORS;
        os << "    residents' trust in ";
        for (int a = 0; a < ACTORS; ++a)
            os << (a ? ", " : "") << ACTOR_NAMES[a] << " " << trust.data[last + RESIDENT * ACTORS + a];
        os << "\n";
    }
    return EXIT_OK;
}

}  // namespace cogov::cli
