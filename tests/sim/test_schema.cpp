// docs/output-schema.md against a real run file.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "cogov/compare.h"
#include "cogov/h5.h"
#include "cogov/run.h"
#include "support.h"

using namespace cogov;

namespace {

struct DocumentedDataset {
    std::string dtype;
    std::vector<std::string> dims;
};

struct Schema {
    std::map<std::string, DocumentedDataset> datasets;
    std::map<std::string, std::string> root_attributes;  // name -> type
};

std::vector<std::string> split_dims(const std::string& text)
{
    std::vector<std::string> out;
    std::regex word(R"(\w+)");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), word); it != std::sregex_iterator(); ++it)
        out.push_back(it->str());
    return out;
}

//! The tables of one format's section ("# ... (`cogov-run`)") of the document.
Schema read_schema(const std::string& format)
{
    std::ifstream in(test::source_dir() / "docs" / "output-schema.md");
    REQUIRE(in);
    Schema schema;
    const std::regex dataset_row(R"(^\| `(/[^`]+)` \| (\w+) \| \(([^)]*)\) \|)");
    const std::regex attr_row(R"(^\| `@(\w+)` \| ([\w ]+) \|)");
    std::string line;
    std::smatch m;
    bool inside = false;
    while (std::getline(in, line)) {
        if (line.rfind("# ", 0) == 0) inside = line.find("(`" + format + "`)") != std::string::npos;
        if (!inside) continue;
        if (std::regex_search(line, m, dataset_row)) schema.datasets[m[1]] = {m[2], split_dims(m[3])};
        else if (std::regex_search(line, m, attr_row)) schema.root_attributes[m[1]] = m[2];
    }
    return schema;
}

//! A documented path as a pattern: <k> is a number, <metric> a name.
std::regex path_pattern(const std::string& documented)
{
    std::string re;
    for (std::size_t i = 0; i < documented.size(); ++i) {
        if (documented.compare(i, 3, "<k>") == 0) re += "[0-9]+", i += 2;
        else if (documented.compare(i, 8, "<metric>") == 0) re += "[a-z_]+", i += 7;
        else re += std::isalnum(static_cast<unsigned char>(documented[i])) || documented[i] == '/' || documented[i] == '_'
                       ? std::string(1, documented[i])
                       : std::string("\\") + documented[i];
    }
    return std::regex(re);
}

std::string type_of(const h5::AttrValue& v)
{
    if (std::holds_alternative<std::int64_t>(v)) return "int64";
    if (std::holds_alternative<double>(v)) return "float64";
    if (std::holds_alternative<std::string>(v)) return "string";
    if (std::holds_alternative<std::vector<std::string>>(v)) return "string array";
    return "float64 array";
}

}  // namespace

TEST_CASE("every dataset and root attribute of a run file is documented, and every documented one exists")
{
    const Schema schema = read_schema("cogov-run");
    REQUIRE(schema.datasets.size() > 90);
    REQUIRE(schema.root_attributes.size() >= 15);

    test::TempDir dir;
    const auto scen = dir.write("s.toml", "[[events]]\nstep = 3\nnote = \"cut\"\nset = { \"committee.delegated_items\" = 72 }\n");
    RunConfig config;
    config.output = dir.file("run.h5");
    config.snapshot = true;
    const Scenario s = load_scenario_file(scen, {"city.communities=3", "city.streets=2", "city.residents_per_community=200",
                                                 "grid.households_per_cell=30", "time.steps=7"});
    run(s, config);
    const h5::File f = h5::File::open(config.output);

    const std::map<std::string, std::size_t> sizes = {
        {"step", 7},   {"community", 3}, {"street", 2}, {"truster", 5}, {"trustee", 5}, {"event", 1}, {"segment", 1},
        {"resident", 600}, {"actor", 5}, {"domain", 7}, {"tie", std::size_t(s.params.network_degree)},
        {"organization", 3 * std::size_t(s.params.socorg_max_per_community)},
        {"company", 3 * std::size_t(s.params.city_compounds_per_community)}};

    std::set<std::string> in_file;
    for (const auto& name : f.datasets()) {
        in_file.insert(name);
        CAPTURE(name);
        const auto it = schema.datasets.find(name);
        if (it == schema.datasets.end()) {
            FAIL_CHECK("dataset not documented in docs/output-schema.md");
            continue;
        }
        CHECK(f.dtype(name) == it->second.dtype);
        const auto shape = f.shape(name);
        REQUIRE(shape.size() == it->second.dims.size());
        for (std::size_t d = 0; d < shape.size(); ++d) {
            CAPTURE(it->second.dims[d]);
            REQUIRE(sizes.count(it->second.dims[d]) == 1);
            CHECK(shape[d] == sizes.at(it->second.dims[d]));
        }
        if (it->second.dims.at(0) == "step" && name != "/step") {
            CHECK(f.has_attr(name, "units"));
            CHECK(f.has_attr(name, "long_name"));
        }
    }
    for (const auto& [name, doc] : schema.datasets) {
        CAPTURE(name);
        CHECK(in_file.count(name) == 1);
    }
    for (const auto& [name, type] : schema.root_attributes) {
        CAPTURE(name);
        REQUIRE(f.has_attr("/", name));
        CHECK(type_of(f.attr("/", name)) == type);
    }
    for (const auto& name : f.attr_names("/")) {
        CAPTURE(name);
        CHECK(schema.root_attributes.count(name) == 1);
    }
    // One attribute per parameter under /parameters.
    CHECK(f.attr_names("/parameters").size() == param_table().size());
}

TEST_CASE("a comparison file matches the comparison section of docs/output-schema.md")
{
    const Schema schema = read_schema("cogov-compare");
    REQUIRE(schema.datasets.size() >= 15);
    test::TempDir dir;
    CompareConfig config;
    config.replicates = 2;
    const Scenario a = test::small_scenario({}, 6), b = test::small_scenario({"committee.delegated_items=72"}, 6);
    write_compare(dir.file("c.h5"), compare({a, b}, config));
    const h5::File f = h5::File::open(dir.file("c.h5"));
    const std::map<std::string, std::size_t> sizes = {{"step", 6}, {"replicate", 2}, {"outcome", outcome_table().size()},
                                                      {"truster", 5}, {"trustee", 5}};
    std::map<std::string, int> matched;
    for (const auto& name : f.datasets()) {
        CAPTURE(name);
        // An exact entry wins over a pattern (/arms/<k>/city/trust over .../<metric>).
        auto it = schema.datasets.find(std::regex_replace(name, std::regex("/[0-9]+/"), "/<k>/"));
        if (it == schema.datasets.end())
            it = std::find_if(schema.datasets.begin(), schema.datasets.end(),
                              [&](const auto& d) { return std::regex_match(name, path_pattern(d.first)); });
        if (it == schema.datasets.end()) {
            FAIL_CHECK("dataset not documented");
            continue;
        }
        ++matched[it->first];
        CHECK(f.dtype(name) == it->second.dtype);
        const auto shape = f.shape(name);
        REQUIRE(shape.size() == it->second.dims.size());
        for (std::size_t d = 0; d < shape.size(); ++d) CHECK(shape[d] == sizes.at(it->second.dims[d]));
    }
    for (const auto& [name, doc] : schema.datasets) {
        CAPTURE(name);
        CHECK(matched[name] > 0);
    }
    for (const auto& [name, type] : schema.root_attributes) {
        CAPTURE(name);
        REQUIRE(f.has_attr("/", name));
        CHECK(type_of(f.attr("/", name)) == type);
    }
    CHECK(f.attr_names("/").size() == schema.root_attributes.size());
}

TEST_CASE("a checkpoint carries the documented root attributes")
{
    const Schema schema = read_schema("cogov-checkpoint");
    test::TempDir dir;
    RunConfig config;
    config.output = dir.file("run.h5");
    config.checkpoint_at = 2;
    config.checkpoint = dir.file("cp.h5");
    run(test::small_scenario({}, 4), config);
    const h5::File f = h5::File::open(config.checkpoint);
    for (const auto& [name, type] : schema.root_attributes) {
        CAPTURE(name);
        REQUIRE(f.has_attr("/", name));
        CHECK(type_of(f.attr("/", name)) == type);
    }
    for (const char* group : {"/state", "/segments", "/city", "/communities", "/streets"}) CHECK(f.exists(group));
    CHECK(f.shape("/city/backlog") == h5::Shape{2});
}
