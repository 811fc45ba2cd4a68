#include "cogov/sim/file_commit.h"

#include <unistd.h>

#include <ctime>
#include <filesystem>

#include "cogov/sim/h5.h"
#include "cogov/sim/version.h"

namespace cogov {

namespace fs = std::filesystem;

PendingFile::PendingFile(std::string path) : path_(std::move(path))
{
    const fs::path p(path_);
    temp_ = (p.parent_path() / ("." + p.filename().string() + ".partial-" + std::to_string(::getpid()))).string();
}

PendingFile::~PendingFile()
{
    if (committed_) return;
    std::error_code ec;
    fs::remove(temp_, ec);
}

void PendingFile::commit()
{
    std::error_code ec;
    fs::rename(temp_, path_, ec);
    if (ec) throw h5::Error(path_ + ": cannot move the finished output into place: " + ec.message());
    committed_ = true;
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

void write_common_attributes(h5::File& file, const std::string& format, long long version)
{
    file.set_attr("/", "format", format);
    file.set_attr("/", "format_version", static_cast<std::int64_t>(version));
    file.set_attr("/", "cogov_version", std::string(cogov::version()));
    file.set_attr("/", "git_commit", std::string(git_commit()));
    file.set_attr("/", "created", utc_now());
}

std::int64_t check_format(const h5::File& file, const std::string& format, const std::string& kind,
                          std::int64_t newest)
{
    if (!file.has_attr("/", "format")) throw h5::Error(file.path() + ": not a cogov " + kind + " (no format attribute)");
    const auto found = file.attr_as<std::string>("/", "format");
    if (found != format) throw h5::Error(file.path() + ": a '" + found + "' file, not a cogov " + kind);
    const auto version = file.attr_as<std::int64_t>("/", "format_version");
    if (version > newest)
        throw h5::Error(file.path() + ": " + kind + " format version " + std::to_string(version) +
                        " is newer than this cogov reads (" + std::to_string(newest) + "); upgrade cogov");
    return version;
}

}  // namespace cogov
