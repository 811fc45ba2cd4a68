#include "cogov/serve/export.h"

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "cogov/sim/run.h"

namespace cogov::serve {

namespace fs = std::filesystem;

Exporter::Exporter()
{
    std::string pattern = (fs::temp_directory_path() / "cogov-serve-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))
        throw std::runtime_error("cannot create a scratch folder in " + fs::temp_directory_path().string());
    folder_ = pattern;
}

Exporter::~Exporter()
{
    std::error_code ec;
    fs::remove_all(folder_, ec);
}

std::string Exporter::run_file(const Scenario& scenario, std::uint64_t seed)
{
    std::lock_guard lock(mutex_);
    const fs::path file = folder_ / ("export-" + std::to_string(++count_) + ".h5");
    RunConfig config;
    config.seed = seed;
    config.output = file.string();
    config.force = true;
    run(scenario, config);
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    in.close();
    std::error_code ec;
    fs::remove(file, ec);
    if (!bytes) throw std::runtime_error("cannot read back the exported run file");
    return bytes.str();
}

std::string export_filename(const Scenario& scenario)
{
    std::string name;
    for (char c : scenario.name)
        name += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
    if (name.empty()) name = "session";
    return "cogov-" + name.substr(0, 60) + "-week" + std::to_string(scenario.params.time_steps) + ".h5";
}

}  // namespace cogov::serve
