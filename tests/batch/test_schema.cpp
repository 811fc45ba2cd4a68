// docs/output-schema.md ("cogov sweep file") against a real sweep file.
#include <doctest/doctest.h>

#include <set>

#include "cogov/sim/h5.h"
#include "cogov/batch/sweep_run.h"
#include "fixtures.h"
#include "support.h"

using namespace cogov;

namespace {

//! Per-name datasets are documented once, with the placeholder <name>.
std::string documented_name(const std::string& name)
{
    for (const char* group : {"/series/", "/final/", "/mean/", "/runs/parameters/"})
        if (name.rfind(group, 0) == 0) return std::string(group) + "<name>";
    return name;
}

}  // namespace

TEST_CASE("every dataset and root attribute of a sweep file is documented, and every documented one exists")
{
    const test::DocumentedSchema schema = test::documented_schema("Sweep files");
    REQUIRE(schema.datasets.size() > 15);
    REQUIRE(schema.root_attributes.size() > 20);

    test::TempDir dir;
    const Sweep s = load_sweep_text(test::factorial_sweep_text(), dir.file("s.toml"));
    SweepConfig config;
    config.output = dir.file("sweep.h5");
    run_sweep(s, config);
    const h5::File f = h5::File::open(config.output);
    const std::map<std::string, std::size_t> sizes = {{"run", 12}, {"point", 6}, {"parameter", 2}, {"step", 12}};
    CHECK(test::schema_problems(schema, f, sizes, documented_name) == std::vector<std::string>{});
    for (const auto& name : f.datasets())
        if (f.shape(name).at(0) == 12 && name != "/run" && name != "/step") {
            CAPTURE(name);
            CHECK(f.has_attr(name, "units"));
            CHECK(f.has_attr(name, "long_name"));
        }
}
