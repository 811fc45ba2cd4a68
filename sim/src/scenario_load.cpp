// Reading scenario TOML: base chains, sections, events and --set overrides.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <toml++/toml.h>

#include "cogov/sim/library.h"
#include "cogov/sim/scenario.h"
#include "cogov/sim/text.h"
#include "cogov/sim/toml_values.h"

namespace cogov {
namespace {

namespace fs = std::filesystem;

const char* const TOP_LEVEL_KEYS[] = {"name", "description", "base", "events", "human"};

//! Accumulates a scenario over layers (base files, then the file, then
//! overrides) and collects every problem instead of stopping at the first.
class Loader {
public:
    Loader() : origins_(param_table().size()) {}

    void load_file(const std::string& path);
    void load_text(std::string_view text, const std::string& source_name);
    void apply_override(const std::string& assignment);
    Scenario finish(const std::string& source);

private:
    void apply_layer(const toml::table& root, const std::string& file);
    void apply_section(const std::string& section, const toml::table& table, const std::string& file);
    void apply_events(const toml::node& node, const std::string& file);
    void apply_event(const toml::table& table, const std::string& file);
    void apply_moves(const toml::node& node, const std::string& file);
    void apply_move(const toml::table& table, const std::string& file);
    void collect_sets(const toml::table& table, const std::string& prefix, Event& event, const std::string& file);
    bool convert(const ParamSpec& spec, const toml::node& node, const Origin& where, ParamValue& out);
    void error(const Origin& where, std::string key, std::string message);
    void unknown_key(const Origin& where, const std::string& key);

    Scenario scenario_;
    std::vector<Origin> origins_;
    std::vector<std::string> chain_;  // canonical paths being loaded (cycle check)
    std::vector<Diagnostic> problems_;
};

void Loader::error(const Origin& where, std::string key, std::string message)
{
    problems_.push_back(Diagnostic{where, std::move(key), std::move(message)});
}

void Loader::unknown_key(const Origin& where, const std::string& key)
{
    std::vector<std::string> names(std::begin(TOP_LEVEL_KEYS), std::end(TOP_LEVEL_KEYS));
    for (auto section : param_sections()) names.emplace_back(section);
    problems_.push_back(unknown_param(where, key, "key", names));
}

bool Loader::convert(const ParamSpec& spec, const toml::node& node, const Origin& where, ParamValue& out)
{
    auto problem = param_value(spec, node, where, out);
    if (problem) problems_.push_back(std::move(*problem));
    return !problem;
}

void Loader::load_file(const std::string& path)
{
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(path, ec);
    const std::string id = ec ? path : canonical.string();
    for (const auto& seen : chain_) {
        if (seen == id) {
            std::string cycle;
            for (const auto& c : chain_) cycle += c + " -> ";
            error(Origin{path, 0, 0}, "base", "cyclic base chain: " + cycle + id);
            return;
        }
    }
    if (chain_.size() >= MAX_BASE_DEPTH) {
        error(Origin{path, 0, 0}, "base", "base chain deeper than " + std::to_string(MAX_BASE_DEPTH) + " files");
        return;
    }
    // Only regular files: a FIFO would hang, /dev/zero never end, a folder read as empty.
    const auto status = fs::status(path, ec);
    if (!ec && fs::exists(status) && !fs::is_regular_file(status)) {
        error(Origin{path, 0, 0}, "", "cannot read scenario file: not a regular file");
        return;
    }
    if (!ec && fs::exists(status) && fs::file_size(path, ec) > MAX_SCENARIO_BYTES) {
        error(Origin{path, 0, 0}, "", "scenario file larger than " + std::to_string(MAX_SCENARIO_BYTES >> 10) + " KiB");
        return;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error(Origin{path, 0, 0}, "",
              "cannot read scenario file: " + std::error_code(errno, std::generic_category()).message());
        return;
    }
    std::string text(MAX_SCENARIO_BYTES + 1, '\0');  // bounded even if the file grows while read
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > MAX_SCENARIO_BYTES) {
        error(Origin{path, 0, 0}, "", "scenario file larger than " + std::to_string(MAX_SCENARIO_BYTES >> 10) + " KiB");
        return;
    }
    chain_.push_back(id);
    load_text(text, path);
    chain_.pop_back();
}

void Loader::load_text(std::string_view text, const std::string& source_name)
{
    toml::table root;
    try {
        root = toml::parse(text, source_name);
    } catch (const toml::parse_error& e) {
        const auto& pos = e.source().begin;
        error(Origin{source_name, static_cast<int>(pos.line), static_cast<int>(pos.column)}, "",
              "TOML syntax error: " + std::string(e.description()));
        return;
    }
    const fs::path dir = fs::path(source_name).parent_path();
    if (const toml::node* base = root.get("base")) {
        if (!base->is_string()) {
            error(origin_of(*base, source_name), "base", "expected a file path string, got " + describe(*base));
        } else {
            const BaseLookup found = find_base(base->as_string()->get(), dir);
            if (found.file) {
                load_file(found.file->string());
            } else {
                std::string looked;
                for (const auto& p : found.looked) looked += (looked.empty() ? "" : ", ") + p.string();
                error(origin_of(*base, source_name), "base",
                      "no scenario file or library scenario '" + base->as_string()->get() + "'; looked for " + looked);
            }
        }
    }
    apply_layer(root, source_name);
}

void Loader::apply_layer(const toml::table& root, const std::string& file)
{
    for (auto&& [key, node] : root) {
        const std::string k(key.str());
        const Origin where = origin_of(key, file);
        if (k == "base") continue;
        if (k == "name" || k == "description") {
            if (!node.is_string()) {
                error(where, k, "expected a string, got " + describe(node));
                continue;
            }
            (k == "name" ? scenario_.name : scenario_.description) = node.as_string()->get();
        } else if (k == "events") {
            apply_events(node, file);
        } else if (k == "human") {
            apply_moves(node, file);
        } else if (node.is_table() && std::find(param_sections().begin(), param_sections().end(),
                                                std::string_view(k)) != param_sections().end()) {
            apply_section(k, *node.as_table(), file);
        } else {
            unknown_key(where, k);
        }
    }
}

void Loader::apply_section(const std::string& section, const toml::table& table, const std::string& file)
{
    for (auto&& [key, node] : table) {
        const std::string full = section + "." + std::string(key.str());
        const Origin where = origin_of(key, file);
        const ParamSpec* spec = find_param(full);
        if (!spec) {
            unknown_key(where, full);
            continue;
        }
        ParamValue value;
        if (!convert(*spec, node, origin_of(node, file), value)) continue;
        spec->set(scenario_.params, value);
        origins_[static_cast<std::size_t>(spec - param_table().data())] = where;
    }
}

void Loader::apply_events(const toml::node& node, const std::string& file)
{
    const auto* array = node.as_array();
    if (!array || !array->is_array_of_tables()) {
        error(origin_of(node, file), "events", "expected [[events]] tables, got " + describe(node));
        return;
    }
    for (const auto& element : *array) apply_event(*element.as_table(), file);
}

void Loader::apply_event(const toml::table& table, const std::string& file)
{
    Event event;
    event.origin = origin_of(table, file);
    bool has_step = false, has_set = false;
    for (auto&& [key, node] : table) {
        const std::string k(key.str());
        const Origin where = origin_of(key, file);
        if (k == "step") {
            if (!node.is_integer()) error(where, "events.step", "expected an integer step, got " + describe(node));
            else event.step = node.as_integer()->get(), has_step = true;
        } else if (k == "note") {
            if (!node.is_string()) error(where, "events.note", "expected a string, got " + describe(node));
            else event.note = node.as_string()->get();
        } else if (k == "set") {
            has_set = true;
            if (!node.is_table()) error(where, "events.set", "expected a table of parameters, got " + describe(node));
            else collect_sets(*node.as_table(), "", event, file);
        } else {
            Diagnostic d = cogov::unknown_key(where, k, {"step", "note", "set"}, "event key");
            d.key = "events." + k;
            problems_.push_back(std::move(d));
        }
    }
    if (!has_step) error(event.origin, "events.step", "every [[events]] table needs a step");
    if (!has_set) error(event.origin, "events.set", "every [[events]] table needs a set = { ... } table");
    event.origin.column = 1;
    scenario_.events.push_back(std::move(event));
}

void Loader::apply_moves(const toml::node& node, const std::string& file)
{
    const auto* array = node.as_array();
    if (!array || !array->is_array_of_tables()) {
        error(origin_of(node, file), "human", "expected [[human]] tables, got " + describe(node));
        return;
    }
    for (const auto& element : *array) apply_move(*element.as_table(), file);
}

//! One player's move: step, decision, agent and choice, all required.
void Loader::apply_move(const toml::table& table, const std::string& file)
{
    HumanMove move;
    move.origin = origin_of(table, file);
    const char* const keys[] = {"step", "decision", "agent", "choice"};
    unsigned seen = 0;
    for (auto&& [key, node] : table) {
        const std::string k(key.str());
        const Origin where = origin_of(node, file);
        const auto* text = node.as_string();
        for (unsigned b = 0; b < 4; ++b) seen |= k == keys[b] ? 1u << b : 0u;
        if (k == "step" || k == "agent") {
            const auto* n = node.as_integer();
            const std::int64_t max = k == "agent" ? std::int64_t(UINT32_MAX) : INT64_MAX;
            if (!n || n->get() < 0 || n->get() > max) {
                error(where, "human." + k, "expected a non-negative integer, got " + describe(node));
                continue;
            }
            if (k == "step") move.step = n->get();
            else move.agent = static_cast<std::uint32_t>(n->get());
        } else if (k == "decision") {
            const auto d = text ? parse_decision(text->get()) : std::nullopt;
            if (!d)
                error(where, "human.decision",
                      "expected report, take_part, invest, bid, pay or renew, got " + describe(node));
            else move.decision = *d;
        } else if (k == "choice") {
            const auto c = text ? parse_choice(text->get()) : std::nullopt;
            if (!c) error(where, "human.choice", "expected \"yes\", \"no\" or \"model\", got " + describe(node));
            else move.choice = *c;
        } else {
            Diagnostic d =
                cogov::unknown_key(origin_of(key, file), k, {"step", "decision", "agent", "choice"}, "human move key");
            d.key = "human." + k;
            problems_.push_back(std::move(d));
        }
    }
    if (seen != 15u) error(move.origin, "human", "every [[human]] table needs step, decision, agent and choice");
    move.origin.column = 1;
    scenario_.moves.push_back(std::move(move));
}

void Loader::collect_sets(const toml::table& table, const std::string& prefix, Event& event, const std::string& file)
{
    for (auto&& [key, node] : table) {
        const std::string full = prefix + std::string(key.str());
        const Origin where = origin_of(key, file);
        const ParamSpec* spec = find_param(full);
        if (!spec && node.is_table()) {
            collect_sets(*node.as_table(), full + ".", event, file);
            continue;
        }
        if (!spec) {
            unknown_key(where, full);
            continue;
        }
        if (spec->when == ParamWhen::fixed) {
            error(where, full, "fixed at initialisation; an event cannot change it");
            continue;
        }
        ParamValue value;
        if (convert(*spec, node, origin_of(node, file), value)) event.sets.emplace_back(spec, value);
    }
}

void Loader::apply_override(const std::string& assignment)
{
    const Origin where{"--set", 0, 0};
    const auto eq = assignment.find('=');
    if (eq == std::string::npos || eq == 0) {
        error(where, assignment, "expected --set key=value");
        return;
    }
    const std::string key = assignment.substr(0, eq);
    const ParamSpec* spec = find_param(key);
    if (!spec) {
        unknown_key(where, key);
        return;
    }
    ParamRead read = spec->read(RawValue::of_text(assignment.substr(eq + 1)), where);
    if (auto* d = std::get_if<Diagnostic>(&read)) {
        problems_.push_back(std::move(*d));
        return;
    }
    const ParamValue value = std::get<ParamValue>(read);
    spec->set(scenario_.params, value);
    origins_[static_cast<std::size_t>(spec - param_table().data())] = where;
}

Scenario Loader::finish(const std::string& source)
{
    Scenario s = std::move(scenario_);
    s.source = source;
    s.origins = std::move(origins_);
    std::stable_sort(s.events.begin(), s.events.end(), [](const Event& a, const Event& b) { return a.step < b.step; });
    std::stable_sort(s.moves.begin(), s.moves.end(),
                     [](const HumanMove& a, const HumanMove& b) { return a.step < b.step; });
    if (problems_.empty()) problems_ = check_scenario(s);
    if (!problems_.empty()) throw ScenarioError(std::move(problems_));
    return s;
}

}  // namespace

std::vector<Diagnostic> check_scenario(const Scenario& s)
{
    std::vector<Diagnostic> problems;
    // Events past the end, then every combination at the start and after
    // each event, so a value set later is checked where it is set.
    for (const auto& e : s.events)
        if (e.step < 1 || e.step > s.params.time_steps)
            problems.push_back(Diagnostic{e.origin, "events.step",
                                          "step " + std::to_string(e.step) +
                                              " is outside the run: expected an integer in [1, " +
                                              std::to_string(s.params.time_steps) + "] (time.steps)"});
    for (const auto& m : s.moves)
        if (auto why = check_move(s.params, m)) problems.push_back(Diagnostic{m.origin, "human", *why});
    Params p = s.params;
    std::vector<Origin> origins = s.origins;
    auto found = check_combinations(p, origins);
    for (const auto& e : s.events) {
        for (const auto& [spec, value] : e.sets) {
            spec->set(p, value);
            origins[static_cast<std::size_t>(spec - param_table().data())] = e.origin;
        }
        for (auto& d : check_combinations(p, origins)) found.push_back(std::move(d));
    }
    for (auto& d : found)
        if (std::find_if(problems.begin(), problems.end(),
                         [&](const Diagnostic& x) { return x.message == d.message; }) == problems.end())
            problems.push_back(std::move(d));
    return problems;
}

Scenario with_values(const Scenario& base, const std::vector<std::pair<const ParamSpec*, ParamValue>>& values,
                     const Origin& where)
{
    Scenario s = base;
    std::vector<Diagnostic> problems;
    for (const auto& [spec, value] : values) {
        if (auto problem = spec->check(value)) {
            problems.push_back(
                Diagnostic{where, std::string(spec->key), format_value(value) + " is out of range: " + *problem});
            continue;
        }
        spec->set(s.params, value);
        s.origins[static_cast<std::size_t>(spec - param_table().data())] = where;
    }
    if (problems.empty()) problems = check_scenario(s);
    if (!problems.empty()) throw ScenarioError(std::move(problems));
    return s;
}

Scenario load_scenario_file(const std::string& path, const Overrides& overrides)
{
    Loader loader;
    loader.load_file(path);
    for (const auto& o : overrides) loader.apply_override(o);
    return loader.finish(path);
}

Scenario load_scenario_text(std::string_view text, const std::string& source_name, const Overrides& overrides)
{
    Loader loader;
    loader.load_text(text, source_name);
    for (const auto& o : overrides) loader.apply_override(o);
    return loader.finish(source_name);
}

Scenario builtin_baseline(const Overrides& overrides)
{
    Loader loader;
    for (const auto& o : overrides) loader.apply_override(o);
    return loader.finish("<built-in baseline>");
}

}  // namespace cogov
