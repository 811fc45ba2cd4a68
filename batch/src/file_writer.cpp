// Writing sweep files (docs/output-schema.md, "Sweep files").
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

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

SweepWriter::SweepWriter(const std::string& path, const Sweep& sweep, const Shard& shard)
    : pending_(std::make_unique<PendingFile>(path)), sweep_(sweep), shard_(shard),
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
    f.write("/step", [&] { auto v = iota64(steps); for (auto& x : v) ++x; return v; }(), {steps});
    f.make_scale("/run", "run");
    f.make_scale("/step", "step");
    for (const char* g : {"/runs", "/runs/parameters", "/design", "/record", "/series", "/final", "/mean"}) f.create_group(g);
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
        if (p.spec->type == ParamType::real) column(path, double{}, std::string(p.spec->unit), std::string(p.spec->meaning));
        else column(path, std::int64_t{}, std::string(p.spec->unit), std::string(p.spec->meaning));
    }
    for (const std::string group : {"series", "final", "mean"}) {
        const auto& names = layout::record_names(sweep_.record, group);
        f.write_strings("/record/" + group, names);
        for (const auto& name : names) {
            const RecordableInfo info = recordable_info(name);
            const std::string path = "/" + group + "/" + name;
            if (group != "series") {
                column(path, double{}, info.unit, info.meaning);
                continue;
            }
            f.create_dataset<double>(path, {runs, steps}, block_rows_);
            f.attach_scale(path, "/run", 0);
            f.attach_scale(path, "/step", 1);
            f.set_attr(path, "units", info.unit);
            f.set_attr(path, "long_name", info.meaning);
        }
    }
    f.set_attr("/mean", "weeks", sweep_.record.last_weeks);
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
}

void SweepWriter::finish(double wall_seconds)
{
    if (next_ != sweep_.runs()) throw std::logic_error("SweepWriter::finish: not every run was added");
    flush_block();
    write_metadata();
    file_->set_attr("/", "wall_seconds", wall_seconds);
    file_->close();
    pending_->commit();
}

}  // namespace cogov
