#include "cogov/cli/library.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "cogov/sim/scenario.h"

namespace cogov::cli {

namespace fs = std::filesystem;

std::string library_dir()
{
    if (const char* env = std::getenv("COGOV_SCENARIOS")) return env;
    return COGOV_SCENARIO_DIR;
}

std::string resolve_scenario(const std::string& arg)
{
    std::error_code ec;
    if (fs::exists(arg, ec) || arg.find('/') != std::string::npos) return arg;
    const fs::path candidate = fs::path(library_dir()) / (fs::path(arg).extension() == ".toml" ? arg : arg + ".toml");
    return fs::exists(candidate, ec) ? candidate.string() : arg;
}

std::vector<LibraryEntry> library_entries(const std::string& dir)
{
    std::vector<LibraryEntry> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        if (!e.is_regular_file() || e.path().extension() != ".toml") continue;
        LibraryEntry entry{e.path().stem().string(), e.path().string(), ""};
        try {
            const Scenario s = load_scenario_file(entry.file);
            entry.description = s.description;
        } catch (const ScenarioError& err) {
            entry.description = "(invalid: " + err.diagnostics().front().text() + ")";
        }
        out.push_back(entry);
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return out;
}

}  // namespace cogov::cli
