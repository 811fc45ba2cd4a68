#include "cogov/output.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "cogov/h5.h"
#include "cogov/version.h"
#include "file_names.h"

namespace cogov {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t CHUNK_VALUES = 32768;  // 256 KiB of doubles per chunk
constexpr std::size_t TRUST_CELLS = ACTORS * ACTORS;

std::vector<std::string> names(const auto& array)
{
    return std::vector<std::string>(array.begin(), array.end());
}

std::size_t chunk_rows(std::size_t row_values) { return std::max<std::size_t>(1, CHUNK_VALUES / row_values); }

void write_trust(std::vector<double>& out, std::size_t offset, const Counters& k)
{
    for (int a = 0; a < ACTORS; ++a)
        for (int b = 0; b < ACTORS; ++b) out[offset + std::size_t(a) * ACTORS + b] = k.trust(a, b);
}

}  // namespace

RunWriter::RunWriter(const std::string& path, const Model& model)
    : path_(path), temp_path_(temporary_name(path)), communities_(model.state().communities.size()),
      streets_(model.state().streets.size())
{
    block_rows_ = std::min<std::size_t>(static_cast<std::size_t>(model.steps_total()),
                                        chunk_rows(communities_));
    file_ = std::make_unique<h5::File>(h5::File::create(temp_path_));
    create_layout(model);
    const auto& metrics = metric_table();
    city_.assign(metrics.size(), std::vector<double>(block_rows_));
    community_.assign(metrics.size(), std::vector<double>(block_rows_ * communities_));
    street_.assign(STREET_METRICS.size(), std::vector<double>(block_rows_ * streets_));
    city_trust_.assign(block_rows_ * TRUST_CELLS, 0.0);
    community_trust_.assign(block_rows_ * communities_ * TRUST_CELLS, 0.0);
}

RunWriter::~RunWriter()
{
    if (finished_) return;
    file_.reset();  // closes the handle (errors ignored in a destructor)
    std::error_code ec;
    fs::remove(temp_path_, ec);
}

void RunWriter::create_layout(const Model& model)
{
    h5::File& f = *file_;
    const std::size_t steps = static_cast<std::size_t>(model.steps_total());
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
    for (const char* path : {"/city/trust", "/communities/trust"})
        f.set_attr(path, "actor_order", names(ACTOR_NAMES));

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
            community_[m][row * communities_ + c] = metrics[m].value(model.community_counters(static_cast<std::uint32_t>(c)));
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

void RunWriter::flush_block()
{
    if (rows_buffered_ == 0) return;
    h5::File& f = *file_;
    const auto& metrics = metric_table();
    for (std::size_t m = 0; m < metrics.size(); ++m) {
        const std::string name(metrics[m].name);
        f.write_rows("/city/" + name, rows_written_, rows_buffered_, city_[m].data());
        f.write_rows("/communities/" + name, rows_written_, rows_buffered_, community_[m].data());
    }
    for (std::size_t m = 0; m < STREET_METRICS.size(); ++m)
        f.write_rows("/streets/" + std::string(STREET_METRICS[m].name), rows_written_, rows_buffered_, street_[m].data());
    f.write_rows("/city/trust", rows_written_, rows_buffered_, city_trust_.data());
    f.write_rows("/communities/trust", rows_written_, rows_buffered_, community_trust_.data());
    rows_written_ += rows_buffered_;
    rows_buffered_ = 0;
}

void RunWriter::write_metadata(const Model& model)
{
    h5::File& f = *file_;
    const Scenario& sc = model.scenario();
    f.set_attr("/", "format", std::string(RUN_FORMAT));
    f.set_attr("/", "format_version", RUN_FORMAT_VERSION);
    f.set_attr("/", "cogov_version", std::string(version()));
    f.set_attr("/", "git_commit", std::string(git_commit()));
    f.set_attr("/", "seed", static_cast<std::int64_t>(model.seed()));
    f.set_attr("/", "scenario_name", sc.name);
    f.set_attr("/", "scenario_description", sc.description);
    f.set_attr("/", "scenario_source", sc.source);
    f.set_attr("/", "scenario", sc.to_toml());
    f.set_attr("/", "created", utc_now());
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
    move_into_place(temp_path_, path_);
    finished_ = true;
}

}  // namespace cogov
