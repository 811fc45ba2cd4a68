// kill -9 in the middle of a calibration, then --resume: the same file as
// an uninterrupted calibration.
#include <doctest/doctest.h>

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "calibrate_fixtures.h"
#include "cogov/batch/calibrate_run.h"
#include "cogov/batch/sweep_mpi.h"
#include "processes.h"

using namespace cogov;
namespace fs = std::filesystem;

namespace {

std::string small_calibration(const test::TempDir& dir)
{
    Target t;
    t.id = "trust-gov";
    t.scenario = "baseline";
    t.series = "trust.residents.government";
    t.first = 21;
    t.last = 40;
    t.estimate = 0.55;
    t.lo = 0.45;
    t.hi = 0.65;
    fs::create_directories(dir.path() / "targets");
    dir.write("targets/trust-gov.toml", test::target_text(t));
    return dir.write("calib.toml",
                     "targets_dir = \"targets\"\ntargets = [\"trust-gov\"]\nseed = 2\nparticles = 16\n"
                     "batch = 8\nmax_generations = 4\n\n" +
                         test::calib_set(40, 2, 150) +
                         "\n[parameters]\n\"trust.a_gain\" = { prior = \"log_uniform\", min = 0.01, max = 0.5 }\n"
                         "\"trust.a_loss\" = { prior = \"uniform\", min = 0.02, max = 0.5 }\n");
}

std::size_t entries(const std::string& dir)
{
    std::error_code ec;
    std::size_t n = 0;
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) ++n;
    return n;
}

}  // namespace

TEST_CASE("a calibration killed with SIGKILL resumes to the file of an uninterrupted calibration")
{
    test::TempDir dir;
    const std::string calib = small_calibration(dir);
    const auto out = dir.file("out.h5"), work = calibration_work_dir(out);
    const int pid = test::spawn({test::cogov_binary(), "calibrate", calib, "-o", out, "--threads", "1", "--quiet"},
                                dir.file("log"));
    // Wait until a few batches are done, then kill without warning.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline && entries(work) < 4)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    ::kill(pid, SIGKILL);
    CHECK(test::wait_for(pid) == 128 + SIGKILL);
    REQUIRE(fs::exists(work));
    CHECK_FALSE(fs::exists(out));

    const Calibration c = load_calibration_file(calib);
    CalibrateConfig config;
    config.output = out;
    CHECK_THROWS_AS(run_calibration(c, config), RequestError);  // without --resume the work folder is refused
    config.resume = true;
    const CalibrateSummary resumed = run_calibration(c, config);
    CHECK_FALSE(resumed.interrupted);
    CHECK_FALSE(fs::exists(work));

    config.output = dir.file("plain.h5");
    config.resume = false;
    run_calibration(c, config);
    CHECK(test::differing_datasets(config.output, out).empty());
    config.output = out;
    config.resume = true;
    CHECK(run_calibration(c, config).already_complete);
}

TEST_CASE("a calibration split into shards (a Slurm array) gives the file of one process")
{
    test::TempDir dir;
    const std::string calib = small_calibration(dir);
    const auto out = dir.file("out.h5");
    // Shard 2 in another process; shard 1 here, which writes the file.
    const int pid = test::spawn({test::cogov_binary(), "calibrate", calib, "-o", out, "--shard", "2/2", "--threads",
                                 "1", "--quiet"},
                                dir.file("log"));
    const Calibration c = load_calibration_file(calib);
    CalibrateConfig config;
    config.output = out;
    config.shard = parse_shard("1/2");
    run_calibration(c, config);
    CHECK(test::wait_for(pid) == 0);
    config.output = dir.file("plain.h5");
    config.shard = Shard{};
    run_calibration(c, config);
    CHECK(test::differing_datasets(config.output, out).empty());
}

TEST_CASE("a calibration over MPI ranks gives the file of one process")
{
    if (!mpi_supported()) {
        MESSAGE("skipped: cogov was built without MPI");
        return;
    }
    test::TempDir dir;
    const std::string calib = small_calibration(dir);
    const auto out = dir.file("mpi.h5");
    const std::string command = std::string(
                                    "ASAN_OPTIONS=detect_leaks=0 OMPI_ALLOW_RUN_AS_ROOT=1 "
                                    "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 ") +
                                COGOV_MPIEXEC + " --oversubscribe -np 2 " + test::cogov_binary() + " calibrate " +
                                calib + " -o " + out + " --quiet >" + dir.file("log") + " 2>&1";
    REQUIRE(test::shell(command) == 0);
    CalibrateConfig config;
    config.output = dir.file("plain.h5");
    run_calibration(load_calibration_file(calib), config);
    CHECK(test::differing_datasets(config.output, out).empty());
}
