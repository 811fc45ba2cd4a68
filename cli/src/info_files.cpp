// cogov info for comparison and sweep (and experiment) files; run files are
// described in cmd_info.cpp.
#include <algorithm>
#include <iomanip>

#include "cogov/sim/compare.h"
#include "cogov/sim/h5.h"
#include "cogov/batch/sweep_file.h"
#include "cogov/cli/cli.h"
#include "cogov/cli/options.h"

namespace cogov::cli {
namespace {

//! Provenance lines every cogov file has.
void print_provenance(std::ostream& os, const h5::File& f)
{
    os << "  format          " << f.attr_as<std::string>("/", "format") << " v"
       << f.attr_as<std::int64_t>("/", "format_version") << "\n"
       << "  cogov           " << f.attr_as<std::string>("/", "cogov_version") << " ("
       << f.attr_as<std::string>("/", "git_commit") << ")\n"
       << "  created         " << f.attr_as<std::string>("/", "created");
    if (f.has_attr("/", "wall_seconds"))
        os << ", " << std::fixed << std::setprecision(2) << f.attr_as<double>("/", "wall_seconds") << " s wall-clock"
           << std::defaultfloat;
    os << "\n";
}

void print_compare(std::ostream& os, const std::string& path)
{
    const h5::File f = read_input([&] { return h5::File::open(path); });
    os << path << "\n";
    print_provenance(os, f);
    const auto arms = f.attr_as<std::vector<std::string>>("/", "arms");
    os << "  arms            ";
    for (std::size_t a = 0; a < arms.size(); ++a)
        os << (a ? ", " : "") << "'" << arms[a] << "'" << (a ? "" : " (base)");
    os << "\n  replicates      " << f.attr_as<std::int64_t>("/", "replicates")
       << " paired (common random numbers), seed " << f.attr_as<std::int64_t>("/", "seed") << "\n"
       << "  steps           " << f.attr_as<std::int64_t>("/", "steps") << " weeks\n";
    if (f.has_attr("/", "window")) os << "  means           " << f.attr_as<std::string>("/", "window") << "\n";
    os << "  outcomes        " << f.shape("/outcome").at(0) << (f.exists("/arms/0/city") ? ", with weekly series" : "")
       << "\n";
}

void print_sweep(std::ostream& os, const std::string& path)
{
    SweepReader reader = read_input([&] { return SweepReader(path); });
    const Sweep& s = reader.sweep();
    const h5::File f = h5::File::open(path);
    os << path << "\n";
    print_provenance(os, f);
    os << "  sweep           '" << s.name << "' (" << s.source << ")\n"
       << "  scenario        " << s.base.name << "\n"
       << "  design          " << design_name(s.design.type) << ", " << s.points() << " points x " << s.replicates
       << " replicates = " << s.runs() << " runs of up to " << s.max_steps << " weeks\n"
       << "  seeds           sweep seed " << s.seed
       << (s.common_seeds ? ", common random numbers across points" : ", independent per point") << "\n"
       << "  runs            " << f.attr_as<std::int64_t>("/", "runs_done") << " done, "
       << f.attr_as<std::int64_t>("/", "runs_failed") << " failed" << (reader.complete() ? "" : ", incomplete")
       << (reader.shard() == "1/1" ? "" : ", shard " + reader.shard()) << "\n";
    const Experiment& x = s.experiment;
    auto is_lever = [&](const std::string& key) {
        return std::find(x.levers.begin(), x.levers.end(), key) != x.levers.end();
    };
    for (const auto& p : s.parameters)
        os << "  varies          " << p.spec->key
           << (!x.active()                          ? ""
               : is_lever(std::string(p.spec->key)) ? " (lever)"
                                                    : " (uncertainty)")
           << "\n";
    if (x.active())
        os << "  experiment      " << x.futures << " futures (" << x.sampling << ") x " << x.combinations
           << " lever combinations\n";
    for (const auto& o : x.outcomes)
        os << "  outcome         " << o.name << " (" << (o.maximise ? "maximise" : "minimise")
           << (o.has_threshold ? ", threshold " + std::to_string(o.threshold) : std::string()) << ")\n";
    if (!s.arms.empty()) {
        os << "  arms            " << s.base_arm << " (base)";
        for (const auto& a : s.arms) os << ", " << a.name;
        os << "\n";
    }
    auto list = [&](const char* label, const std::vector<std::string>& names) {
        if (names.empty()) return;
        os << "  " << std::left << std::setw(16) << label;
        for (std::size_t i = 0; i < names.size(); ++i) os << (i ? ", " : "") << names[i];
        os << "\n";
    };
    list("series", s.record.series);
    list("final", s.record.final);
    list("means", s.record.mean);
}

}  // namespace

bool print_comparison_or_sweep(std::ostream& os, const std::string& path)
{
    std::string format;
    {
        const h5::File f = read_input([&] { return h5::File::open(path); });
        if (f.has_attr("/", "format")) format = read_input([&] { return f.attr_as<std::string>("/", "format"); });
    }
    if (format == COMPARE_FORMAT) print_compare(os, path);
    else if (format == SWEEP_FORMAT) print_sweep(os, path);
    else return false;
    return true;
}

}  // namespace cogov::cli
