#include "cogov/serve/catalog.h"

#include <algorithm>
#include <ostream>

#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include "cogov/sim/library.h"
#include "cogov/sim/actors.h"
#include "cogov/sim/metrics.h"

namespace cogov::serve {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::int64_t residents(const Params& p)
{
    return p.city_communities * p.city_residents_per_community;
}

//! Load a scenario at live size; the entry keeps its original size.
template <class Load>
CatalogEntry fitted_entry(Load&& load, const Limits& limits)
{
    const Scenario full = load(Overrides{});
    CatalogEntry e;
    e.original_residents = residents(full.params);
    e.scenario = load(live_size(full.params, limits));
    e.title = e.scenario.name;
    e.summary = e.scenario.description;
    return e;
}

CatalogEntry load_entry(const fs::path& file, const Limits& limits)
{
    return fitted_entry([&](const Overrides& o) { return load_scenario_file(file.string(), o); }, limits);
}

std::string text(const toml::table& t, const char* key, const std::string& where)
{
    const auto v = t[key].value<std::string>();
    if (!v || v->empty()) throw std::runtime_error(where + ": lesson needs a non-empty string '" + key + "'");
    return *v;
}

bool valid_id(const std::string& id)
{
    return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

//! "resident>government": two actor names joined by '>'.
bool valid_trust_line(const std::string& line)
{
    const auto cut = line.find('>');
    if (cut == std::string::npos) return false;
    auto known = [](const std::string& name) {
        return std::find(ACTOR_NAMES.begin(), ACTOR_NAMES.end(), name) != ACTOR_NAMES.end();
    };
    return known(line.substr(0, cut)) && known(line.substr(cut + 1));
}

CatalogEntry load_lesson(const toml::table& t, const fs::path& dir, const Limits& limits)
{
    const std::string where = (dir / "lessons.toml").string();
    const std::string id = text(t, "id", where);
    if (!valid_id(id))
        throw std::runtime_error(where + ": lesson id '" + id + "' must be lower-case letters, digits, - or _");
    const fs::path file = dir / text(t, "scenario", where + " (" + id + ")");
    CatalogEntry e = load_entry(file, limits);
    e.id = id;
    e.title = text(t, "title", where + " (" + id + ")");
    e.summary = text(t, "summary", where + " (" + id + ")");
    e.watch = text(t, "watch", where + " (" + id + ")");
    e.question = text(t, "question", where + " (" + id + ")");
    if (const auto* keys = t["controls"].as_array())
        for (const auto& k : *keys)
            if (auto key = k.value<std::string>()) {
                if (!find_param(*key))
                    throw std::runtime_error(where + " (" + id + "): unknown control '" + *key + "'");
                e.controls.push_back(*key);
            }
    if (const auto* lines = t["trust"].as_array())
        for (const auto& l : *lines)
            if (auto line = l.value<std::string>()) {
                if (!valid_trust_line(*line))
                    throw std::runtime_error(where + " (" + id + "): trust line '" + *line +
                                             "': expected 'truster>trustee' with actor names of actors.h");
                e.trust.push_back(*line);
            }
    e.metric = t["metric"].value_or(std::string("resolution_rate"));
    const auto& metrics = metric_table();
    if (std::none_of(metrics.begin(), metrics.end(), [&](const MetricSpec& m) { return m.name == e.metric; }))
        throw std::runtime_error(where + " (" + id + "): unknown metric '" + e.metric + "'");
    return e;
}

void load_lessons(const fs::path& dir, const Limits& limits, std::ostream& warnings, std::vector<CatalogEntry>& out)
{
    const fs::path manifest = dir / "lessons.toml";
    if (!fs::exists(manifest)) return;
    toml::table root;
    try {
        root = toml::parse_file(manifest.string());
    } catch (const toml::parse_error& e) {
        warnings << manifest.string() << ": " << e.description() << "; no lessons\n";
        return;
    }
    const auto* list = root["lesson"].as_array();
    if (!list) return;
    for (const auto& node : *list) {
        if (!node.is_table()) continue;
        try {
            out.push_back(load_lesson(*node.as_table(), dir, limits));
        } catch (const std::exception& e) {
            warnings << "lesson left out: " << e.what() << "\n";
        }
    }
}

json entry_json(const CatalogEntry& e)
{
    const Params& p = e.scenario.params;
    json j = {{"id", e.id},
              {"title", e.title},
              {"summary", e.summary},
              {"communities", p.city_communities},
              {"residents", residents(p)},
              {"original_residents", e.original_residents},
              {"weeks", p.time_steps}};
    if (!e.watch.empty()) {
        j["watch"] = e.watch;
        j["question"] = e.question;
        j["controls"] = e.controls;
        j["metric"] = e.metric;
        j["trust"] = e.trust;
    }
    return j;
}

const CatalogEntry* find_in(const std::vector<CatalogEntry>& list, const std::string& id)
{
    for (const auto& e : list)
        if (e.id == id) return &e;
    return nullptr;
}

}  // namespace

Overrides live_size(const Params& p, const Limits& limits)
{
    Overrides o;
    if (residents(p) > limits.max_residents) {
        const std::int64_t communities = std::min(p.city_communities, limits.live_communities);
        const std::int64_t per = std::min(p.city_residents_per_community, limits.max_residents / communities);
        o.push_back("city.communities=" + std::to_string(communities));
        o.push_back("city.residents_per_community=" + std::to_string(per));
        o.push_back("city.streets=" + std::to_string(std::min(p.city_streets, communities)));
        // Keep several grid cells per community so the network stays clustered.
        const std::int64_t households = std::max<std::int64_t>(1, per / p.city_household_size);
        if (p.grid_households_per_cell * 4 > households)
            o.push_back("grid.households_per_cell=" + std::to_string(std::max<std::int64_t>(10, households / 4)));
    }
    if (p.time_steps > limits.max_steps) o.push_back("time.steps=" + std::to_string(limits.max_steps));
    return o;
}

Catalog Catalog::load(const fs::path& dir, const Limits& limits, std::ostream& warnings)
{
    Catalog c;
    std::string problem;
    const auto files = library_files(dir, &problem);
    if (!problem.empty()) warnings << problem << "\n";
    for (const auto& f : files) {
        try {
            CatalogEntry e = load_entry(f, limits);
            e.id = f.stem().string();
            if (valid_id(e.id)) c.scenarios_.push_back(std::move(e));
        } catch (const std::exception& e) {
            warnings << "scenario left out: " << f.string() << ": " << e.what() << "\n";
        }
    }
    if (!c.find_scenario("baseline")) {
        // Without a library the built-in baseline is still there to start.
        CatalogEntry e = fitted_entry([](const Overrides& o) { return builtin_baseline(o); }, limits);
        e.id = "baseline";
        c.scenarios_.insert(c.scenarios_.begin(), std::move(e));
    }
    load_lessons(dir / "lessons", limits, warnings, c.lessons_);
    return c;
}

const CatalogEntry* Catalog::find_scenario(const std::string& id) const
{
    return find_in(scenarios_, id);
}
const CatalogEntry* Catalog::find_lesson(const std::string& id) const
{
    return find_in(lessons_, id);
}

json Catalog::to_json() const
{
    json scenarios = json::array(), lessons = json::array();
    for (const auto& e : scenarios_) scenarios.push_back(entry_json(e));
    for (const auto& e : lessons_) lessons.push_back(entry_json(e));
    return {{"scenarios", scenarios}, {"lessons", lessons}};
}

}  // namespace cogov::serve
