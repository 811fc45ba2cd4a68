// Writing a comparison file (docs/output-schema.md, "Comparison files").
#include "cogov/sim/compare.h"
#include "cogov/sim/file_commit.h"
#include "cogov/sim/h5.h"
#include "cogov/sim/metrics.h"

namespace cogov {
namespace {

void write_arm(h5::File& f, const std::string& group, const ArmResult& arm, std::size_t steps)
{
    f.create_group(group);
    f.set_attr(group, "name", arm.scenario.name);
    f.set_attr(group, "source", arm.scenario.source);
    f.set_attr(group, "scenario", arm.scenario.to_toml());
    const std::size_t R = arm.outcomes.size(), O = outcome_table().size();
    std::vector<double> outcomes;
    for (const auto& row : arm.outcomes) outcomes.insert(outcomes.end(), row.begin(), row.end());
    f.write(group + "/outcomes", outcomes, {R, O});
    f.attach_scale(group + "/outcomes", "/replicate", 0);
    f.attach_scale(group + "/outcomes", "/outcome", 1);
    if (arm.series.empty()) return;
    f.create_group(group + "/city");
    const auto& metrics = metric_table();
    for (std::size_t m = 0; m < metrics.size(); ++m) {
        std::vector<double> data;
        data.reserve(R * steps);
        for (const auto& run : arm.series)
            for (const auto& row : run) data.push_back(row[m]);
        const std::string path = group + "/city/" + std::string(metrics[m].name);
        f.write(path, data, {R, steps});
        f.attach_scale(path, "/replicate", 0);
        f.attach_scale(path, "/step", 1);
        f.set_attr(path, "units", std::string(metrics[m].unit));
        f.set_attr(path, "long_name", std::string(metrics[m].meaning));
    }
    std::vector<double> trust;
    trust.reserve(R * steps * ACTORS * ACTORS);
    for (const auto& run : arm.series)
        for (const auto& row : run) trust.insert(trust.end(), row.begin() + std::ptrdiff_t(metrics.size()), row.end());
    const std::string path = group + "/city/trust";
    f.write(path, trust, {R, steps, std::size_t(ACTORS), std::size_t(ACTORS)});
    const char* dims[] = {"/replicate", "/step", "/truster", "/trustee"};
    for (unsigned d = 0; d < 4; ++d) f.attach_scale(path, dims[d], d);
    f.set_attr(path, "units", std::string("trust"));
    f.set_attr(path, "long_name", std::string("Mean trust of truster-type actors toward trustee-type actors"));
}

void write_differences(h5::File& f, const std::string& group, const std::vector<PairedDifference>& diffs)
{
    f.create_group(group);
    for (const auto& [name, field, quantile] : DIFFERENCE_COLUMNS) {
        std::vector<double> v;
        for (const auto& d : diffs) v.push_back(d.*field);
        const std::string path = group + "/" + name;
        f.write(path, v, {v.size()});
        f.attach_scale(path, "/outcome", 0);
    }
}

//! The per-replicate parameter values (posterior draws) and their source.
void write_replicate_values(h5::File& f, const CompareResult& result)
{
    const auto& values = result.config.replicate_values;
    std::vector<std::string> keys;
    for (const auto& [spec, v] : values.front()) keys.emplace_back(spec->key);
    std::vector<double> data;
    for (const auto& row : values)
        for (const auto& [spec, v] : row) data.push_back(std::visit([](auto x) { return static_cast<double>(x); }, v));
    f.write_strings("/parameter", keys);
    f.make_scale("/parameter", "parameter");
    f.write("/replicate_parameters", data, {values.size(), keys.size()});
    f.attach_scale("/replicate_parameters", "/replicate", 0);
    f.attach_scale("/replicate_parameters", "/parameter", 1);
    f.set_attr("/replicate_parameters", "source", result.config.replicate_values_source);
}

void write_scales(h5::File& f, const CompareResult& result, std::size_t steps)
{
    std::vector<std::int64_t> step(steps), replicate(result.seeds.size()), seeds;
    for (std::size_t t = 0; t < steps; ++t) step[t] = static_cast<std::int64_t>(t + 1);
    for (std::size_t r = 0; r < replicate.size(); ++r) replicate[r] = static_cast<std::int64_t>(r);
    for (auto s : result.seeds) seeds.push_back(static_cast<std::int64_t>(s));
    std::vector<std::string> names, meanings, units;
    for (const auto& o : outcome_table())
        names.push_back(o.name), meanings.push_back(outcome_meaning(o, result.range, std::int64_t(steps))),
            units.push_back(o.unit);
    f.write("/step", step, {steps});
    f.write("/replicate", replicate, {replicate.size()});
    f.write_strings("/outcome", names);
    f.write_strings("/truster", std::vector<std::string>(ACTOR_NAMES.begin(), ACTOR_NAMES.end()));
    f.write_strings("/trustee", std::vector<std::string>(ACTOR_NAMES.begin(), ACTOR_NAMES.end()));
    for (const char* s : {"step", "replicate", "outcome", "truster", "trustee"}) f.make_scale(std::string("/") + s, s);
    f.write("/replicate_seed", seeds, {seeds.size()});
    f.attach_scale("/replicate_seed", "/replicate", 0);
    f.write_strings("/outcome_meaning", meanings);
    f.attach_scale("/outcome_meaning", "/outcome", 0);
    f.write_strings("/outcome_units", units);
    f.attach_scale("/outcome_units", "/outcome", 0);
}

}  // namespace

void write_compare(const std::string& path, const CompareResult& result, bool replace)
{
    PendingFile pending(path, replace);
    {
        h5::File f = h5::File::create(pending.temporary());
        const std::size_t steps = static_cast<std::size_t>(result.arms.at(0).scenario.params.time_steps);
        write_common_attributes(f, COMPARE_FORMAT, COMPARE_FORMAT_VERSION);
        f.set_attr("/", "seed", static_cast<std::int64_t>(result.config.seed));
        f.set_attr("/", "replicates", static_cast<std::int64_t>(result.config.replicates));
        f.set_attr("/", "steps", static_cast<std::int64_t>(steps));
        f.set_attr("/", "wall_seconds", result.wall_seconds);
        // The weeks means, totals and ratios cover, e.g. "weeks 53-312 (from 'reform' in week 53)".
        f.set_attr("/", "window", result.range.text(std::int64_t(steps)));
        f.set_attr("/", "window_first", result.range.first);
        f.set_attr("/", "window_last", result.range.last);
        std::vector<std::string> names;
        for (const auto& arm : result.arms) names.push_back(arm.scenario.name);
        f.set_attr("/", "arms", names);
        write_scales(f, result, steps);
        f.create_group("/arms");
        for (std::size_t a = 0; a < result.arms.size(); ++a)
            write_arm(f, "/arms/" + std::to_string(a), result.arms[a], steps);
        if (!result.fixed_differences.empty()) f.create_group("/differences_fixed");
        f.create_group("/differences");
        for (std::size_t k = 0; k < result.differences.size(); ++k) {
            const std::string group = "/differences/" + std::to_string(k + 1);
            write_differences(f, group, result.differences[k]);
            f.set_attr(group, "base", result.arms[0].scenario.name);
            f.set_attr(group, "alternative", result.arms[k + 1].scenario.name);
        }
        if (!result.config.replicate_values.empty()) write_replicate_values(f, result);
        for (std::size_t k = 0; k < result.fixed_differences.size(); ++k)
            write_differences(f, "/differences_fixed/" + std::to_string(k + 1), result.fixed_differences[k]);
        f.close();
    }
    pending.commit();
}

}  // namespace cogov
