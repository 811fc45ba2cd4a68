// Driving the cogov command in-process, for the CLI tests.
#pragma once

#include <sstream>
#include <string>

#include "cogov/cli/cli.h"

namespace cogov::test {

struct CommandResult {
    int status;
    std::string out, err;
};

//! Run `cogov ARGS...` in this process and capture what it printed.
inline CommandResult cogov_cmd(const cli::Args& args)
{
    std::ostringstream out, err;
    cli::Io io{out, err};
    const int status = cli::main(args, io);
    return {status, out.str(), err.str()};
}

}  // namespace cogov::test
