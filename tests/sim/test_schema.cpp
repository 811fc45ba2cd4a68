// docs/output-schema.md against a real run file.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "cogov/sim/compare.h"
#include "cogov/sim/h5.h"
#include "cogov/sim/run.h"
#include "support.h"

using namespace cogov;

TEST_CASE("every dataset and root attribute of a run file is documented, and every documented one exists")
{
    const test::DocumentedSchema schema = test::documented_schema("Run files");
    REQUIRE(schema.datasets.size() > 90);
    REQUIRE(schema.root_attributes.size() >= 15);

    test::TempDir dir;
    const auto scen =
        dir.write("s.toml", "[[events]]\nstep = 3\nnote = \"cut\"\nset = { \"committee.delegated_items\" = 72 }\n");
    RunConfig config;
    config.output = dir.file("run.h5");
    config.snapshot = true;
    const Scenario s =
        load_scenario_file(scen, {"city.communities=3", "city.streets=2", "city.residents_per_community=200",
                                  "grid.households_per_cell=30", "time.steps=7"});
    run(s, config);
    const h5::File f = h5::File::open(config.output);

    const std::map<std::string, std::size_t> sizes = {{"step", 7},
                                                      {"community", 3},
                                                      {"street", 2},
                                                      {"truster", 5},
                                                      {"trustee", 5},
                                                      {"event", 1},
                                                      {"segment", 1},
                                                      {"resident", 600},
                                                      {"actor", 5},
                                                      {"domain", 7},
                                                      {"tie", std::size_t(s.params.network_degree)},
                                                      {"organization",
                                                       3 * std::size_t(s.params.socorg_max_per_community)},
                                                      {"company",
                                                       3 * std::size_t(s.params.city_compounds_per_community)}};

    CHECK(test::schema_problems(schema, f, sizes) == std::vector<std::string>{});
    for (const auto& name : f.datasets()) {
        CAPTURE(name);
        const auto shape = f.shape(name);
        if (!shape.empty() && shape[0] == 7 && name != "/step" && name.rfind("/snapshot", 0) != 0) {
            CHECK(f.has_attr(name, "units"));
            CHECK(f.has_attr(name, "long_name"));
        }
    }
    // One attribute per parameter under /parameters.
    CHECK(f.attr_names("/parameters").size() == param_table().size());
}

namespace {

//! A comparison file's dataset under its documented name (/arms/<k>/...).
std::string comparison_doc_name(const std::string& name)
{
    std::string doc =
        std::regex_replace(name, std::regex("^/(arms|differences|differences_fixed)/[0-9]+/"), "/$1/<k>/");
    if (doc.rfind("/differences_fixed/<k>/", 0) == 0) doc = "/differences_fixed/<k>/<column>";
    if (doc.rfind("/arms/<k>/city/", 0) == 0 && doc != "/arms/<k>/city/trust") doc = "/arms/<k>/city/<metric>";
    return doc;
}

}  // namespace

TEST_CASE("a comparison file matches the comparison section of docs/output-schema.md")
{
    const test::DocumentedSchema schema = test::documented_schema("Comparison files");
    REQUIRE(schema.datasets.size() >= 15);
    test::TempDir dir;
    CompareConfig config;
    config.replicates = 2;
    const Scenario a = test::small_scenario({}, 6), b = test::small_scenario({"committee.delegated_items=72"}, 6);
    write_compare(dir.file("c.h5"), compare({a, b}, config), false);
    const h5::File f = h5::File::open(dir.file("c.h5"));
    const std::map<std::string, std::size_t> sizes = {
        {"step", 6}, {"replicate", 2}, {"outcome", outcome_table().size()}, {"truster", 5}, {"trustee", 5}};
    // The datasets of comparisons over posterior draws are the only ones absent.
    CHECK(test::schema_problems(schema, f, sizes, comparison_doc_name) ==
          std::vector<std::string>{"/differences_fixed/<k>/<column>: documented but not in the file",
                                   "/parameter: documented but not in the file",
                                   "/replicate_parameters: documented but not in the file"});
}

TEST_CASE("a comparison over parameter draws matches the comparison section of docs/output-schema.md")
{
    const test::DocumentedSchema schema = test::documented_schema("Comparison files");
    test::TempDir dir;
    CompareConfig config;
    config.replicates = 2;
    const Scenario a = test::small_scenario({}, 6), b = test::small_scenario({"committee.delegated_items=72"}, 6);
    const ParamSpec* gain = find_param("trust.a_gain");
    config.replicate_values = {{{gain, 0.02}}, {{gain, 0.08}}};
    config.replicate_values_source = "test";
    CompareResult r = compare({a, b}, config);
    r.fixed_differences = r.differences;
    write_compare(dir.file("c.h5"), r, false);
    const h5::File f = h5::File::open(dir.file("c.h5"));
    const std::map<std::string, std::size_t> sizes = {
        {"step", 6},    {"replicate", 2}, {"outcome", outcome_table().size()},
        {"truster", 5}, {"trustee", 5},   {"parameter", 1}};
    CHECK(test::schema_problems(schema, f, sizes, comparison_doc_name) == std::vector<std::string>{});
    CHECK(f.read<double>("/replicate_parameters").data == std::vector<double>{0.02, 0.08});
}

TEST_CASE("a checkpoint carries the documented root attributes")
{
    const test::DocumentedSchema schema = test::documented_schema("Checkpoint files");
    REQUIRE(schema.root_attributes.size() >= 5);
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
        CHECK(test::attribute_type(f.attr("/", name)) == type);
    }
    for (const char* group : {"/state", "/segments", "/city", "/communities", "/streets"}) CHECK(f.exists(group));
    CHECK(f.shape("/city/backlog") == h5::Shape{2});
}
