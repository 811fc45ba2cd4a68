// The cogov command: parse nothing here, hand over to the CLI library.
#include <unistd.h>

#include <csignal>
#include <iostream>

#include "cogov/cli/cli.h"

namespace {
std::atomic<bool> stop_requested{false};
void on_signal(int) { stop_requested = true; }
}  // namespace

int main(int argc, char** argv)
{
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    cogov::cli::Io io{std::cout, std::cerr, ::isatty(STDERR_FILENO) == 1, &stop_requested};
    return cogov::cli::main(cogov::cli::Args(argv + 1, argv + argc), io);
}
