#include "cogov/cli/cli.h"

#include <iomanip>
#include <iostream>

#include "cogov/sim/h5.h"
#include "cogov/sim/run.h"
#include "cogov/sim/scenario.h"
#include "cogov/sim/version.h"
#include "cogov/cli/options.h"

namespace cogov::cli {
namespace {

struct Command {
    const char* name;
    const char* summary;
    int (*run)(const Args&, Io&);
};

const Command COMMANDS[] = {
    {"run", "run a scenario and write its HDF5 output", cmd_run},
    {"check", "validate a scenario and print it fully resolved", cmd_check},
    {"params", "list every parameter with default, range, unit and meaning", cmd_params},
    {"info", "summarise an output file", cmd_info},
    {"rerun", "reproduce a run from its own output file, bit for bit", cmd_rerun},
    {"compare", "compare scenarios on paired replicates (common random numbers)", cmd_compare},
    {"list", "list the scenario library", cmd_list},
    {"serve", "serve the live trust-dynamics classroom in the browser", cmd_serve},
    {"sweep", "run a batch of runs from a sweep file into one HDF5 file", cmd_sweep},
    {"merge", "join the shard files of one sweep into one file", cmd_merge},
    {"calibrate", "fit parameters to the target pack by ABC-SMC", cmd_calibrate},
};

void print_usage(std::ostream& os)
{
    os << "cogov " << version() << ": agent-based model of collaborative community governance\n\n"
       << "usage: cogov COMMAND [options]   (cogov COMMAND --help for details)\n\ncommands:\n";
    for (const auto& c : COMMANDS) os << "  " << std::left << std::setw(10) << c.name << c.summary << "\n";
    os << "\nexit status: 0 success, 2 bad usage or input, 1 runtime failure\n";
}

}  // namespace

std::string phrase(const RequestError& e)
{
    switch (e.remedy()) {
    case Remedy::none: break;
    case Remedy::replace: return std::string(e.what()) + "; use --force to replace it";
    case Remedy::resume_or_replace:
        return std::string(e.what()) + "; use --resume to continue it or --force to start over";
    }
    return e.what();
}

CommandLine::CommandLine(std::string usage_line, std::string about_text)
    : usage(std::move(usage_line)), about(std::move(about_text))
{
    options.add_options()("help,h", "show this help");
}

bool CommandLine::parse(const Args& args, Io& io)
{
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
    if (vm.count("help")) {
        print_help(io.out);
        return true;
    }
    po::notify(vm);
    return false;
}

void CommandLine::print_help(std::ostream& os) const
{
    os << "usage: " << usage << "\n\n" << about << "\n\n" << options << "\n";
}

int main(const Args& args, Io& io)
{
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        print_usage(args.empty() ? io.err : io.out);
        return args.empty() ? EXIT_BAD_INPUT : EXIT_OK;
    }
    if (args[0] == "--version") {
        io.out << "cogov " << version() << " (" << git_commit() << ")\n";
        return EXIT_OK;
    }
    for (const auto& c : COMMANDS) {
        if (args[0] != c.name) continue;
        const Args rest(args.begin() + 1, args.end());
        try {
            return c.run(rest, io);
        } catch (const po::error& e) {
            io.err << "cogov " << c.name << ": " << e.what() << " (see cogov " << c.name << " --help)\n";
            return EXIT_BAD_INPUT;
        } catch (const ScenarioError& e) {
            for (const auto& d : e.diagnostics()) io.err << d.text() << "\n";
            io.err << "cogov " << c.name << ": scenario refused (" << e.diagnostics().size()
                   << (e.diagnostics().size() == 1 ? " problem" : " problems") << "); nothing was written\n";
            return EXIT_BAD_INPUT;
        } catch (const UsageError& e) {
            io.err << "cogov " << c.name << ": " << e.what() << "\n";
            return EXIT_BAD_INPUT;
        } catch (const h5::InvalidFile& e) {  // a damaged or hostile input file, wherever it was read
            io.err << "cogov " << c.name << ": " << e.what() << "; nothing was written\n";
            return EXIT_BAD_INPUT;
        } catch (const RequestError& e) {
            io.err << "cogov " << c.name << ": " << phrase(e) << "\n";
            return EXIT_BAD_INPUT;
        } catch (const Interrupted& e) {
            io.err << "\ncogov " << c.name << ": " << e.what() << "\n";
            return EXIT_FAILURE_RUNTIME;
        } catch (const std::exception& e) {
            io.err << "cogov " << c.name << ": error: " << e.what() << "\n";
            return EXIT_FAILURE_RUNTIME;
        }
    }
    io.err << "cogov: unknown command '" << args[0] << "'\n\n";
    print_usage(io.err);
    return EXIT_BAD_INPUT;
}

}  // namespace cogov::cli
