// Writing sweep files (docs/output-schema.md, "Sweep files").
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

#include "cogov/sim/compare.h"
#include "cogov/sim/file_commit.h"
#include "cogov/sim/h5.h"
#include "cogov/batch/sweep_file.h"
#include "sweep_layout.h"

namespace cogov {
namespace {

namespace fs = std::filesystem;

std::vector<std::int64_t> iota64(std::size_t n)
{
    std::vector<std::int64_t> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::int64_t>(i);
    return v;
}

}  // namespace

SweepWriter::SweepWriter(const std::string& path, const Sweep& sweep, const Shard& shard, bool replace)
    : pending_(std::make_unique<PendingFile>(path, replace)), sweep_(sweep), shard_(shard),
      block_rows_(layout::block_rows(sweep))
{
    file_ = std::make_unique<h5::File>(h5::File::create(pending_->temporary()));
    create_layout();
    write_design();
    block_.reserve(block_rows_);
}

SweepWriter::~SweepWriter()
{
    file_.reset();  // close before an unfinished temporary file is removed
}

void SweepWriter::create_layout()
{
    h5::File& f = *file_;
    const std::size_t runs = sweep_.runs(), steps = static_cast<std::size_t>(sweep_.max_steps);
    f.write("/run", iota64(runs), {runs});
    f.write("/step",
            [&] {
                auto v = iota64(steps);
                for (auto& x : v) ++x;
                return v;
            }(),
            {steps});
    f.make_scale("/run", "run");
    f.make_scale("/step", "step");
    for (const char* g : {"/runs", "/runs/parameters", "/design", "/record", "/series", "/final", "/mean"})
        f.create_group(g);
    auto column = [&](const std::string& path, auto zero, const std::string& unit, const std::string& meaning) {
        f.create_dataset<decltype(zero)>(path, {runs}, layout::COLUMN_CHUNK);
        f.attach_scale(path, "/run", 0);
        f.set_attr(path, "units", unit);
        f.set_attr(path, "long_name", meaning);
    };
    column("/runs/point", std::int64_t{}, "index", "Design point of the run (row of /design/values)");
    column("/runs/replicate", std::int64_t{}, "index", "Replicate of the run at its design point");
    column("/runs/seed", std::int64_t{}, "seed", "Random seed of the run (cogov run --seed)");
    column("/runs/status", std::int8_t{}, "code", "0 not run, 1 finished, 2 failed");
    column("/runs/wall_seconds", double{}, "s", "Wall-clock seconds the run took");
    f.create_strings("/runs/error", runs, layout::COLUMN_CHUNK);
    f.attach_scale("/runs/error", "/run", 0);
    f.set_attr("/runs/error", "units", std::string("text"));
    f.set_attr("/runs/error", "long_name", std::string("Why the run failed (empty unless it did)"));
    for (const auto& p : sweep_.parameters) {
        const std::string path = layout::parameter_path(*p.spec);
        if (p.spec->type == ParamType::real)
            column(path, double{}, std::string(p.spec->unit), std::string(p.spec->meaning));
        else column(path, std::int64_t{}, std::string(p.spec->unit), std::string(p.spec->meaning));
    }
    for (const std::string group : {"series", "final", "mean"})
        f.write_strings("/record/" + group, layout::record_names(sweep_.record, group));
    if (!sweep_.arms.empty())
        for (const char* g : {"/arms", "/effects"}) f.create_group(g);
    for (std::size_t a = 0; a < sweep_.arm_count(); ++a) {
        const std::string arm = layout::arm_prefix(a);
        if (a > 0) {
            for (const char* g : {"", "/series", "/final", "/mean"}) f.create_group(arm + g);
            f.set_attr(arm, "name", sweep_.arm_name(a));
            f.set_attr(arm, "scenario", sweep_.arms[a - 1].toml);
            const std::string effects = layout::effect_prefix(a);
            for (const char* g : {"", "/final", "/mean", "/points", "/points/final", "/points/mean"})
                f.create_group(effects + g);
            f.set_attr(effects, "arm", sweep_.arm_name(a));
            f.set_attr(effects, "base", sweep_.base_arm);
        }
        for (const std::string group : {"series", "final", "mean"})
            for (const auto& name : layout::record_names(sweep_.record, group)) {
                const RecordableInfo info = recordable_info(name);
                const std::string path = arm + "/" + group + "/" + name;
                if (group != "series") {
                    column(path, double{}, info.unit, info.meaning);
                    if (a > 0)
                        column(layout::effect_prefix(a) + "/" + group + "/" + name, double{}, info.unit,
                               "Paired effect (arm - base, same seed) on: " + info.meaning);
                    continue;
                }
                f.create_dataset<double>(path, {runs, steps}, block_rows_);
                f.attach_scale(path, "/run", 0);
                f.attach_scale(path, "/step", 1);
                f.set_attr(path, "units", info.unit);
                f.set_attr(path, "long_name", info.meaning);
            }
        f.set_attr(arm.empty() ? "/mean" : arm + "/mean", "weeks", sweep_.record.last_weeks);
        f.set_attr(arm.empty() ? "/mean" : arm + "/mean", "window", mean_window_text());
        if (!sweep_.record.window.whole_run())
            f.set_attr(arm.empty() ? "/mean" : arm + "/mean", "window_spec", sweep_.record.window.text);
    }
}

std::string SweepWriter::mean_window_text() const
{
    if (!sweep_.record.window.whole_run()) return resolve_window_text();
    return "the last " + std::to_string(sweep_.record.last_weeks) + " weeks of each run (weeks " +
           std::to_string(std::max<std::int64_t>(1, sweep_.max_steps - sweep_.record.last_weeks + 1)) + "-" +
           std::to_string(sweep_.max_steps) + ")";
}

std::string SweepWriter::resolve_window_text() const
{
    try {
        return mean_range(sweep_, 0, sweep_.max_steps).text(sweep_.max_steps);
    } catch (const std::exception&) {
        return sweep_.record.window.text;
    }
}

void SweepWriter::add_to_point(const RunRecord& record)
{
    const std::size_t reps = static_cast<std::size_t>(sweep_.replicates);
    if (record.status == RunStatus::ok) point_values_.push_back(record.values);
    if (record.run % reps != reps - 1) return;
    // The point is complete: paired statistics of each arm against the base,
    // over the replicates that ran, as cogov compare computes them.
    const std::size_t width = arm_width(sweep_), finals = sweep_.record.series.size() * std::size_t(sweep_.max_steps);
    const std::size_t summaries = sweep_.record.final.size() + sweep_.record.mean.size();
    for (std::size_t a = 1; a < sweep_.arm_count(); ++a)
        for (std::size_t k = 0; k < summaries; ++k) {
            std::vector<double> base, alt;
            for (const auto& v : point_values_) base.push_back(v[finals + k]), alt.push_back(v[a * width + finals + k]);
            point_effects_.push_back(base.empty() ? PairedDifference{} : paired_difference(base, alt));
            point_pairs_.push_back(static_cast<std::int64_t>(base.size()));
        }
    point_values_.clear();
}

void SweepWriter::write_point_effects()
{
    if (sweep_.arms.empty()) return;
    h5::File& f = *file_;
    const std::size_t points = sweep_.points(), summaries = sweep_.record.final.size() + sweep_.record.mean.size();
    const std::size_t arms = sweep_.arms.size();
    for (std::size_t a = 0; a < arms; ++a)
        for (std::size_t k = 0; k < summaries; ++k) {
            const bool is_final = k < sweep_.record.final.size();
            const std::string name =
                is_final ? sweep_.record.final[k] : sweep_.record.mean[k - sweep_.record.final.size()];
            const std::string group =
                layout::effect_prefix(a + 1) + "/points/" + (is_final ? "final/" : "mean/") + name;
            f.create_group(group);
            auto at = [&](std::size_t p) { return (p * arms + a) * summaries + k; };
            for (const auto& [stat, field, quantile] : DIFFERENCE_COLUMNS) {
                if (quantile) continue;
                std::vector<double> v(points);
                for (std::size_t p = 0; p < points; ++p) {
                    const bool none = point_pairs_[at(p)] == 0;
                    v[p] = none ? std::numeric_limits<double>::quiet_NaN() : point_effects_[at(p)].*field;
                }
                f.write(group + "/" + stat, v, {points});
                f.attach_scale(group + "/" + stat, "/point", 0);
            }
            std::vector<std::int64_t> pairs(points);
            for (std::size_t p = 0; p < points; ++p) pairs[p] = point_pairs_[at(p)];
            f.write(group + "/replicates", pairs, {points});
            f.attach_scale(group + "/replicates", "/point", 0);
            f.set_attr(group, "interval", std::string("95% t interval of the mean paired difference over replicates"));
        }
}

void SweepWriter::write_design()
{
    h5::File& f = *file_;
    const Design& d = sweep_.design;
    const std::size_t points = sweep_.points(), k = d.k;
    std::vector<std::string> keys;
    for (const auto& p : sweep_.parameters) keys.emplace_back(p.spec->key);
    f.write("/point", iota64(points), {points});
    f.write_strings("/parameter", keys);
    f.make_scale("/point", "point");
    f.make_scale("/parameter", "parameter");
    f.write("/design/values", d.values, {points, k});
    f.write("/design/unit", d.unit, {points, k});
    for (const char* path : {"/design/values", "/design/unit"}) {
        f.attach_scale(path, "/point", 0);
        f.attach_scale(path, "/parameter", 1);
    }
    f.write("/design/group", d.group, {points});
    f.write("/design/role", d.role, {points});
    f.write("/design/changed", d.changed, {points});
    for (const char* path : {"/design/group", "/design/role", "/design/changed"}) f.attach_scale(path, "/point", 0);
    f.set_attr("/design", "type", std::string(design_name(d.type)));
    f.set_attr("/design", "n", static_cast<std::int64_t>(d.n));
    f.set_attr("/design", "k", static_cast<std::int64_t>(k));
    f.set_attr("/design", "levels", d.levels);
    f.set_attr("/design", "delta", d.delta);
    f.set_attr("/design", "layout", layout::design_layout_text(d));
}

void SweepWriter::add(const RunRecord& record)
{
    if (record.run != next_) throw std::logic_error("SweepWriter::add: runs must come in order");
    ++next_;
    if (record.status != RunStatus::missing) ++done_;
    if (record.status == RunStatus::failed) ++failed_;
    block_.push_back(record);
    if (!sweep_.arms.empty()) add_to_point(record);
    if (block_.size() == block_rows_) flush_block();
}

void SweepWriter::flush_block()
{
    if (block_.empty()) return;
    layout::write_block(*file_, sweep_, block_);
    block_.clear();
}

void SweepWriter::write_metadata()
{
    h5::File& f = *file_;
    write_common_attributes(f, SWEEP_FORMAT, SWEEP_FORMAT_VERSION);
    f.set_attr("/", "sweep_id", layout::id_text(sweep_.id));
    f.set_attr("/", "sweep_name", sweep_.name);
    f.set_attr("/", "sweep_source", sweep_.source);
    f.set_attr("/", "sweep", sweep_.text);
    f.set_attr("/", "scenario", sweep_.base_toml);
    f.set_attr("/", "scenario_name", sweep_.base.name);
    f.set_attr("/", "design", std::string(design_name(sweep_.design.type)));
    f.set_attr("/", "seed", static_cast<std::int64_t>(sweep_.seed));
    f.set_attr("/", "common_seeds", static_cast<std::int64_t>(sweep_.common_seeds));
    f.set_attr("/", "replicates", sweep_.replicates);
    f.set_attr("/", "points", static_cast<std::int64_t>(sweep_.points()));
    f.set_attr("/", "runs", static_cast<std::int64_t>(sweep_.runs()));
    f.set_attr("/", "steps", sweep_.max_steps);
    f.set_attr("/", "runs_done", static_cast<std::int64_t>(done_));
    f.set_attr("/", "runs_failed", static_cast<std::int64_t>(failed_));
    f.set_attr("/", "complete", static_cast<std::int64_t>(done_ == sweep_.runs()));
    f.set_attr("/", "shard", shard_.text());
    write_experiment();
    if (!sweep_.arms.empty()) {
        std::vector<std::string> names;
        for (std::size_t a = 0; a < sweep_.arm_count(); ++a) names.push_back(sweep_.arm_name(a));
        f.set_attr("/", "arms", names);
    }
}

void SweepWriter::write_experiment()
{
    const Experiment& x = sweep_.experiment;
    if (!x.active()) return;
    h5::File& f = *file_;
    if (!x.uncertainties.empty()) f.set_attr("/", "uncertainties", x.uncertainties);
    if (!x.levers.empty()) f.set_attr("/", "levers", x.levers);
    f.set_attr("/", "futures", static_cast<std::int64_t>(x.futures));
    f.set_attr("/", "lever_combinations", static_cast<std::int64_t>(x.combinations));
    f.set_attr("/", "sampling", x.sampling);
    if (x.outcomes.empty()) return;
    std::vector<std::string> names, directions;
    std::vector<double> thresholds;
    for (const auto& o : x.outcomes) {
        names.push_back(o.name);
        directions.emplace_back(o.maximise ? "maximise" : "minimise");
        thresholds.push_back(o.has_threshold ? o.threshold : std::numeric_limits<double>::quiet_NaN());
    }
    f.set_attr("/", "outcomes", names);
    f.set_attr("/", "outcome_directions", directions);
    f.set_attr("/", "outcome_thresholds", thresholds);
}

void SweepWriter::finish(double wall_seconds)
{
    if (next_ != sweep_.runs()) throw std::logic_error("SweepWriter::finish: not every run was added");
    flush_block();
    write_point_effects();
    write_metadata();
    file_->set_attr("/", "wall_seconds", wall_seconds);
    file_->close();
    pending_->commit();
}

}  // namespace cogov
