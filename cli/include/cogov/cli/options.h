// Shared Boost.Program_options plumbing for the subcommands.
#pragma once

#include <boost/program_options.hpp>
#include <ostream>
#include <string>

#include "cogov/cli/cli.h"
#include "cogov/sim/h5.h"
#include "cogov/sim/run.h"

namespace cogov::cli {

namespace po = boost::program_options;

//! A command-line usage problem (bad option values or combinations): the
//! message names the flags; status 2, nothing written.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

//! An engine refusal (RequestError) phrased with this command line's flags.
std::string phrase(const RequestError& e);

//! A subcommand's options: parse, and print --help.
struct CommandLine {
    std::string usage;  //!< "cogov run [SCENARIO] -o FILE [options]"
    std::string about;  //!< one paragraph on what the command does
    po::options_description options{"Options"};
    po::positional_options_description positional;
    po::variables_map vm;

    CommandLine(std::string usage_line, std::string about_text);
    //! Parse args; true when --help was asked (and printed). Throws
    //! po::error for bad usage.
    bool parse(const Args& args, Io& io);
    void print_help(std::ostream& os) const;
};

//! Run `read` on a file named on the command line: an h5::Error there (a
//! missing, foreign or newer file) is bad input, status 2, not a failure.
template <class Read>
auto read_input(Read&& read) -> decltype(read())
{
    try {
        return read();
    } catch (const h5::Error& e) {
        throw UsageError(e.what());
    }
}

}  // namespace cogov::cli
