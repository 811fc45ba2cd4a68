// Reading sweep TOML: base scenario, [set], [parameters], [design], [record].
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "cogov/sim/library.h"
#include "cogov/sim/run.h"
#include "cogov/sim/toml_values.h"
#include "cogov/batch/calibrate_run.h"
#include "cogov/batch/sobol.h"
#include "cogov/batch/sweep_design.h"
#include "cogov/batch/sweep_record.h"
#include "cogov/sim/text.h"

namespace cogov {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> TOP_KEYS = {"name", "scenario",      "seed",   "replicates", "common_seeds",
                                           "set",  "parameters",    "design", "record",     "base_arm",
                                           "arms", "uncertainties", "levers", "outcomes"};
const std::vector<std::string> OUTCOME_KEYS = {"name", "direction", "threshold"};
const std::vector<std::string> DESIGN_KEYS = {"type", "n", "levels", "file"};
const std::vector<std::string> RECORD_KEYS = {"series", "final", "mean", "last_weeks", "window"};
const std::vector<std::string> ARM_KEYS = {"name", "scenario", "set"};

const std::vector<std::string> DESIGN_TYPES = {"factorial", "latin_hypercube", "sobol", "morris", "csv", "posterior"};

//! Collects every problem of a sweep file, then builds the Sweep.
class SweepLoader {
public:
    SweepLoader(std::string text, std::string file) : file_(std::move(file))
    {
        sweep_.text = std::move(text);
        sweep_.source = file_;
    }
    Sweep load();

private:
    void top_level(const toml::table& root);
    void design_table(const toml::node& node);
    //! Call fn for every parameter key in a table (quoted keys or sub-tables).
    void for_each_param(const toml::table& table, const std::string& prefix, const std::string& label,
                        const std::function<void(const ParamSpec&, const toml::node&, const Origin&)>& fn);
    void parameter(const ParamSpec& spec, const toml::node& node, const Origin& where);
    void record_table(const toml::node& node);
    std::vector<std::string> names(const toml::node& node, const std::string& key);
    std::int64_t integer(const toml::node& node, const std::string& key, std::int64_t lo, std::int64_t hi);
    void base_scenario(const toml::table& root);
    //! [[arms]]: name, scenario (a file relative to the sweep; default the
    //! sweep's base scenario) and set (parameter changes), on top of [set].
    void arm_tables(const toml::table& root);
    void check_window();
    //! XLRM: [uncertainties] (ranges, sampled by the design), [levers]
    //! (value lists, every combination) and [[outcomes]].
    void experiment_tables(const toml::table& root);
    void outcome_tables(const toml::table& root);
    void build_experiment();
    //! A csv design or posterior draws: the points, and the parameters they
    //! set, come from design.file.
    bool file_design() const { return design_type_ == "csv" || design_type_ == "posterior"; }
    std::pair<std::vector<SweepParameter>, Design> file_design_points() const;
    bool experiment_ = false, record_given_ = false;
    std::vector<SweepParameter> levers_;
    void build_design(const toml::table& root);
    void error(const Origin& where, std::string key, std::string message)
    {
        problems_.push_back(Diagnostic{where, std::move(key), std::move(message)});
    }
    Origin at(const toml::node& node) const { return origin_of(node, file_); }
    fs::path relative(const std::string& path) const
    {
        const fs::path p(path);
        return p.is_absolute() ? p : fs::path(file_).parent_path() / p;
    }
    //! A scenario named in the sweep file: a file relative to it, or a
    //! library name. Throws ScenarioError saying where it was looked for.
    std::string scenario_file(const toml::node& node) const
    {
        const std::string text = node.as_string()->get();
        const BaseLookup found = find_base(text, fs::path(file_).parent_path());
        if (found.file) return found.file->string();
        std::string looked;
        for (const auto& p : found.looked) looked += (looked.empty() ? "" : ", ") + p.string();
        throw ScenarioError({Diagnostic{at(node), "scenario",
                                        "no scenario file or library scenario '" + text + "'; looked for " + looked}});
    }

    std::string file_;
    Sweep sweep_;
    Overrides set_;
    std::string design_type_ = "factorial", design_file_;
    std::int64_t n_ = 0, levels_ = 4;
    Origin design_origin_, n_origin_;
    std::vector<Diagnostic> problems_;
    Origin window_origin_;
};

void SweepLoader::arm_tables(const toml::table& root)
{
    const toml::node* arms = root.get("arms");
    if (!arms || !arms->is_array_of_tables()) return;
    for (auto&& element : *arms->as_array()) {
        const toml::table& t = *element.as_table();
        SweepArm arm;
        Overrides sets = set_;
        const toml::node* file = nullptr;
        for (auto&& [key, node] : t) {
            const std::string k(key.str()), full = "arms." + k;
            if (k == "name" || k == "scenario") {
                if (!node.is_string() || node.as_string()->get().empty())
                    error(at(node), full, "expected a string, got " + describe(node));
                else if (k == "name") arm.name = node.as_string()->get();
                else file = &node;
            } else if (k == "set") {
                if (!node.is_table()) {
                    error(at(node), full, "expected a table, got " + describe(node));
                    continue;
                }
                for_each_param(*node.as_table(), "", "arms.set.",
                               [&](const ParamSpec& spec, const toml::node& v, const Origin&) {
                                   ParamValue value;
                                   if (auto problem = param_value(spec, v, at(v), value)) problems_.push_back(*problem);
                                   else sets.push_back(std::string(spec.key) + "=" + format_value(value));
                               });
            } else {
                problems_.push_back(unknown_key(origin_of(key, file_), full, ARM_KEYS));
            }
        }
        if (arm.name.empty()) {
            error(at(element), "arms", "an arm needs a name");
            continue;
        }
        if (arm.name == sweep_.base_arm || std::any_of(sweep_.arms.begin(), sweep_.arms.end(),
                                                       [&](const SweepArm& a) { return a.name == arm.name; })) {
            error(at(element), "arms.name", "arm '" + arm.name + "' is named twice");
            continue;
        }
        try {
            const toml::node* scenario = root.get("scenario");
            const toml::node* base = file ? file : scenario && scenario->is_string() ? scenario : nullptr;
            arm.scenario = base ? load_scenario_file(scenario_file(*base), sets) : builtin_baseline(sets);
            arm.toml = arm.scenario.to_toml();
            if (arm.scenario.params.time_steps != sweep_.base.params.time_steps)
                error(at(element), "arms",
                      "arm '" + arm.name + "' runs " + std::to_string(arm.scenario.params.time_steps) +
                          " weeks but the base runs " + std::to_string(sweep_.base.params.time_steps) +
                          ": arms must have the same time.steps");
        } catch (const ScenarioError& e) {
            for (const auto& d : e.diagnostics()) problems_.push_back(d);
        }
        sweep_.arms.push_back(std::move(arm));
    }
}

void SweepLoader::experiment_tables(const toml::table& root)
{
    if (root.get("parameters"))
        error(at(*root.get("parameters")), "parameters",
              "an experiment varies [uncertainties] and [levers], not [parameters]");
    if (design_type_ == "factorial") design_type_ = "latin_hypercube";
    if (design_type_ != "latin_hypercube" && design_type_ != "sobol" && !file_design())
        error(design_origin_, "design.type",
              "an experiment samples its uncertainties by latin_hypercube, sobol, csv "
              "or posterior (draws from a cogov calibrate file), not " +
                  design_type_);
    if (const auto* u = root.get("uncertainties"); u && u->is_table() && !file_design())
        for_each_param(*u->as_table(), "", "uncertainties.",
                       [&](const ParamSpec& spec, const toml::node& node, const Origin& where) {
                           parameter(spec, node, where);
                       });
    if (const auto* u = root.get("uncertainties"); u && file_design())
        error(at(*u), "uncertainties",
              "with a " + design_type_ + " design the uncertainties are the file's " +
                  (design_type_ == "csv" ? "columns" : "calibrated parameters"));
    const std::string sampling = design_type_;
    std::vector<SweepParameter> uncertainties = std::move(sweep_.parameters);
    sweep_.parameters.clear();
    design_type_ = "factorial";  // levers are value lists
    if (const auto* l = root.get("levers"); l && l->is_table())
        for_each_param(*l->as_table(), "", "levers.",
                       [&](const ParamSpec& spec, const toml::node& node, const Origin& where) {
                           for (const auto& u : uncertainties)
                               if (u.spec == &spec)
                                   return error(where, std::string(spec.key), "both an uncertainty and a lever");
                           parameter(spec, node, where);
                       });
    levers_ = std::move(sweep_.parameters);
    sweep_.parameters = std::move(uncertainties);
    design_type_ = sampling;
    sweep_.experiment.sampling = sampling;
    outcome_tables(root);
}

void SweepLoader::outcome_tables(const toml::table& root)
{
    const toml::node* outcomes = root.get("outcomes");
    if (!outcomes || !outcomes->is_array_of_tables()) return;
    if (!record_given_) sweep_.record.final.clear();
    for (auto&& element : *outcomes->as_array()) {
        OutcomeGoal goal;
        bool named = false, directed = false;
        for (auto&& [key, node] : *element.as_table()) {
            const std::string k(key.str()), full = "outcomes." + k;
            if (k == "name") {
                const std::string name = node.is_string() ? node.as_string()->get() : "";
                const auto dot = name.find('.');
                const std::string summary = name.substr(0, dot == std::string::npos ? 0 : dot);
                const std::string series = dot == std::string::npos ? "" : name.substr(dot + 1);
                const auto& known = recordable_names();
                if ((summary != "mean" && summary != "final") ||
                    std::find(known.begin(), known.end(), series) == known.end()) {
                    error(at(node), full,
                          "expected mean.<series> or final.<series> with a metric of metrics.def or "
                          "trust.<truster>.<trustee>, got " +
                              describe(node));
                    continue;
                }
                auto& list = summary == "mean" ? sweep_.record.mean : sweep_.record.final;
                if (std::find(list.begin(), list.end(), series) == list.end()) list.push_back(series);
                goal.name = name;
                named = true;
            } else if (k == "direction") {
                const std::string d = node.is_string() ? node.as_string()->get() : "";
                if (d != "maximise" && d != "minimise")
                    error(at(node), full, "expected \"maximise\" or \"minimise\", got " + describe(node));
                goal.maximise = d == "maximise";
                directed = true;
            } else if (k == "threshold") {
                if (!node.is_number()) error(at(node), full, "expected a number, got " + describe(node));
                else goal.threshold = node.value<double>().value_or(0.0), goal.has_threshold = true;
            } else {
                problems_.push_back(unknown_key(origin_of(key, file_), full, OUTCOME_KEYS));
            }
        }
        if (!named || !directed) error(at(element), "outcomes", "an outcome needs a name and a direction");
        else sweep_.experiment.outcomes.push_back(goal);
    }
}

void SweepLoader::build_experiment()
{
    const std::size_t n = static_cast<std::size_t>(n_);
    Design futures;
    if (file_design()) {
        std::tie(sweep_.parameters, futures) = file_design_points();
    } else if (sweep_.parameters.empty()) {
        futures.group = {0};  // one future: the base scenario's values
        futures.role = {0};
        futures.changed = {-1};
    } else if (design_type_ == "sobol") {
        futures = sobol_points_design(sweep_.parameters, n);
    } else {
        futures = latin_hypercube_design(sweep_.parameters, n, sweep_.seed);
    }
    const Design combinations = factorial_design(levers_);
    Experiment& x = sweep_.experiment;
    for (const auto& p : sweep_.parameters) x.uncertainties.emplace_back(p.spec->key);
    for (const auto& p : levers_) x.levers.emplace_back(p.spec->key);
    x.futures = futures.points();
    x.combinations = combinations.points();
    sweep_.design = experiment_design(futures, combinations);
    sweep_.parameters.insert(sweep_.parameters.end(), levers_.begin(), levers_.end());
}

void SweepLoader::check_window()
{
    if (sweep_.record.window.whole_run() || !problems_.empty()) return;
    if (sweep_.record.mean.empty())
        error(window_origin_, "record.window", "a window needs record.mean series to average");
    std::vector<const Scenario*> scenarios{&sweep_.base};
    for (const auto& a : sweep_.arms) scenarios.push_back(&a.scenario);
    try {
        resolve_window(sweep_.record.window, scenarios, sweep_.max_steps);
    } catch (const RequestError& e) {
        error(window_origin_, "record.window", e.what());
    }
}

std::int64_t SweepLoader::integer(const toml::node& node, const std::string& key, std::int64_t lo, std::int64_t hi)
{
    if (!node.is_integer() || node.as_integer()->get() < lo || node.as_integer()->get() > hi) {
        error(at(node), key,
              "expected an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got " +
                  (node.is_integer() ? std::to_string(node.as_integer()->get()) : describe(node)));
        return lo;
    }
    return node.as_integer()->get();
}

void SweepLoader::top_level(const toml::table& root)
{
    for (auto&& [key, node] : root) {
        const std::string k(key.str());
        const Origin where = origin_of(key, file_);
        if (k == "name" || k == "scenario") {
            if (!node.is_string()) error(at(node), k, "expected a string, got " + describe(node));
            else if (k == "name") sweep_.name = node.as_string()->get();
        } else if (k == "seed") {
            sweep_.seed = static_cast<std::uint64_t>(integer(node, k, 0, INT64_MAX));
        } else if (k == "replicates") {
            sweep_.replicates = integer(node, k, 1, 1000000);
        } else if (k == "base_arm") {
            if (!node.is_string() || node.as_string()->get().empty())
                error(at(node), k, "expected the base arm's name, got " + describe(node));
            else sweep_.base_arm = node.as_string()->get();
        } else if (k == "arms") {
            if (!node.is_array_of_tables()) error(at(node), k, "expected [[arms]] tables, got " + describe(node));
        } else if (k == "common_seeds") {
            if (!node.is_boolean()) error(at(node), k, "expected true or false, got " + describe(node));
            else sweep_.common_seeds = node.as_boolean()->get();
        } else if (k == "outcomes") {
            if (!node.is_array_of_tables()) error(at(node), k, "expected [[outcomes]] tables, got " + describe(node));
        } else if (k == "set" || k == "parameters" || k == "uncertainties" || k == "levers") {
            if (!node.is_table()) error(at(node), k, "expected a table, got " + describe(node));
        } else if (k == "design") {
            design_table(node);
        } else if (k == "record") {
            record_table(node);
        } else {
            problems_.push_back(unknown_key(where, k, TOP_KEYS));
        }
    }
}

void SweepLoader::design_table(const toml::node& node)
{
    design_origin_ = at(node);
    if (!node.is_table()) return error(at(node), "design", "expected a table, got " + describe(node));
    for (auto&& [key, value] : *node.as_table()) {
        const std::string k(key.str()), full = "design." + k;
        if (k == "type") {
            if (!value.is_string() ||
                std::find(DESIGN_TYPES.begin(), DESIGN_TYPES.end(), value.as_string()->get()) == DESIGN_TYPES.end())
                error(at(value), full, "expected one of factorial, latin_hypercube, sobol, morris, csv, posterior");
            else design_type_ = value.as_string()->get();
        } else if (k == "n") {
            n_ = integer(value, full, 1, 10000000);
            n_origin_ = at(value);
        } else if (k == "levels") {
            levels_ = integer(value, full, 2, 1000);
            if (levels_ % 2)
                error(at(value), full, "Morris levels must be even (the step is levels / (2 (levels - 1)))");
        } else if (k == "file") {
            if (!value.is_string())
                error(at(value), full, "expected a file path (CSV, or a cogov calibrate file), got " + describe(value));
            else design_file_ = value.as_string()->get();
        } else {
            problems_.push_back(unknown_key(origin_of(key, file_), full, DESIGN_KEYS));
        }
    }
}

void SweepLoader::for_each_param(const toml::table& table, const std::string& prefix, const std::string& label,
                                 const std::function<void(const ParamSpec&, const toml::node&, const Origin&)>& fn)
{
    for (auto&& [key, node] : table) {
        const std::string full = prefix + std::string(key.str());
        const ParamSpec* spec = find_param(full);
        if (!spec && node.is_table()) for_each_param(*node.as_table(), full + ".", label, fn);
        else if (!spec) problems_.push_back(unknown_param(origin_of(key, file_), label + full));
        else fn(*spec, node, origin_of(key, file_));
    }
}

void SweepLoader::parameter(const ParamSpec& spec, const toml::node& node, const Origin& where)
{
    const std::string key(spec.key);
    for (const auto& p : sweep_.parameters)
        if (p.spec == &spec) return error(where, key, "varied twice");
    SweepParameter p{&spec, {}, spec.min, spec.max, where};
    if (design_type_ == "factorial") {
        if (!node.is_array() || node.as_array()->empty())
            return error(at(node), key,
                         "a factorial design needs a list of values, e.g. [0.1, 0.2]; got " + describe(node));
        for (const auto& element : *node.as_array()) {
            ParamValue v;
            if (auto problem = param_value(spec, element, at(element), v)) problems_.push_back(*problem);
            else p.levels.push_back(v);
        }
    } else {
        const auto* range = node.as_table();
        const toml::node* lo = range ? range->get("min") : nullptr;
        const toml::node* hi = range ? range->get("max") : nullptr;
        if (!lo || !hi || range->size() != 2)
            return error(at(node), key, "a " + design_type_ + " design needs a range { min = ..., max = ... }");
        ParamValue a, b;
        auto pa = param_value(spec, *lo, at(*lo), a), pb = param_value(spec, *hi, at(*hi), b);
        if (pa || pb) return problems_.push_back(pa ? *pa : *pb);
        p.min = std::visit([](auto x) { return static_cast<double>(x); }, a);
        p.max = std::visit([](auto x) { return static_cast<double>(x); }, b);
        if (!(p.min < p.max)) return error(at(node), key, "min must be below max");
    }
    sweep_.parameters.push_back(std::move(p));
}

std::vector<std::string> SweepLoader::names(const toml::node& node, const std::string& key)
{
    std::vector<std::string> out;
    const auto* array = node.as_array();
    if (!array) {
        error(at(node), key, "expected a list of series names, got " + describe(node));
        return out;
    }
    for (const auto& element : *array) {
        if (!element.is_string()) {
            error(at(element), key, "expected a series name, got " + describe(element));
            continue;
        }
        const std::string name = element.as_string()->get();
        if (std::find(recordable_names().begin(), recordable_names().end(), name) == recordable_names().end()) {
            Diagnostic d = unknown_key(at(element), name, recordable_names());
            d.key = key;
            d.message = "'" + name + "' is not a metric of metrics.def or trust.<truster>.<trustee>" +
                        d.message.substr(std::string("unknown key").size());
            problems_.push_back(std::move(d));
        } else out.push_back(name);
    }
    return out;
}

void SweepLoader::record_table(const toml::node& node)
{
    record_given_ = true;
    if (!node.is_table()) return error(at(node), "record", "expected a table, got " + describe(node));
    RecordSpec& r = sweep_.record;
    r.final.clear();
    for (auto&& [key, value] : *node.as_table()) {
        const std::string k(key.str()), full = "record." + k;
        if (k == "series") r.series = names(value, full);
        else if (k == "final") r.final = names(value, full);
        else if (k == "mean") r.mean = names(value, full);
        else if (k == "last_weeks") r.last_weeks = integer(value, full, 1, 100000);
        else if (k == "window") {
            if (!value.is_string())
                error(at(value), full,
                      "expected a string such as \"53:312\" or \"after:NOTE\", got " + describe(value));
            else try {
                    r.window = parse_window(value.as_string()->get());
                    window_origin_ = at(value);
                } catch (const RequestError& e) {
                    error(at(value), full, e.what());
                }
        } else problems_.push_back(unknown_key(origin_of(key, file_), full, RECORD_KEYS));
    }
}

void SweepLoader::base_scenario(const toml::table& root)
{
    if (const auto* set = root.get("set"); set && set->is_table())
        for_each_param(*set->as_table(), "", "set.", [&](const ParamSpec& spec, const toml::node& node, const Origin&) {
            ParamValue v;
            if (auto problem = param_value(spec, node, at(node), v)) problems_.push_back(*problem);
            else set_.push_back(std::string(spec.key) + "=" + format_value(v));
        });
    if (!problems_.empty()) return;
    try {
        const toml::node* scenario = root.get("scenario");
        sweep_.base = scenario && scenario->is_string() ? load_scenario_file(scenario_file(*scenario), set_)
                                                        : builtin_baseline(set_);
    } catch (const ScenarioError& e) {
        for (const auto& d : e.diagnostics()) problems_.push_back(d);
    }
    sweep_.base_toml = sweep_.base.to_toml();
}

void SweepLoader::build_design(const toml::table& root)
{
    const std::size_t n = static_cast<std::size_t>(n_), k = sweep_.parameters.size();
    if (experiment_) {
        if ((design_type_ == "posterior" || (!file_design() && !sweep_.parameters.empty())) && n_ == 0)
            error(design_origin_, "design.n", "an experiment needs n, the number of futures to sample");
        if (file_design() && design_file_.empty())
            error(design_origin_, "design.file", "a " + design_type_ + " design needs file");
        if (!problems_.empty()) return;
        return build_experiment();
    }
    const bool sampler = design_type_ != "factorial" && design_type_ != "csv";
    if (sampler && n_ == 0) error(design_origin_, "design.n", "a " + design_type_ + " design needs n");
    if (file_design() && design_file_.empty())
        error(design_origin_, "design.file", "a " + design_type_ + " design needs file");
    if (file_design() && root.get("parameters"))
        error(at(*root.get("parameters")), "parameters",
              "a " + design_type_ + " design takes its parameters from " +
                  (design_type_ == "csv" ? "the file's header" : "the calibration file"));
    if (sampler && !file_design() && k == 0) error(design_origin_, "parameters", "no parameters to vary");
    if (design_type_ == "sobol" && 2 * k > SobolSequence::MAX_DIMENSIONS)
        error(design_origin_, "parameters",
              "a sobol design supports at most " + std::to_string(SobolSequence::MAX_DIMENSIONS / 2) + " parameters");
    if (!problems_.empty()) return;
    Design& d = sweep_.design;
    if (design_type_ == "factorial") d = factorial_design(sweep_.parameters);
    else if (design_type_ == "latin_hypercube") d = latin_hypercube_design(sweep_.parameters, n, sweep_.seed);
    else if (design_type_ == "sobol") d = saltelli_design(sweep_.parameters, n);
    else if (design_type_ == "morris") d = morris_design(sweep_.parameters, n, levels_, sweep_.seed);
    else std::tie(sweep_.parameters, d) = file_design_points();
}

std::pair<std::vector<SweepParameter>, Design> SweepLoader::file_design_points() const
{
    const std::string path = relative(design_file_).string();
    if (design_type_ == "csv") return csv_design(path);
    return posterior_design(path, static_cast<std::size_t>(n_), sweep_.seed, design_origin_);
}

Sweep SweepLoader::load()
{
    toml::table root;
    try {
        root = toml::parse(sweep_.text, file_);
    } catch (const toml::parse_error& e) {
        throw ScenarioError(
            {Diagnostic{origin_of(e.source(), file_), "", "TOML syntax error: " + std::string(e.description())}});
    }
    if (const auto* design = root.get("design"); design && design->is_table())
        if (const auto* type = design->as_table()->get("type"); type && type->is_string())
            design_type_ = type->as_string()->get();
    for (const auto& metric : metric_table()) sweep_.record.final.emplace_back(metric.name);
    top_level(root);
    experiment_ = root.get("uncertainties") || root.get("levers");
    if (experiment_) experiment_tables(root);
    else if (root.get("outcomes"))
        error(at(*root.get("outcomes")), "outcomes",
              "[[outcomes]] belong to an experiment "
              "with [uncertainties] or [levers]");
    const auto* params = root.get("parameters");
    if (!experiment_ && params && params->is_table() && !file_design())
        for_each_param(*params->as_table(), "", "",
                       [&](const ParamSpec& spec, const toml::node& node, const Origin& where) {
                           parameter(spec, node, where);
                       });
    base_scenario(root);
    if (problems_.empty()) arm_tables(root);
    if (problems_.empty()) {
        try {
            build_design(root);
        } catch (const ScenarioError& e) {
            for (const auto& d : e.diagnostics()) problems_.push_back(d);
        }
    }
    if (!problems_.empty()) throw ScenarioError(std::move(problems_));
    // The series are as long as the longest run: the base's, unless time.steps varies.
    sweep_.max_steps = sweep_.base.params.time_steps;
    for (std::size_t j = 0; j < sweep_.parameters.size(); ++j) {
        if (sweep_.parameters[j].spec->key != "time.steps") continue;
        sweep_.max_steps = 0;
        for (std::size_t p = 0; p < sweep_.points(); ++p)
            sweep_.max_steps = std::max(sweep_.max_steps, static_cast<std::int64_t>(sweep_.design.value(p, j)));
    }
    check_window();
    if (!problems_.empty()) throw ScenarioError(std::move(problems_));
    sweep_.id = sweep_fingerprint(sweep_);
    return std::move(sweep_);
}

}  // namespace

Sweep load_sweep_text(const std::string& text, const std::string& source_name)
{
    return SweepLoader(text, source_name).load();
}

void set_sweep_window(Sweep& sweep, const std::string& text)
{
    sweep.record.window = parse_window(text);
    if (sweep.record.mean.empty())
        throw RequestError("a window for the means, but the sweep records no means (record.mean)");
    std::vector<const Scenario*> scenarios{&sweep.base};
    for (const auto& a : sweep.arms) scenarios.push_back(&a.scenario);
    resolve_window(sweep.record.window, scenarios, sweep.max_steps);
    sweep.id = sweep_fingerprint(sweep);
}

Sweep load_sweep_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw ScenarioError(
            {Diagnostic{Origin{path, 0, 0}, "",
                        "cannot read sweep file: " + std::error_code(errno, std::generic_category()).message()}});
    std::ostringstream text;
    text << in.rdbuf();
    return load_sweep_text(text.str(), path);
}

}  // namespace cogov
