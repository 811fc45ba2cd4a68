#include "support.h"

#include <cstring>
#include <fstream>
#include <random>
#include <regex>
#include <set>

#include "cogov/sim/h5.h"

namespace cogov::test {

namespace fs = std::filesystem;

fs::path source_dir()
{
    return fs::path(COGOV_SOURCE_DIR);
}

TempDir::TempDir()
{
    std::random_device rd;
    path_ = fs::temp_directory_path() / ("cogov-test-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(path_);
}

TempDir::~TempDir()
{
    std::error_code ec;
    fs::remove_all(path_, ec);
}

std::string TempDir::write(const std::string& name, const std::string& text) const
{
    const std::string p = file(name);
    std::ofstream(p) << text;
    return p;
}

Scenario small_scenario(const Overrides& extra, std::int64_t steps)
{
    Overrides o = {"city.communities=6", "city.streets=2", "city.residents_per_community=400",
                   "grid.households_per_cell=50", "time.steps=" + std::to_string(steps)};
    o.insert(o.end(), extra.begin(), extra.end());
    return builtin_baseline(o);
}

std::vector<std::string> differing_datasets(const std::string& a, const std::string& b)
{
    const h5::File fa = h5::File::open(a), fb = h5::File::open(b);
    const auto na = fa.datasets(), nb = fb.datasets();
    std::vector<std::string> out;
    for (const auto& name : na) {
        if (!fb.exists(name)) {
            out.push_back(name + " (only in first)");
            continue;
        }
        if (fa.dtype(name) == "string") {
            if (fa.read_strings(name) != fb.read_strings(name)) out.push_back(name);
        } else if (fa.shape(name) != fb.shape(name)) {
            out.push_back(name);
        } else {
            const auto da = fa.read<double>(name).data, db = fb.read<double>(name).data;  // bit for bit
            if (!da.empty() && std::memcmp(da.data(), db.data(), da.size() * sizeof(double)) != 0) out.push_back(name);
        }
    }
    for (const auto& name : nb)
        if (!fa.exists(name)) out.push_back(name + " (only in second)");
    return out;
}

std::vector<std::string> differing_runs(const std::string& a, const std::string& b)
{
    auto out = differing_datasets(a, b);
    std::erase(out, "/runs/wall_seconds");
    return out;
}

namespace {

std::vector<std::string> words(const std::string& text)
{
    std::vector<std::string> out;
    const std::regex word(R"(\w+)");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), word); it != std::sregex_iterator(); ++it)
        out.push_back(it->str());
    return out;
}

}  // namespace

std::string attribute_type(const h5::AttrValue& v)
{
    if (std::holds_alternative<std::int64_t>(v)) return "int64";
    if (std::holds_alternative<double>(v)) return "float64";
    if (std::holds_alternative<std::string>(v)) return "string";
    if (std::holds_alternative<std::vector<std::string>>(v)) return "string array";
    if (std::holds_alternative<std::vector<std::int64_t>>(v)) return "int64 array";
    return "float64 array";
}

DocumentedSchema documented_schema(const std::string& title)
{
    std::ifstream in(source_dir() / "docs" / "output-schema.md");
    DocumentedSchema schema;
    const std::regex dataset_row(R"(^\| `(/[^`]+)` \| (\w+) \| \(([^)]*)\) \|)");
    const std::regex attr_row(R"(^\| `@(\w+)` \| ([\w ]+) \|)");
    std::string line;
    std::smatch m;
    bool inside = false;
    while (std::getline(in, line)) {
        if (line.rfind("# ", 0) == 0) inside = line.rfind("# " + title, 0) == 0;
        if (!inside) continue;
        if (std::regex_search(line, m, dataset_row)) schema.datasets[m[1]] = {m[2], words(m[3])};
        else if (std::regex_search(line, m, attr_row)) schema.root_attributes[m[1]] = m[2];
    }
    return schema;
}

std::vector<std::string> schema_problems(const DocumentedSchema& schema, const h5::File& f,
                                         const std::map<std::string, std::size_t>& sizes,
                                         std::string (*doc_name)(const std::string&))
{
    std::vector<std::string> problems;
    std::set<std::string> in_file;
    for (const auto& name : f.datasets()) {
        const std::string doc = doc_name ? doc_name(name) : name;
        in_file.insert(doc);
        const auto it = schema.datasets.find(doc);
        if (it == schema.datasets.end()) {
            problems.push_back(name + ": not documented");
            continue;
        }
        const std::string type = f.dtype(name), documented = it->second.dtype;
        if (type != documented && !(documented == "number" && (type == "float64" || type == "int64")))
            problems.push_back(name + ": type " + type + ", documented " + documented);
        const auto shape = f.shape(name);
        if (shape.size() != it->second.dims.size()) {
            problems.push_back(name + ": " + std::to_string(shape.size()) + " dimensions, documented otherwise");
            continue;
        }
        for (std::size_t d = 0; d < shape.size(); ++d)
            if (sizes.count(it->second.dims[d]) && shape[d] != sizes.at(it->second.dims[d]))
                problems.push_back(name + ": dimension " + it->second.dims[d] + " has length " +
                                   std::to_string(shape[d]));
    }
    for (const auto& [name, doc] : schema.datasets)
        if (!in_file.count(name)) problems.push_back(name + ": documented but not in the file");
    for (const auto& [name, type] : schema.root_attributes) {
        if (!f.has_attr("/", name)) problems.push_back("@" + name + ": documented but not in the file");
        else if (attribute_type(f.attr("/", name)) != type) problems.push_back("@" + name + ": not a " + type);
    }
    for (const auto& name : f.attr_names("/"))
        if (!schema.root_attributes.count(name)) problems.push_back("@" + name + ": not documented");
    return problems;
}

}  // namespace cogov::test
