// Reading calibration TOML: scenario, [set], targets, [parameters] with
// priors, [tolerance] and the ABC-SMC sizes.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "cogov/batch/calibration.h"
#include "cogov/sim/library.h"
#include "cogov/sim/toml_values.h"

namespace cogov {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> TOP_KEYS = {"name",       "scenario",  "targets_dir", "targets",         "seed",
                                           "replicates", "particles", "batch",       "max_generations", "output",
                                           "tolerance",  "set",       "parameters"};
const std::vector<std::string> TOLERANCE_KEYS = {"alpha", "min_epsilon", "min_acceptance", "first"};
const std::vector<std::string> PRIOR_KEYS = {"prior", "min", "max", "mean", "sd", "a", "b"};
const std::vector<std::string> PRIOR_NAMES = {"uniform", "log_uniform", "normal", "beta"};

//! Collects every problem of a calibration file, then builds it.
class CalibrationLoader {
public:
    CalibrationLoader(std::string text, std::string file, const CalibrationPaths& paths)
        : file_(std::move(file)), paths_(paths)
    {
        calib_.text = std::move(text);
        calib_.source = file_;
    }
    Calibration load();

private:
    void top_level(const toml::table& root);
    void tolerance(const toml::node& node);
    void target_ids(const toml::node& node);
    void parameters(const toml::table& table, const std::string& prefix);
    void parameter(const ParamSpec& spec, const toml::node& node, const Origin& where);
    bool bound(const ParamSpec& spec, const toml::table& t, const char* key, double fallback, double& out);
    void scenario(const toml::table& root);
    //! "unknown key" for a parameter key, did-you-mean among the table's keys.
    void unknown_param(const Origin& where, const std::string& table, const std::string& key)
    {
        Diagnostic d = cogov::unknown_param(where, key);
        d.key = table + key;
        problems_.push_back(std::move(d));
    }
    void targets();
    std::int64_t integer(const toml::node& node, const std::string& key, std::int64_t lo, std::int64_t hi);
    double real(const toml::node& node, const std::string& key, double lo, double hi);
    void error(const Origin& where, std::string key, std::string message)
    {
        problems_.push_back(Diagnostic{where, std::move(key), std::move(message)});
    }
    Origin at(const toml::node& node) const { return origin_of(node, file_); }
    std::string relative(const std::string& path) const
    {
        const fs::path p(path);
        return (p.is_absolute() ? p : fs::path(file_).parent_path() / p).lexically_normal().string();
    }

    std::string file_;
    const CalibrationPaths& paths_;
    Calibration calib_;
    std::vector<std::pair<std::string, Origin>> ids_;
    std::vector<Diagnostic> problems_;
};

std::int64_t CalibrationLoader::integer(const toml::node& node, const std::string& key, std::int64_t lo,
                                        std::int64_t hi)
{
    if (!node.is_integer() || node.as_integer()->get() < lo || node.as_integer()->get() > hi) {
        error(at(node), key,
              "expected an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got " +
                  (node.is_integer() ? std::to_string(node.as_integer()->get()) : describe(node)));
        return lo;
    }
    return node.as_integer()->get();
}

double CalibrationLoader::real(const toml::node& node, const std::string& key, double lo, double hi)
{
    const bool number = node.is_integer() || node.is_floating_point();
    const double v = number ? node.value_or(0.0) : 0.0;
    if (!number || !(v >= lo && v <= hi)) {
        std::ostringstream os;
        os << "expected a number in [" << lo << ", " << hi << "], got ";
        if (number) os << v;
        else os << describe(node);
        error(at(node), key, os.str());
        return lo;
    }
    return v;
}

void CalibrationLoader::top_level(const toml::table& root)
{
    for (auto&& [key, node] : root) {
        const std::string k(key.str());
        AbcConfig& abc = calib_.abc;
        if (k == "name" || k == "scenario" || k == "targets_dir" || k == "output") {
            if (!node.is_string()) error(at(node), k, "expected a string, got " + describe(node));
            else if (k == "name") calib_.name = node.as_string()->get();
            else if (k == "output") calib_.output = relative(node.as_string()->get());
            else if (k == "targets_dir") calib_.targets_dir = relative(node.as_string()->get());
        } else if (k == "seed") {
            abc.seed = static_cast<std::uint64_t>(integer(node, k, 0, INT64_MAX));
        } else if (k == "replicates") {
            calib_.replicates = integer(node, k, 1, 1000);
        } else if (k == "particles") {
            abc.particles = integer(node, k, 2, 1000000);
        } else if (k == "batch") {
            abc.batch = integer(node, k, 1, 1000000);
        } else if (k == "max_generations") {
            abc.max_generations = integer(node, k, 1, 1000);
        } else if (k == "tolerance") {
            tolerance(node);
        } else if (k == "targets") {
            target_ids(node);
        } else if (k == "set" || k == "parameters") {
            if (!node.is_table()) error(at(node), k, "expected a table, got " + describe(node));
        } else {
            problems_.push_back(unknown_key(origin_of(key, file_), k, TOP_KEYS));
        }
    }
    if (!root.get("targets")) error(Origin{file_, 1, 1}, "targets", "missing: the ids of the targets to fit");
    if (!root.get("parameters")) error(Origin{file_, 1, 1}, "parameters", "missing: the parameters to calibrate");
}

void CalibrationLoader::tolerance(const toml::node& node)
{
    if (!node.is_table()) return error(at(node), "tolerance", "expected a table, got " + describe(node));
    AbcConfig& abc = calib_.abc;
    for (auto&& [key, value] : *node.as_table()) {
        const std::string k(key.str()), full = "tolerance." + k;
        if (k == "alpha") abc.alpha = real(value, full, 0.01, 0.99);
        else if (k == "min_epsilon") abc.min_epsilon = real(value, full, 0, 1e12);
        else if (k == "min_acceptance") abc.min_acceptance = real(value, full, 0, 0.99);
        else if (k == "first") abc.first_epsilon = real(value, full, 1e-12, 1e12);
        else problems_.push_back(unknown_key(origin_of(key, file_), full, TOLERANCE_KEYS));
    }
}

void CalibrationLoader::target_ids(const toml::node& node)
{
    const toml::array* a = node.as_array();
    if (!a || a->empty()) return error(at(node), "targets", "expected a list of target ids, got " + describe(node));
    for (const auto& e : *a) {
        if (!e.is_string()) {
            error(at(e), "targets", "expected a target id (a file stem in the target folder), got " + describe(e));
            continue;
        }
        const std::string id = e.as_string()->get();
        if (std::any_of(ids_.begin(), ids_.end(), [&](const auto& p) { return p.first == id; }))
            error(at(e), "targets", "'" + id + "' is named twice");
        else ids_.emplace_back(id, at(e));
    }
}

void CalibrationLoader::parameters(const toml::table& table, const std::string& prefix)
{
    for (auto&& [key, node] : table) {
        const std::string full = prefix + std::string(key.str());
        const ParamSpec* spec = find_param(full);
        if (!spec && node.is_table() && !node.as_table()->get("prior")) parameters(*node.as_table(), full + ".");
        else if (!spec) unknown_param(origin_of(key, file_), "parameters.", full);
        else parameter(*spec, node, origin_of(key, file_));
    }
}

//! A prior bound (min or max), read as a value of the parameter (its type
//! and range, through the parameter table); the table's bound if absent.
bool CalibrationLoader::bound(const ParamSpec& spec, const toml::table& t, const char* key, double fallback,
                              double& out)
{
    out = fallback;
    const toml::node* n = t.get(key);
    if (!n) return true;
    ParamValue v;
    if (auto problem = param_value(spec, *n, at(*n), v)) {
        problem->key = std::string(spec.key) + "." + key;
        problems_.push_back(*problem);
        return false;
    }
    out = std::visit([](auto x) { return static_cast<double>(x); }, v);
    return true;
}

void CalibrationLoader::parameter(const ParamSpec& spec, const toml::node& node, const Origin& where)
{
    const std::string key(spec.key);
    if (spec.type == ParamType::boolean)
        return error(where, key, "is a boolean; only real and integer parameters can be calibrated");
    for (const auto& p : calib_.parameters)
        if (p.spec == &spec) return error(where, key, "calibrated twice");
    const toml::table* t = node.as_table();
    if (!t) return error(at(node), key, "expected a prior, e.g. { prior = \"uniform\", min = 0.1, max = 0.5 }");
    for (auto&& [k, v] : *t)
        if (std::find(PRIOR_KEYS.begin(), PRIOR_KEYS.end(), std::string(k.str())) == PRIOR_KEYS.end())
            problems_.push_back(unknown_key(origin_of(k, file_), key + "." + std::string(k.str()), PRIOR_KEYS));
    const toml::node* kind = t->get("prior");
    const auto name = kind && kind->is_string() ? kind->as_string()->get() : std::string();
    const auto it = std::find(PRIOR_NAMES.begin(), PRIOR_NAMES.end(), name);
    if (it == PRIOR_NAMES.end())
        return error(kind ? at(*kind) : where, key + ".prior", "expected one of uniform, log_uniform, normal, beta");
    CalibParameter p{&spec, Prior{static_cast<PriorKind>(it - PRIOR_NAMES.begin())}, where};
    Prior& prior = p.prior;
    if (!bound(spec, *t, "min", spec.min, prior.lo) || !bound(spec, *t, "max", spec.max, prior.hi)) return;
    const bool needs_range = prior.kind == PriorKind::uniform || prior.kind == PriorKind::log_uniform;
    if (needs_range && (!t->get("min") || !t->get("max")))
        return error(where, key,
                     "a " + name + " prior needs min and max (within the parameter's range " + spec.range_text() + ")");
    const char* shape_keys[2] = {prior.kind == PriorKind::normal ? "mean" : "a",
                                 prior.kind == PriorKind::normal ? "sd" : "b"};
    for (int s = 0; s < 2 && !needs_range; ++s) {
        const toml::node* n = t->get(shape_keys[s]);
        if (!n) return error(where, key, "a " + name + " prior needs " + shape_keys[0] + " and " + shape_keys[1]);
        (s ? prior.b : prior.a) = real(*n, key + "." + shape_keys[s], -1e12, 1e12);
    }
    for (const char* k : {"mean", "sd", "a", "b"})
        if (t->get(k) && (needs_range || (std::string(k) != shape_keys[0] && std::string(k) != shape_keys[1])))
            error(at(*t->get(k)), key + "." + k, "is not a setting of a " + name + " prior");
    if (needs_range) prior.a = prior.lo, prior.b = prior.hi;
    if (auto problem = prior.problem(); !problem.empty()) return error(where, key, problem);
    calib_.parameters.push_back(p);
}

void CalibrationLoader::scenario(const toml::table& root)
{
    Overrides set;
    if (const auto* s = root.get("set"); s && s->is_table())
        for (auto&& [key, node] : *s->as_table()) {
            const std::string k(key.str());
            const ParamSpec* spec = find_param(k);
            ParamValue v;
            if (!spec) unknown_param(origin_of(key, file_), "set.", k);
            else if (auto problem = param_value(*spec, node, at(node), v)) problems_.push_back(*problem);
            else set.push_back(k + "=" + format_value(v));
        }
    for (const auto& p : calib_.parameters)
        if (std::any_of(set.begin(), set.end(),
                        [&](const std::string& s) { return s.rfind(std::string(p.spec->key) + "=", 0) == 0; }))
            error(p.origin, std::string(p.spec->key), "is both set and calibrated");
    if (!problems_.empty()) return;
    const toml::node* sc = root.get("scenario");
    calib_.scenario_arg = sc && sc->is_string() ? sc->as_string()->get() : "";
    try {
        if (calib_.scenario_arg.empty()) calib_.scenario = builtin_baseline(set);
        else {
            const std::string arg = calib_.scenario_arg;
            const std::string path = fs::exists(relative(arg)) ? relative(arg)
                                     : paths_.scenario         ? paths_.scenario(arg)
                                                               : resolve_scenario(arg);
            calib_.scenario = load_scenario_file(path, set);
        }
    } catch (const ScenarioError& e) {
        for (const auto& d : e.diagnostics()) problems_.push_back(d);
    }
    calib_.scenario_toml = calib_.scenario.to_toml();
}

void CalibrationLoader::targets()
{
    if (calib_.targets_dir.empty()) calib_.targets_dir = paths_.default_targets_dir;
    for (const auto& [id, where] : ids_) {
        try {
            Target t = load_target(calib_.targets_dir, id, where);
            if (t.scenario != calib_.scenario.name)
                error(where, "targets",
                      "target '" + id + "' is a target of scenario '" + t.scenario +
                          "', not of the calibrated scenario '" + calib_.scenario.name + "'");
            else if (t.last > calib_.scenario.params.time_steps)
                error(where, "targets",
                      "target '" + id + "' needs weeks up to " + std::to_string(t.last) + " but the scenario runs " +
                          std::to_string(calib_.scenario.params.time_steps));
            else calib_.targets.push_back(std::move(t));
        } catch (const ScenarioError& e) {
            for (const auto& d : e.diagnostics()) problems_.push_back(d);
        }
    }
}

Calibration CalibrationLoader::load()
{
    toml::table root;
    try {
        root = toml::parse(calib_.text, file_);
    } catch (const toml::parse_error& e) {
        throw ScenarioError(
            {Diagnostic{origin_of(e.source(), file_), "", "TOML syntax error: " + std::string(e.description())}});
    }
    top_level(root);
    if (const auto* p = root.get("parameters"); p && p->is_table()) parameters(*p->as_table(), "");
    if (const auto* p = root.get("parameters"); p && p->is_table() && p->as_table()->empty())
        error(at(*p), "parameters", "no parameters to calibrate");
    scenario(root);
    if (problems_.empty()) targets();
    if (calib_.abc.batch > calib_.abc.particles * 100) error(Origin{file_, 1, 1}, "batch", "more than 100 x particles");
    if (!problems_.empty()) throw ScenarioError(std::move(problems_));
    if (calib_.name.empty()) calib_.name = fs::path(file_).stem().string();
    return std::move(calib_);
}

}  // namespace

std::vector<Prior> Calibration::priors() const
{
    std::vector<Prior> out;
    for (const auto& p : parameters) out.push_back(p.prior);
    return out;
}

std::vector<std::string> Calibration::recorded() const
{
    std::vector<std::string> out;
    for (const auto& t : targets)
        for (const auto& s : t.needed())
            if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
    return out;
}

std::vector<std::pair<const ParamSpec*, ParamValue>> Calibration::values(const std::vector<double>& theta) const
{
    std::vector<std::pair<const ParamSpec*, ParamValue>> out;
    for (std::size_t j = 0; j < parameters.size(); ++j) {
        const ParamSpec* spec = parameters[j].spec;
        if (spec->type == ParamType::integer) out.emplace_back(spec, static_cast<std::int64_t>(std::llround(theta[j])));
        else out.emplace_back(spec, theta[j]);
    }
    return out;
}

Calibration load_calibration_text(const std::string& text, const std::string& source_name,
                                  const CalibrationPaths& paths)
{
    return CalibrationLoader(text, source_name, paths).load();
}

Calibration load_calibration_file(const std::string& path, const CalibrationPaths& paths)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw ScenarioError(
            {Diagnostic{Origin{path, 0, 0}, "",
                        "cannot read calibration file: " + std::error_code(errno, std::generic_category()).message()}});
    std::ostringstream text;
    text << in.rdbuf();
    return load_calibration_text(text.str(), path, paths);
}

}  // namespace cogov
