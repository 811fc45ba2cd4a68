// cogov check.
#include "cogov/sim/scenario.h"
#include "cogov/sim/library.h"
#include "cogov/cli/options.h"

namespace cogov::cli {

int cmd_check(const Args& args, Io& io)
{
    CommandLine cl("cogov check SCENARIO.toml [--set key=value ...]",
                   "Validate a scenario (types, ranges, combinations, events, base chain) and\n"
                   "print it fully resolved, as the TOML a run stores in its output.");
    cl.options.add_options()("scenario", po::value<std::string>()->required(), "scenario file (positional)")(
        "set", po::value<std::vector<std::string>>()->composing(),
        "override a parameter: --set key=value")("origins", "also list where each non-default value was set");
    cl.positional.add("scenario", 1);
    if (cl.parse(args, io)) return EXIT_OK;
    Overrides overrides;
    if (cl.vm.count("set")) overrides = cl.vm["set"].as<std::vector<std::string>>();
    const std::string path = resolve_scenario(cl.vm["scenario"].as<std::string>());
    const Scenario s = load_scenario_file(path, overrides);
    io.out << s.to_toml();
    if (cl.vm.count("origins")) {
        io.out << "\n# Where non-default values were set:\n";
        const auto& table = param_table();
        for (std::size_t k = 0; k < table.size(); ++k)
            if (!s.origins[k].file.empty()) io.out << "#   " << table[k].key << ": " << s.origins[k].text() << "\n";
    }
    io.err << path << ": ok (" << s.events.size() << " events)\n";
    return EXIT_OK;
}

}  // namespace cogov::cli
