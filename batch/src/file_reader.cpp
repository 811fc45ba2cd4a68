// Reading sweep files back: the sweep they describe, their run records,
// and merging the files of one sweep.
#include <cmath>
#include <filesystem>

#include "cogov/sim/file_commit.h"
#include "cogov/sim/h5.h"
#include "cogov/sim/run.h"
#include "cogov/batch/sweep_file.h"
#include "sweep_layout.h"

namespace cogov {
namespace {

//! The design's size follows the parameters the file lists and its own
//! @points: checked before the matrices are read (the fingerprint does not
//! cover k or the shapes).
Design read_design(const h5::File& f, std::size_t k, std::size_t points)
{
    f.attr_int("/design", "k", static_cast<std::int64_t>(k), static_cast<std::int64_t>(k));
    f.require("/design/values", "float64", {points, k});
    f.require("/design/unit", "float64", {points, k});
    for (const char* path : {"/design/group", "/design/role", "/design/changed"}) f.require(path, "int64", {points});
    Design d;
    const std::string type = f.attr_as<std::string>("/design", "type");
    for (auto t : {DesignType::factorial, DesignType::latin_hypercube, DesignType::sobol, DesignType::morris,
                   DesignType::csv, DesignType::experiment})
        if (type == design_name(t)) d.type = t;
    d.k = static_cast<std::size_t>(f.attr_as<std::int64_t>("/design", "k"));
    d.n = static_cast<std::size_t>(f.attr_as<std::int64_t>("/design", "n"));
    d.levels = f.attr_as<std::int64_t>("/design", "levels");
    d.delta = f.attr_as<double>("/design", "delta");
    d.values = f.read<double>("/design/values").data;
    d.unit = f.read<double>("/design/unit").data;
    d.group = f.read<std::int64_t>("/design/group").data;
    d.role = f.read<std::int64_t>("/design/role").data;
    d.changed = f.read<std::int64_t>("/design/changed").data;
    return d;
}

//! An experiment's uncertainties, levers and outcomes (absent in sweeps).
void read_experiment(const h5::File& f, Sweep& s)
{
    if (!f.has_attr("/", "futures")) return;
    Experiment& x = s.experiment;
    if (f.has_attr("/", "uncertainties")) x.uncertainties = f.attr_as<std::vector<std::string>>("/", "uncertainties");
    if (f.has_attr("/", "levers")) x.levers = f.attr_as<std::vector<std::string>>("/", "levers");
    x.futures = static_cast<std::size_t>(f.attr_as<std::int64_t>("/", "futures"));
    x.combinations = static_cast<std::size_t>(f.attr_as<std::int64_t>("/", "lever_combinations"));
    x.sampling = f.attr_as<std::string>("/", "sampling");
    if (!f.has_attr("/", "outcomes")) return;
    const auto names = f.attr_as<std::vector<std::string>>("/", "outcomes");
    const auto directions = f.attr_as<std::vector<std::string>>("/", "outcome_directions");
    const auto thresholds = f.attr_as<std::vector<double>>("/", "outcome_thresholds");
    for (std::size_t i = 0; i < names.size(); ++i) {
        const bool has = i < thresholds.size() && !std::isnan(thresholds[i]);
        x.outcomes.push_back(
            {names[i], i < directions.size() && directions[i] == "maximise", has ? thresholds[i] : 0.0, has});
    }
}

//! An effect sweep's arms and a sweep's summary window (absent in plain sweeps).
void read_arms_and_window(const h5::File& f, Sweep& s)
{
    if (f.has_attr("/mean", "window_spec"))
        s.record.window = parse_window(f.attr_as<std::string>("/mean", "window_spec"));
    read_experiment(f, s);
    if (!f.has_attr("/", "arms")) return;
    const auto names = f.attr_as<std::vector<std::string>>("/", "arms");
    s.base_arm = names.at(0);
    for (std::size_t a = 1; a < names.size(); ++a) {
        const std::string group = "/arms/" + std::to_string(a);
        SweepArm arm{names[a], load_scenario_text(f.attr_as<std::string>(group, "scenario"), f.path() + "#" + group),
                     ""};
        arm.toml = arm.scenario.to_toml();
        s.arms.push_back(std::move(arm));
    }
}

//! The sweep a file describes, rebuilt from what it stores.
Sweep read_sweep(const h5::File& f)
{
    Sweep s;
    s.source = f.attr_as<std::string>("/", "sweep_source");
    s.text = f.attr_as<std::string>("/", "sweep");
    s.name = f.attr_as<std::string>("/", "sweep_name");
    s.base = load_scenario_text(f.attr_as<std::string>("/", "scenario"), f.path() + "#scenario");
    s.base_toml = s.base.to_toml();
    for (const auto& key : f.read_strings("/parameter")) {
        const ParamSpec* spec = find_param(key);
        if (!spec) throw h5::Error(f.path() + ": unknown parameter " + key + " (written by another cogov version?)");
        s.parameters.push_back(SweepParameter{spec, {}, spec->min, spec->max, Origin{f.path(), 0, 0}});
    }
    const auto points = static_cast<std::size_t>(f.attr_int("/", "points", 1, std::int64_t{1} << 31));
    s.design = read_design(f, s.parameters.size(), points);
    s.replicates = f.attr_int("/", "replicates", 1, std::int64_t{1} << 31);
    if (points * static_cast<std::size_t>(s.replicates) !=
        static_cast<std::size_t>(f.attr_int("/", "runs", 1, std::int64_t{1} << 31)))
        throw h5::InvalidFile(f.path() + ": @runs is not @points x @replicates");
    s.seed = static_cast<std::uint64_t>(f.attr_as<std::int64_t>("/", "seed"));
    s.common_seeds = f.attr_as<std::int64_t>("/", "common_seeds") != 0;
    s.record.series = f.read_strings("/record/series");
    s.record.final = f.read_strings("/record/final");
    read_arms_and_window(f, s);  // effect sweeps, windows and experiments
    s.record.mean = f.read_strings("/record/mean");
    s.record.last_weeks = f.attr_as<std::int64_t>("/mean", "weeks");
    s.max_steps = f.attr_int("/", "steps", 1, static_cast<std::int64_t>(find_param("time.steps")->max));
    s.id = sweep_fingerprint(s);
    if (layout::id_text(s.id) != f.attr_as<std::string>("/", "sweep_id"))
        throw h5::InvalidFile(f.path() +
                              ": the stored sweep does not match its fingerprint (damaged, or another cogov version)");
    return s;
}

//! Every per-run dataset has one row per run and the width the sweep's
//! record gives it, so reading a block never runs past a row.
void check_run_tables(const h5::File& f, const Sweep& s)
{
    const std::size_t runs = s.runs(), steps = static_cast<std::size_t>(s.max_steps);
    f.require("/runs/status", "int8", {runs});
    f.require("/runs/wall_seconds", "float64", {runs});
    f.require("/runs/error", "string", {runs});
    for (const auto& name : s.record.series) f.require("/series/" + name, "float64", {runs, steps});
    for (const auto& name : s.record.final) f.require("/final/" + name, "float64", {runs});
    for (const auto& name : s.record.mean) f.require("/mean/" + name, "float64", {runs});
}

}  // namespace

SweepReader::SweepReader(const std::string& path) : path_(path)
{
    file_ = std::make_unique<h5::File>(h5::File::open(path));
    check_format(*file_, SWEEP_FORMAT, "sweep file", SWEEP_FORMAT_VERSION);
    sweep_ = read_sweep(*file_);
    check_run_tables(*file_, sweep_);
    block_rows_ = layout::block_rows(sweep_);
}

SweepReader::~SweepReader() = default;

std::string SweepReader::shard() const
{
    return file_->attr_as<std::string>("/", "shard");
}
bool SweepReader::complete() const
{
    return file_->attr_as<std::int64_t>("/", "complete") != 0;
}

void SweepReader::load_block(std::size_t run)
{
    if (run >= sweep_.runs()) throw std::out_of_range(path_ + ": no run " + std::to_string(run));
    if (block_first_ != SIZE_MAX && run >= block_first_ && run < block_first_ + block_.size()) return;
    block_first_ = run / block_rows_ * block_rows_;
    block_ = layout::read_block(*file_, sweep_, block_first_, std::min(block_rows_, sweep_.runs() - block_first_));
}

RunStatus SweepReader::status(std::size_t run)
{
    load_block(run);
    return block_[run - block_first_].status;
}

RunRecord SweepReader::record(std::size_t run)
{
    load_block(run);
    return block_[run - block_first_];
}

MergeResult merge_sweep_files(const std::vector<std::string>& inputs, const std::string& output, bool force)
{
    if (inputs.empty()) throw RequestError("nothing to merge");
    check_output_path(output, force);
    std::vector<std::unique_ptr<SweepReader>> readers;
    for (const auto& path : inputs) {
        try {
            readers.push_back(std::make_unique<SweepReader>(path));
        } catch (const h5::Error& e) {
            throw RequestError(e.what());
        } catch (const ScenarioError& e) {  // its stored scenario text is refused
            throw RequestError(path + ": its stored scenario is refused: " + e.diagnostics().front().text());
        }
        if (readers.back()->sweep().id != readers.front()->sweep().id)
            throw RequestError(path + ": belongs to a different sweep than " + inputs.front());
    }
    const Sweep& sweep = readers.front()->sweep();
    std::size_t missing = 0;
    for (std::size_t run = 0; run < sweep.runs(); ++run) {
        bool found = false;
        for (auto& r : readers) found = found || r->status(run) != RunStatus::missing;
        missing += !found;
    }
    if (missing > 0)
        throw RequestError(std::to_string(missing) + " of " + std::to_string(sweep.runs()) +
                           " runs are in none of the inputs; add the missing shards");
    SweepWriter writer(output, sweep, Shard{}, force);
    double wall = 0;
    for (std::size_t run = 0; run < sweep.runs(); ++run)
        for (auto& r : readers)
            if (r->status(run) != RunStatus::missing) {
                RunRecord rec = r->record(run);
                wall += rec.wall_seconds;
                writer.add(rec);
                break;
            }
    writer.finish(wall);
    return {writer.done(), writer.failed()};
}

}  // namespace cogov
