#include "file_names.h"

#include <unistd.h>

#include <ctime>
#include <filesystem>

namespace cogov {

std::string temporary_name(const std::string& path)
{
    const std::filesystem::path p(path);
    const std::string name = "." + p.filename().string() + ".partial-" + std::to_string(::getpid());
    return (p.parent_path() / name).string();
}

std::string utc_now()
{
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace cogov
