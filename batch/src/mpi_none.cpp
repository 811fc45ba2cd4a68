// Builds without MPI: launched under mpirun, say so clearly.
#include <stdexcept>

#include "cogov/batch/sweep_mpi.h"

namespace cogov {

bool mpi_supported()
{
    return false;
}

MpiSweepResult run_sweep_mpi(const Sweep&, const SweepConfig&)
{
    throw std::runtime_error(
        "this cogov was built without MPI (COGOV_WITH_MPI=OFF): run the sweep in one "
        "process, or split it into shards and merge them");
}

MpiSweeps::MpiSweeps()
{
    throw std::runtime_error(
        "this cogov was built without MPI (COGOV_WITH_MPI=OFF); use --threads, or --shard per process");
}
MpiSweeps::~MpiSweeps() = default;
SweepSummary MpiSweeps::run(const Sweep&, const SweepConfig&)
{
    return {};
}
void MpiSweeps::broadcast(std::string&) {}

}  // namespace cogov
