// docs/output-schema.md ("cogov sweep file") against a real sweep file.
#include <doctest/doctest.h>

#include <set>

#include "cogov/h5.h"
#include "cogov/sweep_run.h"
#include "fixtures.h"
#include "support.h"

using namespace cogov;

TEST_CASE("every dataset and root attribute of a sweep file is documented, and every documented one exists")
{
    const test::DocumentedSchema schema = test::documented_schema("cogov sweep file");
    REQUIRE(schema.datasets.size() > 15);
    REQUIRE(schema.root_attributes.size() > 20);

    test::TempDir dir;
    const Sweep s = load_sweep_text(test::factorial_sweep_text(), dir.file("s.toml"));
    SweepConfig config;
    config.output = dir.file("sweep.h5");
    run_sweep(s, config);
    const h5::File f = h5::File::open(config.output);
    const std::map<std::string, std::size_t> sizes = {{"run", 12}, {"point", 6}, {"parameter", 2}, {"step", 12},
                                                      {"record", 0}};
    // Per-name datasets are documented once with a placeholder name.
    auto documented = [&](const std::string& name) -> std::string {
        for (const char* group : {"/series/", "/final/", "/mean/", "/runs/parameters/"})
            if (name.rfind(group, 0) == 0) return std::string(group) + "<name>";
        return name;
    };
    std::set<std::string> in_file;
    for (const auto& name : f.datasets()) {
        const std::string doc = documented(name);
        in_file.insert(doc);
        CAPTURE(name);
        const auto it = schema.datasets.find(doc);
        if (it == schema.datasets.end()) {
            FAIL_CHECK("dataset not documented in the sweep section of docs/output-schema.md");
            continue;
        }
        if (doc != "/runs/parameters/<name>") CHECK(f.dtype(name) == it->second.dtype);
        const auto shape = f.shape(name);
        REQUIRE(shape.size() == it->second.dims.size());
        for (std::size_t d = 0; d < shape.size(); ++d)
            if (it->second.dims[d] != "record") CHECK(shape[d] == sizes.at(it->second.dims[d]));
    }
    for (const auto& [name, doc] : schema.datasets) {
        CAPTURE(name);
        CHECK(in_file.count(name) == 1);
    }
    for (const auto& [name, type] : schema.root_attributes) {
        CAPTURE(name);
        REQUIRE(f.has_attr("/", name));
        CHECK(test::attribute_type(f.attr("/", name)) == type);
    }
    for (const auto& name : f.attr_names("/")) {
        CAPTURE(name);
        CHECK(schema.root_attributes.count(name) == 1);
    }
}
