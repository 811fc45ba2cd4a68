// A real single-node Slurm cluster: the array example, merged, and the MPI
// example each equal a local sweep. Runs as root where Debian's slurm-wlm is installed; set
// COGOV_REQUIRE_SLURM=1 (as scripts/test.sh does) to fail instead of skip.
#include <doctest/doctest.h>

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "cogov/cli/cli.h"
#include "cogov/batch/sweep_mpi.h"
#include "cogov/batch/sweep_run.h"
#include "fixtures.h"
#include "processes.h"
#include "support.h"

using namespace cogov;
namespace fs = std::filesystem;

namespace {

bool slurm_usable()
{
    const bool usable = ::geteuid() == 0 && test::have_program("slurmctld") && test::have_program("slurmd") &&
                        test::have_program("sbatch");
    if (!usable && std::getenv("COGOV_REQUIRE_SLURM"))
        FAIL("COGOV_REQUIRE_SLURM is set but Slurm cannot be started here");
    if (!usable) MESSAGE("skipped: needs root and slurm-wlm (slurmctld, slurmd, sbatch)");
    return usable;
}

//! Starts the daemons; stops them however the test ends.
class Cluster {
public:
    explicit Cluster(const fs::path& dir)
        : dir_(dir.string()), script_((test::source_dir() / "tests/batch/slurm_cluster.sh").string())
    {
        started_ = test::shell(script_ + " start " + dir_ + " >" + dir_ + "/start.log 2>&1") == 0;
    }
    ~Cluster() { test::shell(script_ + " stop " + dir_); }
    bool started() const { return started_; }
    std::string env() const { return "SLURM_CONF=" + dir_ + "/slurm.conf "; }

private:
    std::string dir_, script_;
    bool started_;
};

}  // namespace

TEST_CASE("a Slurm job array of shards, merged, and the MPI example give the file of a local sweep")
{
    if (!slurm_usable()) return;
    test::TempDir dir;
    const Cluster cluster(dir.path());
    REQUIRE(cluster.started());
    const auto sweep = dir.write("s.toml", test::factorial_sweep_text());
    const auto parts = dir.file("parts");
    const std::string submit = cluster.env() + "COGOV=" + test::cogov_binary() + " sbatch --parsable --array=1-3 -o " +
                               dir.file("task-%a.log") + " " +
                               (test::source_dir() / "scripts/slurm/sweep-array.sbatch").string() + " " + sweep + " " +
                               parts + " >" + dir.file("job") + " 2>&1";
    REQUIRE(test::shell(submit) == 0);
    // The MPI example too, when cogov has MPI: two ranks in one allocation.
    const auto mpi_out = dir.file("mpi.h5");
    if (mpi_supported())
        REQUIRE(test::shell(cluster.env() +
                            "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 "
                            "ASAN_OPTIONS=detect_leaks=0 COGOV=" +
                            test::cogov_binary() + " sbatch --parsable --ntasks=2 -o " + dir.file("mpi.log") + " " +
                            (test::source_dir() / "scripts/slurm/sweep-mpi.sbatch").string() + " " + sweep + " " +
                            mpi_out + " >>" + dir.file("job") + " 2>&1") == 0);
    // Wait for the array to leave the queue.
    const std::string queued = cluster.env() + "squeue -h | grep -q .";
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (test::shell(queued) == 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    for (int i = 1; i <= 3; ++i) REQUIRE(fs::exists(parts + "/part-" + std::to_string(i) + ".h5"));

    std::ostringstream out, err;
    cli::Io io{out, err};
    const auto merged = dir.file("merged.h5");
    REQUIRE(cli::main({"merge", parts + "/part-1.h5", parts + "/part-2.h5", parts + "/part-3.h5", "-o", merged}, io) ==
            0);
    SweepConfig local;
    local.output = dir.file("local.h5");
    run_sweep(load_sweep_file(sweep), local);
    CHECK(test::differing_runs(local.output, merged).empty());
    if (mpi_supported()) CHECK(test::differing_runs(local.output, mpi_out).empty());
}
