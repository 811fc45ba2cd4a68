// The `cogov` command line: subcommands as functions over an Io context,
// so tests can drive them in-process.
#pragma once

#include <atomic>
#include <iosfwd>
#include <string>
#include <vector>

namespace cogov::cli {

//! Exit statuses.
constexpr int EXIT_OK = 0;
constexpr int EXIT_FAILURE_RUNTIME = 1;
constexpr int EXIT_BAD_INPUT = 2;

//! Where a command writes, and whether stderr is a terminal (progress bar).
struct Io {
    std::ostream& out;
    std::ostream& err;
    bool err_is_terminal = false;
    const std::atomic<bool>* stop = nullptr;  //!< set by SIGINT/SIGTERM
};

using Args = std::vector<std::string>;

//! Run `cogov ARGS...` (without the program name); returns the exit status.
int main(const Args& args, Io& io);

int cmd_run(const Args& args, Io& io);
int cmd_rerun(const Args& args, Io& io);
int cmd_check(const Args& args, Io& io);
int cmd_params(const Args& args, Io& io);
int cmd_info(const Args& args, Io& io);
int cmd_compare(const Args& args, Io& io);
int cmd_list(const Args& args, Io& io);
int cmd_serve(const Args& args, Io& io);
int cmd_sweep(const Args& args, Io& io);
int cmd_merge(const Args& args, Io& io);
int cmd_calibrate(const Args& args, Io& io);

}  // namespace cogov::cli
