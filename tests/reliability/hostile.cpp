#include "reliability/hostile.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "batch/fixtures.h"
#include "batch/processes.h"
#include "cli/cli_support.h"
#include "cogov/batch/sweep_run.h"

namespace cogov::test {

namespace fs = std::filesystem;

Overrides small_city()
{
    return {"city.communities=3", "city.streets=1", "city.residents_per_community=200", "grid.households_per_cell=30",
            "time.steps=30"};
}

std::string small_city_toml()
{
    return "name = \"small\"\n[city]\ncommunities = 3\nstreets = 1\nresidents_per_community = 200\n"
           "[grid]\nhouseholds_per_cell = 30\n[time]\nsteps = 30\n";
}

namespace {

Corpus make_corpus(const TempDir& dir)
{
    Corpus c;
    c.scenario = dir.write("small.toml", small_city_toml());
    // The run file comes from a branch, so it holds two segments.
    const std::string straight = dir.file("straight.h5");
    c.checkpoint = dir.file("ck10.h5");
    if (cogov_cmd({"run", c.scenario, "-o", straight, "-q", "--threads", "1", "--checkpoint-at", "10", "--checkpoint",
                   c.checkpoint})
            .status != 0)
        throw std::runtime_error("corpus: cogov run failed");
    const std::string branch = dir.write("branch.toml", small_city_toml() + "[trust]\na_gain = 0.1\n");
    c.run_file = dir.file("run.h5");
    if (cogov_cmd({"run", branch, "--from", c.checkpoint, "-o", c.run_file, "-q", "--threads", "1"}).status != 0)
        throw std::runtime_error("corpus: cogov run --from failed");
    c.sweep = dir.write("sweep.toml", factorial_sweep_text());
    c.shard0 = dir.file("shard1.h5");
    c.shard1 = dir.file("shard2.h5");
    for (const auto& [out, shard] : {std::pair{c.shard0, "1/2"}, std::pair{c.shard1, "2/2"}})
        if (cogov_cmd({"sweep", c.sweep, "-o", out, "--shard", shard, "-q", "--threads", "1"}).status != 0)
            throw std::runtime_error("corpus: cogov sweep failed");
    // An interrupted sweep: half its runs journaled, no output.
    c.journal_output = dir.file("half.h5");
    SweepConfig config;
    config.output = c.journal_output;
    const Sweep sweep = load_sweep_file(c.sweep);
    run_sweep(sweep, config,
              [](const Sweep& s, const std::vector<std::size_t>& todo, const RecordSink& sink,
                 const std::atomic<bool>* stop) {
                  const std::vector<std::size_t> half(todo.begin(),
                                                      todo.begin() + static_cast<std::ptrdiff_t>(todo.size() / 2));
                  thread_pool(1)(s, half, sink, stop);
              });
    return c;
}

}  // namespace

const Corpus& corpus()
{
    static TempDir dir;
    static const Corpus c = make_corpus(dir);
    return c;
}

std::string copy_to(const TempDir& dir, const std::string& file, const std::string& name)
{
    const std::string out = dir.file(name);
    fs::copy_file(file, out, fs::copy_options::overwrite_existing);
    return out;
}

namespace {

//! Call f.template operator()<T>() with the C++ type of an HDF5 dtype name.
template <class F>
void with_type(const std::string& dtype, F&& f)
{
    if (dtype == "float64") f.template operator()<double>();
    else if (dtype == "float32") f.template operator()<float>();
    else if (dtype == "int64") f.template operator()<std::int64_t>();
    else if (dtype == "int32") f.template operator()<std::int32_t>();
    else if (dtype == "uint32") f.template operator()<std::uint32_t>();
    else if (dtype == "uint16") f.template operator()<std::uint16_t>();
    else if (dtype == "uint8") f.template operator()<std::uint8_t>();
    else if (dtype == "int8") f.template operator()<std::int8_t>();
    else throw std::runtime_error("rewrite: cannot rewrite a " + dtype + " dataset");
}

}  // namespace

void rewrite(const std::string& file, const std::string& dataset,
             const std::function<void(std::vector<double>& values, h5::Shape& shape)>& f)
{
    h5::File h = h5::File::open_for_update(file);
    with_type(h.dtype(dataset), [&]<class T>() {
        const auto data = h.read<T>(dataset);
        std::vector<double> values(data.data.begin(), data.data.end());
        h5::Shape shape = data.shape;
        f(values, shape);
        std::vector<T> out;
        for (double v : values) out.push_back(static_cast<T>(v));
        std::size_t n = 1;
        for (auto d : shape) n *= d;
        out.resize(n);
        if (shape == data.shape) {
            if (!shape.empty() && shape[0] > 0) h.write_rows<T>(dataset, 0, shape[0], out.data());
        } else {
            h.remove(dataset);
            h.write<T>(dataset, out, shape);
        }
    });
    h.close();
}

void fill(const std::string& file, const std::string& dataset, double value)
{
    rewrite(file, dataset, [&](std::vector<double>& v, h5::Shape&) { std::fill(v.begin(), v.end(), value); });
}

void truncate_rows(const std::string& file, const std::string& dataset, std::size_t rows)
{
    rewrite(file, dataset, [&](std::vector<double>& v, h5::Shape& shape) {
        const std::size_t width = shape[0] == 0 ? 0 : v.size() / shape[0];
        shape[0] = rows;
        v.resize(rows * width);
    });
}

void set_attribute(const std::string& file, const std::string& object, const std::string& name,
                   const h5::AttrValue& value)
{
    h5::File h = h5::File::open_for_update(file);
    h.set_attr(object, name, value);
    h.close();
}

bool ChildResult::clean() const
{
    const bool report =
        output.find("Sanitizer") != std::string::npos || output.find("runtime error:") != std::string::npos;
    return !timed_out && !report && (status == 0 || (status == 2 && output.find("cogov") != std::string::npos));
}

ChildResult run_cogov(const std::vector<std::string>& args, double seconds)
{
    char log[] = "/tmp/cogov-child-XXXXXX";
    const int fd = ::mkstemp(log);
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(fd, 1);
        ::dup2(fd, 2);
        // COGOV_TEST_BIN: another cogov to try the same files on (an older build, to see a test fail).
        const char* other = std::getenv("COGOV_TEST_BIN");
        std::vector<std::string> argv = {other ? std::string(other) : cogov_binary()};
        argv.insert(argv.end(), args.begin(), args.end());
        std::vector<char*> cargs;
        for (auto& a : argv) cargs.push_back(a.data());
        cargs.push_back(nullptr);
        ::execv(cargs[0], cargs.data());
        ::_exit(127);
    }
    ::close(fd);
    ChildResult r;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    int status = 0;
    for (;;) {
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) break;
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            r.timed_out = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    r.status = r.timed_out ? -1 : WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    std::ifstream in(log);
    std::ostringstream text;
    text << in.rdbuf();
    r.output = text.str();
    ::unlink(log);
    return r;
}

}  // namespace cogov::test
