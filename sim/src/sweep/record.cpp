// Recording a run's values, and encoding records as bytes.
#include "cogov/sweep_record.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "cogov/actors.h"

namespace cogov {
namespace {

constexpr std::size_t TRUST = std::numeric_limits<std::size_t>::max();
constexpr double MISSING = std::numeric_limits<double>::quiet_NaN();

std::string trust_name(int a, int b) { return std::string("trust.") + ACTOR_NAMES[a] + "." + ACTOR_NAMES[b]; }

std::size_t name_index(const std::string& name)
{
    const auto& names = recordable_names();
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) return i;
    throw std::invalid_argument("not a recordable series: " + name);
}

//! Little-endian-agnostic byte writer/reader (records stay on one machine type).
class Bytes {
public:
    template <class T>
    void put(const T& v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
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
        if (pos_ + n > in_.size()) throw std::runtime_error("truncated run record");
    }
    bool done() const { return pos_ == in_.size(); }

private:
    std::string_view in_;
    std::size_t pos_ = 0;
};

}  // namespace

const std::vector<std::string>& recordable_names()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& m : metric_table()) out.emplace_back(m.name);
        for (int a = 0; a < ACTORS; ++a)
            for (int b = 0; b < ACTORS; ++b) out.push_back(trust_name(a, b));
        return out;
    }();
    return names;
}

RecordableInfo recordable_info(const std::string& name)
{
    const std::size_t i = name_index(name);
    if (i < metric_table().size()) return {std::string(metric_table()[i].unit), std::string(metric_table()[i].meaning)};
    const std::size_t cell = i - metric_table().size();
    return {"trust", std::string("Mean trust of ") + ACTOR_NAMES[cell / ACTORS] + " toward " + ACTOR_NAMES[cell % ACTORS]};
}

double Recorder::Column::operator()(const Counters& c) const
{
    return metric == TRUST ? c.trust(truster, trustee) : metric_table()[metric].value(c);
}

Recorder::Recorder(const RecordSpec& spec, std::int64_t max_steps) : max_steps_(max_steps), last_weeks_(spec.last_weeks)
{
    auto columns = [](const std::vector<std::string>& names) {
        std::vector<Column> out;
        for (const auto& name : names) {
            const std::size_t i = name_index(name), metrics = metric_table().size();
            if (i < metrics) out.push_back({i});
            else out.push_back({TRUST, static_cast<int>((i - metrics) / ACTORS), static_cast<int>((i - metrics) % ACTORS)});
        }
        return out;
    };
    series_ = columns(spec.series);
    final_ = columns(spec.final);
    mean_ = columns(spec.mean);
    width_ = series_.size() * static_cast<std::size_t>(max_steps_) + final_.size() + mean_.size();
}

void Recorder::start(std::int64_t steps)
{
    steps_ = steps;
    values_.assign(width_, MISSING);
    const std::size_t means = series_.size() * static_cast<std::size_t>(max_steps_) + final_.size();
    for (std::size_t m = 0; m < mean_.size(); ++m) values_[means + m] = 0.0;
}

void Recorder::record(const Counters& city, std::int64_t step)
{
    const auto row = static_cast<std::size_t>(step - 1), steps = static_cast<std::size_t>(max_steps_);
    for (std::size_t s = 0; s < series_.size(); ++s) values_[s * steps + row] = series_[s](city);
    const std::size_t finals = series_.size() * steps, means = finals + final_.size();
    if (step == steps_)
        for (std::size_t f = 0; f < final_.size(); ++f) values_[finals + f] = final_[f](city);
    const std::int64_t window = std::min(last_weeks_, steps_);
    if (step > steps_ - window)
        for (std::size_t m = 0; m < mean_.size(); ++m) values_[means + m] += mean_[m](city) / static_cast<double>(window);
}

std::vector<double> Recorder::finish() { return std::move(values_); }

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
    r.need(n * sizeof(double));
    rec.values.resize(n);
    for (auto& v : rec.values) v = r.get<double>();
    if (!r.done()) throw std::runtime_error("run record has trailing bytes");
    return rec;
}

}  // namespace cogov
