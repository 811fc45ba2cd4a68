// cogov list: the scenario library with a one-line description of each.
#include <algorithm>
#include <iomanip>

#include "cogov/sim/library.h"
#include "cogov/cli/options.h"

namespace cogov::cli {

int cmd_list(const Args& args, Io& io)
{
    CommandLine cl("cogov list [--dir DIR]",
                   "List the scenario library with a one-line description of each. Library\n"
                   "names can be given wherever a scenario file is expected.");
    cl.options.add_options()("dir", po::value<std::string>()->default_value(library_dir().string()), "library folder");
    if (cl.parse(args, io)) return EXIT_OK;
    const std::string dir = cl.vm["dir"].as<std::string>();
    const auto entries = library_entries(dir);
    if (entries.empty()) throw UsageError(dir + ": no scenario files found");
    std::size_t width = 0;
    for (const auto& e : entries) width = std::max(width, e.name.size());
    for (const auto& e : entries) io.out << std::left << std::setw(int(width) + 2) << e.name << e.description << "\n";
    return EXIT_OK;
}

}  // namespace cogov::cli
