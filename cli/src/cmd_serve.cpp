// cogov serve: the live classroom in the browser.
#include <chrono>
#include <thread>

#include "cogov/sim/run.h"
#include "cogov/sim/library.h"
#include "cogov/cli/options.h"

#ifdef COGOV_HAVE_SERVE
#include "cogov/serve/server.h"
#endif

namespace cogov::cli {

int cmd_serve(const Args& args, Io& io)
{
    CommandLine cl("cogov serve [--port 8080] [--host 127.0.0.1] [options]",
                   "Serve the live trust-dynamics classroom: open the printed address in a browser,\n"
                   "pick a lesson or scenario, play, move the sliders and watch trust change.\n"
                   "Listens on loopback unless --host says otherwise; stop with Ctrl-C.");
    cl.options.add_options()("port", po::value<int>()->default_value(8080), "TCP port (0: any free port)")(
        "host", po::value<std::string>()->default_value("127.0.0.1"),
        "address to listen on; anything but loopback makes the classroom reachable from other machines")(
        "scenarios", po::value<std::string>()->default_value(library_dir().string()),
        "folder of library scenarios (*.toml), with the lessons in its lessons/ folder")(
        "max-sessions", po::value<int>()->default_value(8),
        "browser tabs served at once")("max-residents", po::value<std::int64_t>()->default_value(6000),
                                       "residents per session; larger scenarios are scaled down")(
        "max-classes", po::value<int>()->default_value(2),
        "class sessions (students on phones) open at once")("max-students", po::value<int>()->default_value(40),
                                                            "students in one class");
    if (cl.parse(args, io)) return EXIT_OK;
#ifdef COGOV_HAVE_SERVE
    serve::ServeConfig config;
    config.host = cl.vm["host"].as<std::string>();
    config.port = cl.vm["port"].as<int>();
    config.scenarios_dir = cl.vm["scenarios"].as<std::string>();
    config.limits.max_sessions = cl.vm["max-sessions"].as<int>();
    config.limits.max_residents = cl.vm["max-residents"].as<std::int64_t>();
    config.limits.max_classes = cl.vm["max-classes"].as<int>();
    config.limits.max_students = cl.vm["max-students"].as<int>();
    if (config.port < 0 || config.port > 65535) throw UsageError("--port must be in [0, 65535]");
    if (config.limits.max_classes < 1 || config.limits.max_classes > 16)
        throw UsageError("--max-classes must be in [1, 16]");
    if (config.limits.max_students < 1 || config.limits.max_students > 200)
        throw UsageError("--max-students must be in [1, 200]");
    if (config.limits.max_sessions < 1 || config.limits.max_sessions > 64)
        throw UsageError("--max-sessions must be in [1, 64]");
    if (config.limits.max_residents < 10 || config.limits.max_residents > 200000)
        throw UsageError("--max-residents must be in [10, 200000]");
    serve::Server server(config, io.err);
    try {
        server.start();
    } catch (const std::runtime_error& e) {
        throw UsageError(e.what());
    }
    if (!serve::is_loopback(config.host))
        io.err << "cogov serve: warning: listening on " << config.host << ", reachable from other machines\n";
    io.out << "cogov serve: open " << server.url() << " in a browser (Ctrl-C to stop)" << std::endl;
    io.out << "cogov serve: teacher page for a class session: " << server.teacher_url() << std::endl;
    while (!(io.stop && io.stop->load())) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    server.stop();
    io.out << "cogov serve: stopped" << std::endl;
    return EXIT_OK;
#else
    io.err << "cogov serve: this cogov was built without the web server; install libcpp-httplib-dev and\n"
              "nlohmann-json3-dev (scripts/install-deps.sh) and build again\n";
    return EXIT_FAILURE_RUNTIME;
#endif
}

}  // namespace cogov::cli
