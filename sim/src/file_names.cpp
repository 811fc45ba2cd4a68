#include "file_names.h"

#include <unistd.h>

#include <ctime>
#include <filesystem>

#include "cogov/h5.h"

namespace cogov {

std::string temporary_name(const std::string& path)
{
    const std::filesystem::path p(path);
    const std::string name = "." + p.filename().string() + ".partial-" + std::to_string(::getpid());
    return (p.parent_path() / name).string();
}

void move_into_place(const std::string& temporary, const std::string& path)
{
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) throw h5::Error(path + ": cannot move the finished output into place: " + ec.message());
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
