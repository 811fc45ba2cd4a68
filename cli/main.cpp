// The cogov command: parse nothing here, hand over to the CLI library.
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <iostream>

#include "cogov/cli/cli.h"
#include "cogov/sim/h5.h"

namespace {
std::atomic<bool> stop_requested{false};
void on_signal(int)
{
    stop_requested = true;
}
}  // namespace

int main(int argc, char** argv)
{
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    cogov::cli::Io io{std::cout, std::cerr, ::isatty(STDERR_FILENO) == 1, &stop_requested};
    const int status = cogov::cli::main(cogov::cli::Args(argv + 1, argv + argc), io);
    if (cogov::h5::poisoned()) {  // a full disk: HDF5's clean-up at exit would crash (see h5.h)
        std::cout.flush();
        std::cerr.flush();
        std::_Exit(status);
    }
    return status;
}
