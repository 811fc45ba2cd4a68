// A design matrix read from CSV (SALib, scipy.qmc, R, a spreadsheet).
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>

#include "cogov/batch/sweep_design.h"

namespace cogov {
namespace {

struct Cell {
    std::string text;
    int column;  //!< 1-based
};

std::vector<Cell> split_row(const std::string& line)
{
    std::vector<Cell> cells;
    std::size_t start = 0;
    for (;;) {
        const std::size_t comma = line.find(',', start);
        std::string text = line.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        const std::size_t first = text.find_first_not_of(" \t\r"), last = text.find_last_not_of(" \t\r");
        text = first == std::string::npos ? "" : text.substr(first, last - first + 1);
        cells.push_back({text, static_cast<int>(start) + 1});
        if (comma == std::string::npos) return cells;
        start = comma + 1;
    }
}

class CsvReader {
public:
    explicit CsvReader(const std::string& path) : path_(path) {}
    std::pair<std::vector<SweepParameter>, Design> read();

private:
    void header(const std::string& line);
    void row(const std::string& line, int number);
    void error(int line, int column, const std::string& key, const std::string& message)
    {
        problems_.push_back(Diagnostic{Origin{path_, line, column}, key, message});
    }

    std::string path_;
    std::vector<SweepParameter> params_;
    std::vector<double> values_;
    std::size_t rows_ = 0;
    std::vector<Diagnostic> problems_;
};

void CsvReader::header(const std::string& line)
{
    for (const auto& cell : split_row(line)) {
        const ParamSpec* spec = find_param(cell.text);
        if (!spec) problems_.push_back(unknown_param(Origin{path_, 1, cell.column}, cell.text, "parameter"));
        for (const auto& p : params_)
            if (spec && p.spec == spec) error(1, cell.column, cell.text, "parameter appears twice in the header");
        params_.push_back(
            SweepParameter{spec, {}, spec ? spec->min : 0, spec ? spec->max : 0, Origin{path_, 1, cell.column}});
    }
}

void CsvReader::row(const std::string& line, int number)
{
    const auto cells = split_row(line);
    if (cells.size() != params_.size()) {
        error(number, 1, "",
              "expected " + std::to_string(params_.size()) + " values, got " + std::to_string(cells.size()));
        return;
    }
    for (std::size_t j = 0; j < cells.size(); ++j) {
        double v = std::numeric_limits<double>::quiet_NaN();
        if (const ParamSpec* spec = params_[j].spec) {
            ParamRead read = spec->read(RawValue::of_text(cells[j].text), Origin{path_, number, cells[j].column});
            if (auto* d = std::get_if<Diagnostic>(&read)) problems_.push_back(std::move(*d));
            else v = std::visit([](auto x) { return static_cast<double>(x); }, std::get<ParamValue>(read));
        }
        values_.push_back(v);
    }
    ++rows_;
}

std::pair<std::vector<SweepParameter>, Design> CsvReader::read()
{
    std::ifstream in(path_);
    if (!in) throw ScenarioError({Diagnostic{Origin{path_, 0, 0}, "", "cannot read design file"}});
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        if (params_.empty() && number == 1) header(line);
        else if (params_.empty()) error(number, 1, "", "the header must be on the first line");
        else row(line, number);
    }
    if (params_.empty()) error(1, 1, "", "empty design file: expected a header of parameter keys");
    else if (rows_ == 0) error(number + 1, 1, "", "no design points after the header");
    if (!problems_.empty()) throw ScenarioError(std::move(problems_));
    Design d;
    d.type = DesignType::csv;
    d.k = params_.size();
    d.n = rows_;
    d.values = std::move(values_);
    d.unit.assign(d.values.size(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t i = 0; i < rows_; ++i) d.group.push_back(static_cast<std::int64_t>(i));
    d.role.assign(rows_, 0);
    d.changed.assign(rows_, -1);
    return {std::move(params_), std::move(d)};
}

}  // namespace

std::pair<std::vector<SweepParameter>, Design> csv_design(const std::string& path)
{
    return CsvReader(path).read();
}

}  // namespace cogov
