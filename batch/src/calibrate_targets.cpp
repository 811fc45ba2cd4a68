// Reading target files of the pack, their statistics and the distance.
#include "cogov/batch/calibrate_targets.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "cogov/batch/sweep_record.h"
#include "cogov/sim/toml_values.h"

namespace cogov {
namespace {

//! Collects the problems of one target file.
class TargetReader {
public:
    TargetReader(std::string file, const toml::table& root) : file_(std::move(file)), root_(root) {}

    std::string string(const char* path)
    {
        const toml::node* n = node(path);
        if (n && !n->is_string()) error(*n, path, "expected a string, got " + describe(*n));
        return n && n->is_string() ? n->as_string()->get() : std::string();
    }
    double number(const toml::node& n, const std::string& key)
    {
        if (n.is_integer() || n.is_floating_point()) return n.value<double>().value();
        error(n, key, "expected a number, got " + describe(n));
        return 0;
    }
    const toml::array* array(const char* path, std::size_t size)
    {
        const toml::node* n = node(path);
        const toml::array* a = n ? n->as_array() : nullptr;
        if (n && (!a || (size && a->size() != size)))
            error(*n, path, "expected a list" + (size ? " of " + std::to_string(size) + " values" : std::string()));
        return a && (!size || a->size() == size) ? a : nullptr;
    }
    const toml::node* node(const char* path, bool required = true)
    {
        const toml::node* n = root_.at_path(path).node();
        if (!n && required)
            problems.push_back(Diagnostic{Origin{file_, 1, 1}, path, "missing (data/targets/README.md)"});
        return n;
    }
    void error(const toml::node& n, const std::string& key, std::string message)
    {
        problems.push_back(Diagnostic{origin_of(n, file_), key, std::move(message)});
    }
    std::vector<Diagnostic> problems;

private:
    std::string file_;
    const toml::table& root_;
};

void check_series(TargetReader& r, const toml::node& n, const std::string& key, const std::string& name)
{
    const auto& names = recordable_names();
    if (std::find(names.begin(), names.end(), name) == names.end())
        r.error(n, key, "'" + name + "' is not a metric of metrics.def or trust.<truster>.<trustee>");
}

void read_model(TargetReader& r, Target& t)
{
    t.scenario = r.string("model.scenario");
    t.series = r.string("model.series");
    if (const toml::node* n = r.node("model.series"); n && n->is_string())
        check_series(r, *n, "model.series", t.series);
    if (const toml::node* d = r.node("model.denominator", false)) {
        const toml::array* a = r.array("model.denominator", 0);
        for (std::size_t i = 0; a && i < a->size(); ++i) {
            const toml::node& e = *a->get(i);
            if (!e.is_string()) r.error(e, "model.denominator", "expected a series name, got " + describe(e));
            else check_series(r, e, "model.denominator", t.denominator.emplace_back(e.as_string()->get()));
        }
        if (a && a->empty()) r.error(*d, "model.denominator", "expected at least one series");
    }
    const std::string stat = r.string("model.statistic");
    if (stat == "slope_per_year") t.statistic = TargetStatistic::slope_per_year;
    else if (stat != "mean" && r.node("model.statistic", false))
        r.error(*r.node("model.statistic"), "model.statistic",
                "expected \"mean\" or \"slope_per_year\", got '" + stat + "'");
    if (const toml::array* w = r.array("model.window", 2)) {
        t.first = static_cast<std::int64_t>(r.number(*w->get(0), "model.window"));
        t.last = static_cast<std::int64_t>(r.number(*w->get(1), "model.window"));
        if (t.first < 1 || t.last < t.first + (t.statistic == TargetStatistic::slope_per_year))
            r.error(*w, "model.window", "expected [first, last] weeks with 1 <= first <= last");
    }
}

void read_value(TargetReader& r, Target& t)
{
    if (const toml::node* e = r.node("value.estimate")) t.estimate = r.number(*e, "value.estimate");
    if (const toml::array* i = r.array("value.interval", 2)) {
        t.lo = r.number(*i->get(0), "value.interval");
        t.hi = r.number(*i->get(1), "value.interval");
        if (!(t.lo < t.estimate && t.estimate < t.hi))
            r.error(*i, "value.interval", "expected lo < estimate < hi (the half-widths are the distance's scale)");
    }
}

double sum(const double* x, std::int64_t first, std::int64_t last)
{
    double s = 0;
    for (std::int64_t w = first; w <= last; ++w) s += x[w - 1];
    return s;
}

//! 52 x the least-squares slope of x on w over the window.
double slope_per_year(const double* x, std::int64_t first, std::int64_t last)
{
    const double n = static_cast<double>(last - first + 1), wbar = 0.5 * static_cast<double>(first + last);
    const double xbar = sum(x, first, last) / n;
    double sxy = 0, sxx = 0;
    for (std::int64_t w = first; w <= last; ++w) {
        sxy += (static_cast<double>(w) - wbar) * (x[w - 1] - xbar);
        sxx += (static_cast<double>(w) - wbar) * (static_cast<double>(w) - wbar);
    }
    return 52.0 * sxy / sxx;
}

}  // namespace

std::vector<std::string> Target::needed() const
{
    std::vector<std::string> out{series};
    out.insert(out.end(), denominator.begin(), denominator.end());
    return out;
}

Target load_target(const std::string& dir, const std::string& id, const Origin& named_at)
{
    const std::string file = (std::filesystem::path(dir) / (id + ".toml")).string();
    std::ifstream in(file, std::ios::binary);
    if (!in) throw ScenarioError({Diagnostic{named_at, "targets", "no target '" + id + "': cannot read " + file}});
    std::ostringstream text;
    text << in.rdbuf();
    toml::table root;
    try {
        root = toml::parse(text.str(), file);
    } catch (const toml::parse_error& e) {
        throw ScenarioError(
            {Diagnostic{origin_of(e.source(), file), "", "TOML syntax error: " + std::string(e.description())}});
    }
    TargetReader r(file, root);
    Target t;
    t.file = file;
    t.origin = named_at;
    t.id = r.string("id");
    if (!t.id.empty() && t.id != id) r.error(*r.node("id"), "id", "is '" + t.id + "' but the file is " + id + ".toml");
    t.title = r.string("title");
    t.kind = r.string("kind");
    read_model(r, t);
    read_value(r, t);
    if (!r.problems.empty()) throw ScenarioError(std::move(r.problems));
    return t;
}

double target_statistic(const Target& t, const std::vector<const double*>& series)
{
    const double* x = series.at(0);
    const double n = static_cast<double>(t.last - t.first + 1);
    double denom = 0;
    for (std::size_t j = 1; j < series.size(); ++j) denom += sum(series[j], t.first, t.last);
    const bool ratio = series.size() > 1;
    if (ratio && !(denom != 0)) return std::nan("");
    if (t.statistic == TargetStatistic::mean)
        return ratio ? sum(x, t.first, t.last) / denom : sum(x, t.first, t.last) / n;
    const double slope = slope_per_year(x, t.first, t.last);
    return ratio ? slope / (denom / n) : slope;
}

double target_z(const Target& t, double s)
{
    return (s - t.estimate) / (s >= t.estimate ? t.hi - t.estimate : t.estimate - t.lo);
}

double rms_distance(const std::vector<Target>& targets, const std::vector<double>& stats)
{
    double q = 0;
    for (std::size_t j = 0; j < targets.size(); ++j) {
        if (!std::isfinite(stats[j])) return std::numeric_limits<double>::infinity();
        const double z = target_z(targets[j], stats[j]);
        q += z * z;
    }
    return std::sqrt(q / static_cast<double>(targets.size()));
}

}  // namespace cogov
