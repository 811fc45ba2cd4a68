#include "cogov/sim/file_commit.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>

#include "cogov/sim/h5.h"
#include "cogov/sim/version.h"

namespace cogov {

namespace fs = std::filesystem;

namespace {

//! fsync a file or folder; false if it could not be opened or synced.
bool sync_path(const std::string& path, bool directory)
{
    const int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
    if (fd < 0) return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

//! Whether a process with this id is running (kill(pid, 0); EPERM: it is).
bool pid_alive(long pid)
{
    return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
}

//! Rename without replacing: renameat2(RENAME_NOREPLACE), or, where the
//! file system lacks it, link + unlink (link never replaces either).
int rename_noreplace(const std::string& from, const std::string& to)
{
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return 0;
    if (errno != EINVAL && errno != ENOSYS) return -1;
    if (::link(from.c_str(), to.c_str()) != 0) return -1;
    ::unlink(from.c_str());
    return 0;
}

}  // namespace

PendingFile::PendingFile(std::string path, bool replace) : path_(std::move(path)), replace_(replace)
{
    const fs::path p(path_);
    temp_ = (p.parent_path() / ("." + p.filename().string() + ".partial-" + std::to_string(::getpid()))).string();
    remove_stale_partials(path_);
}

PendingFile::~PendingFile()
{
    if (committed_) return;
    std::error_code ec;
    fs::remove(temp_, ec);
}

void PendingFile::commit()
{
    const fs::path p(path_);
    const std::string dir = p.parent_path().empty() ? "." : p.parent_path().string();
    // Data first, then the name: a power loss never leaves an empty file under the final name.
    if (!sync_path(temp_, false))
        throw h5::Error(path_ + ": cannot sync the finished output to disk: " + std::strerror(errno));
    if (replace_) {
        std::error_code ec;
        fs::rename(temp_, path_, ec);
        if (ec) throw h5::Error(path_ + ": cannot move the finished output into place: " + ec.message());
    } else if (rename_noreplace(temp_, path_) != 0) {
        if (errno == EEXIST)
            throw h5::Error(path_ +
                            ": appeared while this run was writing (another process?); it was not replaced "
                            "and nothing was written");
        throw h5::Error(path_ + ": cannot move the finished output into place: " + std::strerror(errno));
    }
    committed_ = true;
    if (!sync_path(dir, true))
        throw h5::Error(path_ + ": written, but its folder could not be synced: " + std::strerror(errno));
}

int remove_stale_partials(const std::string& path)
{
    const fs::path p(path);
    const fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
    const std::string prefix = "." + p.filename().string() + ".partial-";
    int removed = 0;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.starts_with(prefix)) continue;
        const std::string pid = name.substr(prefix.size());
        if (pid.empty() || pid.size() > 9 || pid.find_first_not_of("0123456789") != std::string::npos) continue;
        if (pid_alive(std::stol(pid))) continue;  // another run still writing it
        std::error_code rm;
        if (fs::remove(it->path(), rm)) ++removed;
    }
    return removed;
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

std::int64_t check_format(const h5::File& file, const std::string& format, const std::string& kind, std::int64_t newest)
{
    if (!file.has_attr("/", "format"))
        throw h5::InvalidFile(file.path() + ": not a cogov " + kind + " (no format attribute)");
    const auto found = file.attr_as<std::string>("/", "format");
    if (found != format) throw h5::InvalidFile(file.path() + ": a '" + found + "' file, not a cogov " + kind);
    const auto version = file.attr_as<std::int64_t>("/", "format_version");
    if (version > newest)
        throw h5::InvalidFile(file.path() + ": " + kind + " format version " + std::to_string(version) +
                              " is newer than this cogov reads (" + std::to_string(newest) + "); upgrade cogov");
    return version;
}

}  // namespace cogov
