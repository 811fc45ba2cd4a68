#include "cogov/sim/output.h"

#include <algorithm>

#include "cogov/sim/file_commit.h"
#include "cogov/sim/h5.h"

namespace cogov {
namespace {

constexpr std::size_t CHUNK_VALUES = 32768;  // 256 KiB of doubles per chunk
constexpr std::size_t TRUST_CELLS = ACTORS * ACTORS;

std::vector<std::string> names(const auto& array)
{
    return std::vector<std::string>(array.begin(), array.end());
}

std::size_t chunk_rows(std::size_t row_values)
{
    return std::max<std::size_t>(1, CHUNK_VALUES / row_values);
}

void write_trust(std::vector<double>& out, std::size_t offset, const Counters& k)
{
    for (int a = 0; a < ACTORS; ++a)
        for (int b = 0; b < ACTORS; ++b) out[offset + std::size_t(a) * ACTORS + b] = k.trust(a, b);
}

}  // namespace

RunWriter::RunWriter(const std::string& path, const Model& model, std::int64_t steps, bool replace)
    : pending_(std::make_unique<PendingFile>(path, replace)), communities_(model.state().communities.size()),
      streets_(model.state().streets.size())
{
    const auto rows = static_cast<std::size_t>(steps > 0 ? steps : model.steps_total());
    block_rows_ = std::min<std::size_t>(rows, chunk_rows(communities_));
    file_ = std::make_unique<h5::File>(h5::File::create(pending_->temporary()));
    create_layout(model, rows);
    const auto& metrics = metric_table();
    city_.assign(metrics.size(), std::vector<double>(block_rows_));
    community_.assign(metrics.size(), std::vector<double>(block_rows_ * communities_));
    street_.assign(STREET_METRICS.size(), std::vector<double>(block_rows_ * streets_));
    city_trust_.assign(block_rows_ * TRUST_CELLS, 0.0);
    community_trust_.assign(block_rows_ * communities_ * TRUST_CELLS, 0.0);
}

RunWriter::~RunWriter()
{
    file_.reset();  // close the handle before the pending file is removed (if unfinished)
}

void RunWriter::create_layout(const Model& model, std::size_t steps)
{
    h5::File& f = *file_;
    std::vector<std::int64_t> step_index(steps), community_index(communities_), street_index(streets_);
    for (std::size_t t = 0; t < steps; ++t) step_index[t] = static_cast<std::int64_t>(t + 1);
    for (std::size_t c = 0; c < communities_; ++c) community_index[c] = static_cast<std::int64_t>(c);
    for (std::size_t k = 0; k < streets_; ++k) street_index[k] = static_cast<std::int64_t>(k);
    f.write("/step", step_index, {steps});
    f.write("/community", community_index, {communities_});
    f.write("/street", street_index, {streets_});
    f.write_strings("/truster", names(ACTOR_NAMES));
    f.write_strings("/trustee", names(ACTOR_NAMES));
    for (const char* scale : {"step", "community", "street", "truster", "trustee"})
        f.make_scale(std::string("/") + scale, scale);
    f.set_attr("/step", "units", std::string("week"));
    for (const char* group : {"/city", "/communities", "/streets", "/structure", "/parameters"}) f.create_group(group);

    auto create = [&](const std::string& path, const h5::Shape& shape, const std::vector<const char*>& dims,
                      std::string_view unit, std::string_view meaning) {
        std::size_t row = 1;
        for (std::size_t d = 1; d < shape.size(); ++d) row *= shape[d];
        f.create_dataset<double>(path, shape, chunk_rows(row));
        for (unsigned d = 0; d < dims.size(); ++d) f.attach_scale(path, std::string("/") + dims[d], d);
        f.set_attr(path, "units", std::string(unit));
        f.set_attr(path, "long_name", std::string(meaning));
    };
    for (const auto& m : metric_table()) {
        create("/city/" + std::string(m.name), {steps}, {"step"}, m.unit, m.meaning);
        create("/communities/" + std::string(m.name), {steps, communities_}, {"step", "community"}, m.unit, m.meaning);
    }
    for (const auto& m : STREET_METRICS)
        create("/streets/" + std::string(m.name), {steps, streets_}, {"step", "street"}, m.unit, m.meaning);
    create("/city/trust", {steps, ACTORS, ACTORS}, {"step", "truster", "trustee"}, "trust",
           "Mean trust of truster-type actors toward trustee-type actors");
    create("/communities/trust", {steps, communities_, ACTORS, ACTORS}, {"step", "community", "truster", "trustee"},
           "trust", "Mean trust of truster-type actors toward trustee-type actors, per community");
    for (const char* path : {"/city/trust", "/communities/trust"}) f.set_attr(path, "actor_order", names(ACTOR_NAMES));

    const State& s = model.state();
    std::vector<std::int64_t> street_of(communities_), residents(communities_);
    for (std::size_t c = 0; c < communities_; ++c) {
        street_of[c] = s.communities[c].street;
        residents[c] = s.communities[c].size;
    }
    f.write("/structure/community_street", street_of, {communities_});
    f.write("/structure/community_residents", residents, {communities_});
    for (const char* path : {"/structure/community_street", "/structure/community_residents"})
        f.attach_scale(path, "/community", 0);
}

void RunWriter::record(const Model& model)
{
    const std::size_t row = rows_buffered_;
    const auto& metrics = metric_table();
    const Counters city = model.city_counters();
    for (std::size_t m = 0; m < metrics.size(); ++m) {
        city_[m][row] = metrics[m].value(city);
        for (std::size_t c = 0; c < communities_; ++c)
            community_[m][row * communities_ + c] =
                metrics[m].value(model.community_counters(static_cast<std::uint32_t>(c)));
    }
    for (std::size_t m = 0; m < STREET_METRICS.size(); ++m)
        for (std::size_t k = 0; k < streets_; ++k)
            street_[m][row * streets_ + k] = model.street_counters(static_cast<std::uint32_t>(k))[m];
    write_trust(city_trust_, row * TRUST_CELLS, city);
    for (std::size_t c = 0; c < communities_; ++c)
        write_trust(community_trust_, (row * communities_ + c) * TRUST_CELLS,
                    model.community_counters(static_cast<std::uint32_t>(c)));
    if (++rows_buffered_ == block_rows_) flush_block();
}

std::vector<std::string> RunWriter::series_paths() const
{
    std::vector<std::string> paths;
    for (const auto& m : metric_table()) {
        paths.push_back("/city/" + std::string(m.name));
        paths.push_back("/communities/" + std::string(m.name));
    }
    for (const auto& m : STREET_METRICS) paths.push_back("/streets/" + std::string(m.name));
    paths.push_back("/city/trust");
    paths.push_back("/communities/trust");
    return paths;
}

void RunWriter::flush_block()
{
    if (rows_buffered_ == 0) return;
    // The buffers, in the order of series_paths().
    std::vector<const double*> buffers;
    for (std::size_t m = 0; m < metric_table().size(); ++m) {
        buffers.push_back(city_[m].data());
        buffers.push_back(community_[m].data());
    }
    for (const auto& s : street_) buffers.push_back(s.data());
    buffers.push_back(city_trust_.data());
    buffers.push_back(community_trust_.data());
    const auto paths = series_paths();
    for (std::size_t k = 0; k < paths.size(); ++k)
        file_->write_rows(paths[k], rows_written_, rows_buffered_, buffers[k]);
    rows_written_ += rows_buffered_;
    rows_buffered_ = 0;
}

void RunWriter::copy_history(h5::File& dest)
{
    flush_block();
    for (const char* group : {"/city", "/communities", "/streets"})
        if (!dest.exists(group)) dest.create_group(group);
    for (const auto& path : series_paths()) {
        const auto rows = file_->read_rows<double>(path, 0, rows_written_);
        h5::Shape shape = file_->shape(path);
        shape[0] = rows_written_;
        dest.write(path, rows, shape);
    }
}

void RunWriter::restore_history(const h5::File& src)
{
    if (!src.exists("/city"))
        throw h5::Error(src.path() + ": holds no recorded series (saved from a run without an output file)");
    // The history covers exactly the checkpoint's weeks, in this run's layout.
    const auto steps = static_cast<std::size_t>(src.attr_as<std::int64_t>("/", "step"));
    for (const auto& path : series_paths()) {
        h5::Shape shape = file_->shape(path);
        if (steps > shape.at(0)) throw h5::InvalidFile(src.path() + ": /@step is past the end of this run");
        shape[0] = steps;
        src.require(path, "float64", shape);
        const auto data = src.read<double>(path);
        file_->write_rows(path, 0, steps, data.data.data());
    }
    rows_written_ = steps;
}

void RunWriter::write_metadata(const Model& model)
{
    h5::File& f = *file_;
    const Scenario& sc = model.scenario();
    write_common_attributes(f, RUN_FORMAT, RUN_FORMAT_VERSION);
    f.set_attr("/", "seed", static_cast<std::int64_t>(model.seed()));
    f.set_attr("/", "scenario_name", sc.name);
    f.set_attr("/", "scenario_description", sc.description);
    f.set_attr("/", "scenario_source", sc.source);
    f.set_attr("/", "scenario", sc.to_toml());
    f.set_attr("/", "steps", static_cast<std::int64_t>(model.steps_done()));
    f.set_attr("/", "threads", static_cast<std::int64_t>(model.threads()));
    f.set_attr("/", "actor_order", names(ACTOR_NAMES));
    f.set_attr("/", "domain_order", names(DOMAIN_NAMES));
    for (const auto& spec : param_table()) {
        const ParamValue v = spec.get(sc.params);
        h5::AttrValue value;
        if (const auto* d = std::get_if<double>(&v)) value = *d;
        else if (const auto* i = std::get_if<std::int64_t>(&v)) value = *i;
        else value = static_cast<std::int64_t>(std::get<bool>(v));
        f.set_attr("/parameters", std::string(spec.key), value);
    }
    std::vector<std::int64_t> steps;
    std::vector<std::string> keys, values, notes;
    for (const auto& e : sc.events)
        for (const auto& [spec, value] : e.sets) {
            steps.push_back(e.step);
            keys.emplace_back(spec->key);
            values.push_back(format_value(value));
            notes.push_back(e.note);
        }
    f.create_group("/segments");
    write_segments(f, model.segments());
    f.create_group("/events");
    f.write("/events/step", steps, {steps.size()});
    f.write_strings("/events/key", keys);
    f.write_strings("/events/value", values);
    f.write_strings("/events/note", notes);
}

void RunWriter::finish(const Model& model, double wall_seconds, bool snapshot)
{
    flush_block();
    write_metadata(model);
    file_->set_attr("/", "wall_seconds", wall_seconds);
    if (snapshot) write_snapshot(*file_, model);
    file_->close();
    pending_->commit();
}

}  // namespace cogov

namespace cogov {

namespace {

//! Segment k starts after the one before it, inside the run, and keeps the
//! population and structure of the first (as Model::rebase requires).
void check_segment(const h5::File& f, const std::vector<Segment>& segs, std::size_t k)
{
    const std::string where =
        f.path() + ": /segments/start[" + std::to_string(k) + "] = " + std::to_string(segs[k].start);
    const std::int64_t lo = k == 0 ? 1 : segs[k - 1].start + 1;
    if (segs[k].start < lo || (k == 0 && segs[k].start != 1) || segs[k].start > segs[k].scenario.params.time_steps)
        throw h5::InvalidFile(where + ": expected " + (k == 0 ? std::string("1") : "after the previous segment") +
                              " and within the scenario's time.steps");
    if (k == 0) return;
    for (const auto& spec : param_table())
        if (spec.when == ParamWhen::fixed && std::string_view(spec.key) != "time.steps" &&
            spec.get(segs[k].scenario.params) != spec.get(segs[0].scenario.params))
            throw h5::InvalidFile(where + ": its " + std::string(spec.key) + " differs from the first segment's");
}

}  // namespace

void write_segments(h5::File& f, const std::vector<Segment>& segments)
{
    std::vector<std::string> tomls;
    std::vector<std::int64_t> starts;
    for (const auto& seg : segments) tomls.push_back(seg.scenario.to_toml()), starts.push_back(seg.start);
    f.write_strings("/segments/scenario", tomls);
    f.write("/segments/start", starts, {starts.size()});
}

std::vector<Segment> read_segments(const h5::File& f)
{
    const std::size_t n = f.require("/segments/scenario", "string", {h5::ANY}).at(0);
    f.require("/segments/start", "int64", {n});
    if (n == 0) throw h5::InvalidFile(f.path() + ": /segments is empty (a run has at least one segment)");
    const auto tomls = f.read_strings("/segments/scenario");
    const auto starts = f.read<std::int64_t>("/segments/start").data;
    std::vector<Segment> out;
    for (std::size_t k = 0; k < tomls.size(); ++k) {
        out.push_back({load_scenario_text(tomls[k], f.path() + "#segment" + std::to_string(k)), starts.at(k)});
        check_segment(f, out, k);
    }
    return out;
}

}  // namespace cogov
