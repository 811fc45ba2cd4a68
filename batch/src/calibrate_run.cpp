// Running a calibration: the work folder, candidate batches on the sweep
// machinery, resume, shards, the output file.
#include "cogov/batch/calibrate_run.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <thread>

#include "cogov/batch/sweep_file.h"
#include "cogov/batch/sweep_mpi.h"
#include "cogov/batch/sweep_run.h"
#include "cogov/sim/file_commit.h"
#include "cogov/sim/h5.h"
#include "cogov/sim/run.h"

namespace cogov {
namespace {

namespace fs = std::filesystem;

//! Is `path` already the finished file of this calibration?
bool finished_output(const std::string& path, const Calibration& calib)
{
    try {
        const h5::File f = h5::File::open(path);
        check_format(f, CALIBRATION_FORMAT, "calibration file", CALIBRATION_FORMAT_VERSION);
        return f.attr_as<std::string>("/", "calibration_id") == calibration_id(calib);
    } catch (const std::exception&) {
        return false;
    }
}

//! Refuse what the options do not allow; remove what --force replaces.
void prepare(const Calibration& calib, const CalibrateConfig& config, CalibrateSummary& summary)
{
    std::error_code ec;
    const std::string& dir = summary.work_dir;
    if (config.force) {
        fs::remove_all(dir, ec);
        return check_output_path(config.output, true);
    }
    if (config.resume && fs::exists(config.output, ec)) {
        if (!finished_output(config.output, calib))
            throw RequestError(config.output + ": exists and is not the finished file of this calibration",
                               Remedy::replace);
        summary.already_complete = true;
        return;
    }
    check_output_path(config.output, false);
    if (fs::exists(dir, ec) && !config.resume && config.shard.whole())
        throw RequestError(config.output + ": an interrupted calibration left " + dir, Remedy::resume_or_replace);
}

std::string batch_path(const std::string& dir, std::int64_t generation, std::int64_t batch, const Shard& shard)
{
    char name[64];
    std::snprintf(name, sizeof name, "g%03lld-b%05lld", static_cast<long long>(generation),
                  static_cast<long long>(batch));
    std::string file = name;
    if (!shard.whole()) file += ".part-" + std::to_string(shard.index) + "-of-" + std::to_string(shard.count);
    return (fs::path(dir) / (file + ".h5")).string();
}

//! Wait for every shard's file of a batch; false when stopped first.
bool wait_for_parts(const std::vector<std::string>& parts, const std::atomic<bool>* stop)
{
    for (;;) {
        bool all = true;
        for (const auto& p : parts) all = all && fs::exists(p);
        if (all) return true;
        if (stop && stop->load()) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
}

SweepConfig batch_config(const CalibrateConfig& config, const std::string& dir, std::int64_t generation,
                         std::int64_t batch)
{
    SweepConfig sc;
    sc.output = batch_path(dir, generation, batch, config.shard);
    sc.threads = config.threads;
    sc.resume = true;  // a batch file or journal in the work folder is this calibration's (checked by run_sweep)
    sc.shard = config.shard;
    sc.stop = config.stop;
    return sc;
}

//! The statistics of a finished batch, from its file or its shards' files.
std::vector<Stats> read_batch(const Calibration& calib, const CalibrateConfig& config, const std::string& dir,
                              const Sweep& sweep, std::int64_t generation, std::int64_t batch)
{
    std::vector<std::string> parts;
    for (std::size_t i = 1; i <= config.shard.count; ++i)
        parts.push_back(
            batch_path(dir, generation, batch, config.shard.whole() ? Shard{} : Shard{i, config.shard.count}));
    if (!wait_for_parts(parts, config.stop)) return {};
    std::vector<std::unique_ptr<SweepReader>> readers;
    for (const auto& p : parts) readers.push_back(std::make_unique<SweepReader>(p));
    return batch_statistics(calib, sweep, [&](std::size_t run) {
        for (auto& r : readers)
            if (r->status(run) != RunStatus::missing) return r->record(run);
        return RunRecord{};
    });
}

//! Statistics as bytes (per candidate: a count, then the values), and back.
std::string encode_stats(const std::vector<Stats>& stats)
{
    std::string out;
    for (const auto& s : stats) {
        const auto n = static_cast<std::int64_t>(s.size());
        out.append(reinterpret_cast<const char*>(&n), sizeof n);
        out.append(reinterpret_cast<const char*>(s.data()), s.size() * sizeof(double));
    }
    return out;
}
std::vector<Stats> decode_stats(const std::string& bytes)
{
    std::vector<Stats> out;
    for (std::size_t at = 0; at < bytes.size();) {
        std::int64_t n = 0;
        std::memcpy(&n, bytes.data() + at, sizeof n);
        at += sizeof n;
        Stats s(static_cast<std::size_t>(n));
        std::memcpy(s.data(), bytes.data() + at, s.size() * sizeof(double));
        at += s.size() * sizeof(double);
        out.push_back(std::move(s));
    }
    return out;
}

//! Simulate one batch as a sweep (over MPI ranks when configured) and read
//! its statistics back; fewer than the candidates when stopped.
std::vector<Stats> run_batch(const Calibration& calib, const CalibrateConfig& config, const std::string& dir,
                             std::int64_t generation, std::int64_t batch, const std::vector<Candidate>& cands)
{
    const Sweep sweep = batch_sweep(calib, generation, batch, cands);
    const SweepConfig sc = batch_config(config, dir, generation, batch);
    if (!config.mpi)
        return run_sweep(sweep, sc).interrupted ? std::vector<Stats>{}
                                                : read_batch(calib, config, dir, sweep, generation, batch);
    const SweepSummary summary = config.mpi->run(sweep, sc);
    std::string bytes;  // empty: interrupted
    if (config.mpi->rank() == 0 && !summary.interrupted)
        bytes = encode_stats(read_batch(calib, config, dir, sweep, generation, batch));
    config.mpi->broadcast(bytes);
    return decode_stats(bytes);
}

}  // namespace

std::string calibration_work_dir(const std::string& output)
{
    const fs::path p(output);
    return (p.parent_path() / ("." + p.filename().string() + ".calibrate")).string();
}

CalibrateSummary run_calibration(const Calibration& calib, const CalibrateConfig& config)
{
    const auto start = std::chrono::steady_clock::now();
    CalibrateSummary summary;
    summary.work_dir = calibration_work_dir(config.output);
    if (config.mpi && !config.shard.whole()) throw RequestError("a sharded calibration cannot also run over MPI ranks");
    const bool writer = !config.mpi || config.mpi->rank() == 0;
    std::string refused, remedy;  // rank 0's RequestError, told to every rank
    try {
        if (writer) prepare(calib, config, summary);
    } catch (const RequestError& e) {
        refused = e.what();
        remedy = std::to_string(static_cast<int>(e.remedy()));
    }
    std::string done = summary.already_complete ? "1" : "";
    if (config.mpi) config.mpi->broadcast(refused), config.mpi->broadcast(remedy), config.mpi->broadcast(done);
    if (!refused.empty()) throw RequestError(refused, static_cast<Remedy>(std::stoi(remedy)));
    summary.already_complete = !done.empty();
    if (summary.already_complete) return summary;
    if (writer) fs::create_directories(summary.work_dir);
    const BatchRunner runner = [&](std::int64_t g, std::int64_t b, const std::vector<Candidate>& cands) {
        return run_batch(calib, config, summary.work_dir, g, b, cands);
    };
    const DistanceFn distance = [&](const Stats& s) { return rms_distance(calib.targets, s); };
    summary.result = abc_smc(calib.priors(), calib.abc, runner, distance, config.on_progress);
    summary.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (summary.result.stop == StopReason::interrupted) {
        summary.interrupted = true;
        return summary;
    }
    if (summary.result.generations.empty())
        throw std::runtime_error(
            "cogov calibrate: no generation completed (acceptance below tolerance.min_acceptance "
            "from the prior on)");
    if (config.shard.index != 1 || !writer) return summary;
    write_calibration(config.output, calib, summary.result, summary.wall_seconds, config.force);
    std::error_code ec;
    if (config.shard.whole()) fs::remove_all(summary.work_dir, ec);  // shards may still read it
    return summary;
}

std::string calibration_id(const Calibration& calib)
{
    std::ostringstream os;
    os << std::hex << calibration_fingerprint(calib);
    return os.str();
}

std::uint64_t calibration_fingerprint(const Calibration& calib)
{
    std::ostringstream os;
    os.precision(17);
    os << calib.scenario_toml << '\n' << calib.replicates << '\n';
    for (const auto& p : calib.parameters)
        os << p.spec->key << ' ' << static_cast<int>(p.prior.kind) << ' ' << p.prior.a << ' ' << p.prior.b << ' '
           << p.prior.lo << ' ' << p.prior.hi << '\n';
    for (const auto& t : calib.targets) {
        os << t.id << ' ' << t.series << ' ' << static_cast<int>(t.statistic) << ' ' << t.first << ' ' << t.last << ' '
           << t.estimate << ' ' << t.lo << ' ' << t.hi;
        for (const auto& d : t.denominator) os << ' ' << d;
        os << '\n';
    }
    const AbcConfig& a = calib.abc;
    os << a.particles << ' ' << a.batch << ' ' << a.max_generations << ' ' << a.alpha << ' ' << a.min_epsilon << ' '
       << a.min_acceptance << ' ' << a.first_epsilon << ' ' << a.seed;
    std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a
    for (unsigned char c : os.str()) h = (h ^ c) * 0x100000001b3ULL;
    return h;
}

}  // namespace cogov
