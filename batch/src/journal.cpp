#include "cogov/batch/sweep_journal.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "cogov/sim/run.h"

namespace cogov {
namespace {

namespace fs = std::filesystem;

constexpr char MAGIC[16] = "cogov-journal-1";
constexpr std::uint32_t ENTRY = 0xC0605EEDu;
constexpr std::size_t HEADER_BYTES = sizeof MAGIC + 4 * sizeof(std::uint64_t);

std::uint64_t checksum(const std::string& bytes)
{
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : bytes) h = (h ^ c) * 0x100000001b3ULL;
    return h;
}

std::string system_error(const std::string& what)
{
    return what + ": " + std::strerror(errno);
}

void write_all(int fd, const std::string& bytes, const std::string& path)
{
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw std::runtime_error(system_error(path + ": cannot write"));
        done += static_cast<std::size_t>(n);
    }
}

bool read_at(int fd, std::int64_t offset, void* out, std::size_t n)
{
    std::size_t done = 0;
    while (done < n) {
        const ssize_t r = ::pread(fd, static_cast<char*>(out) + done, n - done, offset + static_cast<off_t>(done));
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return false;
        done += static_cast<std::size_t>(r);
    }
    return true;
}

std::string header_bytes(const Sweep& sweep, const Shard& shard)
{
    std::string h(MAGIC, sizeof MAGIC);
    for (std::uint64_t v :
         {sweep.id, std::uint64_t(sweep.runs()), std::uint64_t(shard.index), std::uint64_t(shard.count)})
        h.append(reinterpret_cast<const char*>(&v), sizeof v);
    return h;
}

}  // namespace

std::string Journal::path_for(const std::string& output)
{
    const fs::path p(output);
    return (p.parent_path() / ("." + p.filename().string() + ".journal")).string();
}

Journal::Journal(const std::string& path, const Sweep& sweep, const Shard& shard, bool restart)
    : path_(path), offsets_(sweep.runs(), -1), width_(arm_width(sweep) * sweep.arm_count()),
      last_sync_(std::chrono::steady_clock::now())
{
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw RequestError(system_error(path + ": cannot open the sweep journal"));
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd_);
        throw RequestError(path + ": another process is working on this sweep (the journal is locked)");
    }
    // Only under the lock: --force must not wipe the journal of a live sweep.
    if (restart && ::ftruncate(fd_, 0) != 0) {
        ::close(fd_);
        throw std::runtime_error(system_error(path + ": cannot restart the sweep journal"));
    }
    end_ = ::lseek(fd_, 0, SEEK_END);
    try {
        if (end_ > 0) check_header(sweep, shard), scan();
        else write_header(sweep, shard);
    } catch (...) {
        ::close(fd_);
        throw;
    }
}

Journal::~Journal()
{
    if (fd_ >= 0) ::close(fd_);
}

void Journal::write_header(const Sweep& sweep, const Shard& shard)
{
    write_all(fd_, header_bytes(sweep, shard), path_);
    end_ = static_cast<std::int64_t>(HEADER_BYTES);
}

void Journal::check_header(const Sweep& sweep, const Shard& shard)
{
    std::string found(HEADER_BYTES, '\0');
    if (!read_at(fd_, 0, found.data(), HEADER_BYTES) || found != header_bytes(sweep, shard))
        throw RequestError(path_ +
                           ": this journal belongs to a different sweep, shard or cogov version; "
                           "remove it to start over");
}

void Journal::scan()
{
    std::int64_t pos = static_cast<std::int64_t>(HEADER_BYTES);
    for (;;) {
        std::uint32_t head[2];
        std::uint64_t sum = 0;
        if (!read_at(fd_, pos, head, sizeof head) || head[0] != ENTRY) break;
        // No allocation beyond what the file holds: a torn or forged length ends the scan.
        if (head[1] > static_cast<std::uint64_t>(end_ - pos)) break;
        std::string bytes(head[1], '\0');
        if (!read_at(fd_, pos + 8, bytes.data(), bytes.size()) || !read_at(fd_, pos + 8 + head[1], &sum, sizeof sum) ||
            sum != checksum(bytes))
            break;
        RunRecord r;
        try {
            r = decode(bytes);
        } catch (const std::exception&) {
            break;
        }
        if (!record_fits(r)) break;
        if (offsets_[r.run] < 0) offsets_[r.run] = pos, ++count_;
        pos += 8 + head[1] + static_cast<std::int64_t>(sizeof sum);
    }
    dropped_ = pos < end_ ? static_cast<std::size_t>(end_ - pos) : 0;
    // Cut off a torn last entry so appends follow the last complete one.
    if (pos < end_ && ::ftruncate(fd_, pos) != 0) throw std::runtime_error(system_error(path_ + ": cannot truncate"));
    end_ = pos;
    ::lseek(fd_, end_, SEEK_SET);
}

void Journal::append(const RunRecord& record)
{
    const std::string bytes = encode(record);
    std::string entry(8, '\0');
    const std::uint32_t head[2] = {ENTRY, static_cast<std::uint32_t>(bytes.size())};
    std::memcpy(entry.data(), head, sizeof head);
    entry += bytes;
    const std::uint64_t sum = checksum(bytes);
    entry.append(reinterpret_cast<const char*>(&sum), sizeof sum);
    write_all(fd_, entry, path_);
    if (record.run < offsets_.size() && offsets_[record.run] < 0) offsets_[record.run] = end_, ++count_;
    end_ += static_cast<std::int64_t>(entry.size());
    const auto now = std::chrono::steady_clock::now();
    if (now - last_sync_ > std::chrono::seconds(1)) {
        ::fdatasync(fd_);
        last_sync_ = now;
    }
}

bool Journal::record_fits(const RunRecord& r) const
{
    // The sweep's own layout: a record of another width would be read past its end by the writer.
    const bool ok = r.status == RunStatus::ok && r.values.size() == width_;
    const bool failed = r.status == RunStatus::failed && r.values.empty();
    return r.run < offsets_.size() && (ok || failed);
}

RunRecord Journal::read(std::size_t run) const
{
    std::uint32_t head[2];
    const std::int64_t pos = offsets_.at(run);
    if (pos < 0 || !read_at(fd_, pos, head, sizeof head))
        throw std::runtime_error(path_ + ": no record of run " + std::to_string(run));
    if (head[1] > static_cast<std::uint64_t>(end_ - pos))
        throw std::runtime_error(path_ + ": record of run " + std::to_string(run) + " runs past the end");
    std::string bytes(head[1], '\0');
    if (!read_at(fd_, pos + 8, bytes.data(), bytes.size())) throw std::runtime_error(path_ + ": cannot read a record");
    RunRecord r = decode(bytes);
    if (!record_fits(r))
        throw std::runtime_error(path_ + ": record of run " + std::to_string(run) + " does not fit this sweep");
    return r;
}

void Journal::remove()
{
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    std::error_code ec;
    fs::remove(path_, ec);
}

}  // namespace cogov
