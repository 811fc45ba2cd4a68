// Running the cogov command (and other programs) as child processes.
#pragma once

#include <string>
#include <vector>

namespace cogov::test {

//! The built cogov command.
std::string cogov_binary();

//! Start a program with arguments (stdout and stderr to `log`); its pid.
int spawn(const std::vector<std::string>& argv, const std::string& log);
//! Wait for a child; its exit status (128 + signal when killed).
int wait_for(int pid);
//! Run a shell command line; its exit status.
int shell(const std::string& command);
//! Is a program on the PATH?
bool have_program(const std::string& name);

}  // namespace cogov::test
