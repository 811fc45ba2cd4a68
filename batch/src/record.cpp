// Recording a run's values, and encoding records as bytes.
#include "cogov/batch/sweep_record.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "cogov/sim/actors.h"

namespace cogov {
namespace {

constexpr double MISSING = std::numeric_limits<double>::quiet_NaN();

std::size_t name_index(const std::string& name)
{
    const std::size_t i = series_index(name);
    if (i == series_names().size()) throw std::invalid_argument("not a recordable series: " + name);
    return i;
}

//! Little-endian-agnostic byte writer/reader (records stay on one machine type).
class Bytes {
public:
    template <class T>
    void put(const T& v)
    {
        out.append(reinterpret_cast<const char*>(&v), sizeof v);
    }
    void put_text(const std::string& s)
    {
        put(static_cast<std::uint32_t>(s.size()));
        out += s;
    }
    std::string out;
};

class Reader {
public:
    explicit Reader(std::string_view in) : in_(in) {}
    template <class T>
    T get()
    {
        T v;
        need(sizeof v);
        std::memcpy(&v, in_.data() + pos_, sizeof v);
        pos_ += sizeof v;
        return v;
    }
    std::string get_text(std::size_t n)
    {
        need(n);
        std::string s(in_.substr(pos_, n));
        pos_ += n;
        return s;
    }
    void need(std::size_t n) const
    {
        if (n > in_.size() - pos_) throw std::runtime_error("truncated run record");
    }
    bool done() const { return pos_ == in_.size(); }

private:
    std::string_view in_;
    std::size_t pos_ = 0;
};

}  // namespace

const std::vector<std::string>& recordable_names()
{
    return series_names();
}

RecordableInfo recordable_info(const std::string& name)
{
    const std::size_t i = name_index(name);
    return {series_unit(i), series_meaning(i)};
}

Recorder::Recorder(const RecordSpec& spec, std::int64_t max_steps) : max_steps_(max_steps), last_weeks_(spec.last_weeks)
{
    auto columns = [](const std::vector<std::string>& names) {
        std::vector<std::size_t> out;
        for (const auto& name : names) out.push_back(name_index(name));
        return out;
    };
    series_ = columns(spec.series);
    final_ = columns(spec.final);
    mean_ = columns(spec.mean);
    width_ = series_.size() * static_cast<std::size_t>(max_steps_) + final_.size() + mean_.size();
}

void Recorder::start(std::int64_t steps)
{
    const std::int64_t window = std::min(last_weeks_, steps);
    start(steps, WeekRange{steps - window + 1, steps, ""});
}

void Recorder::start(std::int64_t steps, const WeekRange& means)
{
    steps_ = steps;
    means_ = means;
    values_.assign(width_, MISSING);
    const std::size_t at = series_.size() * static_cast<std::size_t>(max_steps_) + final_.size();
    for (std::size_t m = 0; m < mean_.size(); ++m) values_[at + m] = 0.0;
    mean_weeks_.assign(mean_.size(), 0);
}

void Recorder::record(const Counters& city, std::int64_t step)
{
    const auto row = static_cast<std::size_t>(step - 1), steps = static_cast<std::size_t>(max_steps_);
    for (std::size_t s = 0; s < series_.size(); ++s) values_[s * steps + row] = series_value(city, series_[s]);
    const std::size_t finals = series_.size() * steps, means = finals + final_.size();
    if (step == steps_)
        for (std::size_t f = 0; f < final_.size(); ++f) values_[finals + f] = series_value(city, final_[f]);
    if (step < means_.first || step > means_.last) return;
    // Summed as cogov compare sums (skipping weeks without a value), so the
    // two give the same bits for the same run.
    for (std::size_t m = 0; m < mean_.size(); ++m) {
        const double v = series_value(city, mean_[m]);
        if (std::isnan(v)) continue;
        values_[means + m] += v;
        ++mean_weeks_[m];
    }
}

std::vector<double> Recorder::finish()
{
    const std::size_t means = series_.size() * static_cast<std::size_t>(max_steps_) + final_.size();
    for (std::size_t m = 0; m < mean_.size(); ++m)
        values_[means + m] = mean_weeks_[m] > 0 ? values_[means + m] / double(mean_weeks_[m]) : MISSING;
    return std::move(values_);
}

std::string encode(const RunRecord& record)
{
    Bytes b;
    b.put(static_cast<std::uint64_t>(record.run));
    b.put(static_cast<std::int8_t>(record.status));
    b.put(record.wall_seconds);
    b.put_text(record.error);
    b.put(static_cast<std::uint64_t>(record.values.size()));
    b.out.append(reinterpret_cast<const char*>(record.values.data()), record.values.size() * sizeof(double));
    return std::move(b.out);
}

RunRecord decode(std::string_view bytes)
{
    Reader r(bytes);
    RunRecord rec;
    rec.run = r.get<std::uint64_t>();
    rec.status = static_cast<RunStatus>(r.get<std::int8_t>());
    rec.wall_seconds = r.get<double>();
    rec.error = r.get_text(r.get<std::uint32_t>());
    const auto n = r.get<std::uint64_t>();
    if (n > bytes.size() / sizeof(double)) throw std::runtime_error("run record claims more values than it holds");
    r.need(n * sizeof(double));
    rec.values.resize(n);
    for (auto& v : rec.values) v = r.get<double>();
    if (!r.done()) throw std::runtime_error("run record has trailing bytes");
    return rec;
}

}  // namespace cogov
