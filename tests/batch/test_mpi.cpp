// mpirun -np 2 (and 3) cogov sweep: one file, identical to a serial sweep.
// Skipped in a build without MPI, unless COGOV_REQUIRE_MPI=1 (as
// scripts/test.sh sets): then such a build fails here instead of passing
// silently. Checked by configuring with -DCOGOV_WITH_MPI=OFF and running
// this test with COGOV_REQUIRE_MPI=1: it failed.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdlib>
#include <string>

#include "cogov/batch/sweep_mpi.h"
#include "cogov/batch/sweep_run.h"
#include "fixtures.h"
#include "processes.h"
#include "support.h"

using namespace cogov;

TEST_CASE("a sweep over MPI ranks gives the file of a serial sweep")
{
    if (!mpi_supported()) {
        if (const char* required = std::getenv("COGOV_REQUIRE_MPI"); required && std::string(required) == "1")
            FAIL("COGOV_REQUIRE_MPI=1 but cogov was built without MPI (configure with -DCOGOV_WITH_MPI=ON)");
        MESSAGE("skipped: cogov was built without MPI");
        return;
    }
    test::TempDir dir;
    const auto sweep = dir.write("s.toml", test::factorial_sweep_text());
    SweepConfig serial;
    serial.output = dir.file("serial.h5");
    run_sweep(load_sweep_file(sweep), serial);
    for (const char* ranks : {"2", "3"}) {
        CAPTURE(ranks);
        const std::string out = dir.file(std::string("mpi-") + ranks + ".h5");
        // OpenMPI keeps some allocations to exit; LeakSanitizer (sanitizer builds) would fail on them.
        const std::string command = std::string(
                                        "ASAN_OPTIONS=detect_leaks=0 OMPI_ALLOW_RUN_AS_ROOT=1 "
                                        "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 ") +
                                    COGOV_MPIEXEC + " --oversubscribe -np " + ranks + " " + test::cogov_binary() +
                                    " sweep " + sweep + " -o " + out + " --quiet >" + dir.file("log") + " 2>&1";
        REQUIRE(test::shell(command) == 0);
        CHECK(test::differing_runs(serial.output, out).empty());
    }
}
