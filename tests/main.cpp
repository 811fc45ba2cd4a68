#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>

#include "cogov/sim/h5.h"

int main(int argc, char** argv)
{
    const int status = doctest::Context(argc, argv).run();
    // The full-disk tests leave HDF5 unable to shut down cleanly (see h5.h).
    if (cogov::h5::poisoned()) {
        std::fflush(nullptr);
        std::_Exit(status);
    }
    return status;
}
