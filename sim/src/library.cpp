#include "cogov/sim/library.h"

#include <algorithm>
#include <cstdlib>

#include "cogov/sim/scenario.h"

namespace cogov {
namespace {

namespace fs = std::filesystem;

bool is_file(const fs::path& p)
{
    std::error_code ec;
    return fs::is_regular_file(p, ec);
}

bool bare_name(const std::string& text)
{
    return !text.empty() && text.find('/') == std::string::npos;
}

//! The folder of the running program (Linux: /proc/self/exe); empty if unknown.
fs::path program_dir()
{
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : exe.parent_path();
}

}  // namespace

std::vector<fs::path> library_search_path()
{
    std::vector<fs::path> out;
    if (const char* env = std::getenv("COGOV_SCENARIOS"); env && *env) out.emplace_back(env);
    if (const fs::path bin = program_dir(); !bin.empty())
        out.push_back((bin.parent_path() / "share" / "cogov" / "scenarios").lexically_normal());
    return out;
}

fs::path library_dir()
{
    const auto path = library_search_path();
    std::error_code ec;
    for (const auto& dir : path)
        if (fs::is_directory(dir, ec)) return dir;
    return path.empty() ? fs::path("scenarios") : path.front();
}

std::optional<fs::path> library_file(const fs::path& dir, const std::string& name)
{
    if (!bare_name(name)) return std::nullopt;
    const fs::path file = dir / (fs::path(name).extension() == ".toml" ? name : name + ".toml");
    if (is_file(file)) return file;
    return std::nullopt;
}

std::string resolve_scenario(const std::string& arg)
{
    std::error_code ec;
    if (fs::exists(arg, ec) || !bare_name(arg)) return arg;
    const auto file = library_file(library_dir(), arg);
    return file ? file->string() : arg;
}

BaseLookup find_base(const std::string& text, const fs::path& dir)
{
    BaseLookup out;
    const fs::path given(text);
    const fs::path local = given.is_absolute() ? given : dir / given;
    out.looked.push_back(local);
    if (is_file(local)) {
        out.file = local;
        return out;
    }
    if (!bare_name(text)) return out;
    const fs::path lib = library_dir();
    out.looked.push_back(lib / (given.extension() == ".toml" ? text : text + ".toml"));
    out.file = library_file(lib, text);
    return out;
}

std::vector<fs::path> library_files(const fs::path& dir, std::string* problem)
{
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.is_regular_file() && e.path().extension() == ".toml") files.push_back(e.path());
    if (ec && problem) *problem = dir.string() + ": " + ec.message();
    std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) { return a.stem() < b.stem(); });
    return files;
}

std::vector<LibraryEntry> library_entries(const fs::path& dir)
{
    std::vector<LibraryEntry> out;
    for (const auto& file : library_files(dir)) {
        LibraryEntry entry{file.stem().string(), file.string(), ""};
        try {
            entry.description = load_scenario_file(entry.file).description;
        } catch (const ScenarioError& err) {
            entry.description = "(invalid: " + err.diagnostics().front().text() + ")";
        }
        out.push_back(entry);
    }
    return out;
}

}  // namespace cogov
