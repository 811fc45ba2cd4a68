// Was this process started by an MPI launcher? (Any build.)
#include <cstdlib>

#include "cogov/batch/sweep_mpi.h"

namespace cogov {

bool mpi_launched()
{
    return std::getenv("OMPI_COMM_WORLD_SIZE") || std::getenv("PMIX_RANK") || std::getenv("PMI_RANK");
}

}  // namespace cogov
