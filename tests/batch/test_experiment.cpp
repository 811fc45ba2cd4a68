// Experiments in the XLRM form: uncertainties sampled into futures, every
// lever combination in every future, outcomes with directions; the sweep
// machinery (journal, shards, merge) unchanged.
#include <doctest/doctest.h>

#include <cmath>

#include "cogov/sim/h5.h"
#include "cogov/batch/sweep_file.h"
#include "cogov/batch/sweep_run.h"
#include "fixtures.h"
#include "support.h"

using namespace cogov;

namespace {

std::string experiment_text(const std::string& design = "type = \"latin_hypercube\"\nn = 3")
{
    return std::string("name = \"xlrm\"\nseed = 8\nreplicates = 2\n") + test::SMALL_SET + "\n[design]\n" + design + R"(

[uncertainties]
"power.leader_tenure" = { min = 26, max = 520 }
"contracts.p_late" = { min = 0.0, max = 0.5 }

[levers]
"committee.delegated_items" = [296, 72]
"grid.enabled" = [false, true]

[[outcomes]]
name = "mean.trust.residents.resident_committee"
direction = "maximise"
threshold = 0.45

[[outcomes]]
name = "final.backlog"
direction = "minimise"
)";
}

}  // namespace

TEST_CASE("an experiment runs every lever combination in every sampled future")
{
    test::TempDir dir;
    const Sweep s = load_sweep_text(experiment_text(), dir.file("x.toml"));
    const Experiment& x = s.experiment;
    REQUIRE(x.active());
    CHECK(x.uncertainties == std::vector<std::string>{"contracts.p_late", "power.leader_tenure"});
    CHECK(x.levers == std::vector<std::string>{"committee.delegated_items", "grid.enabled"});
    CHECK(x.futures == 3);
    CHECK(x.combinations == 4);
    REQUIRE(s.points() == 12);
    CHECK(s.record.mean == std::vector<std::string>{"trust.residents.resident_committee"});
    CHECK(s.record.final == std::vector<std::string>{"backlog"});
    for (std::size_t p = 0; p < s.points(); ++p) {
        CAPTURE(p);
        const std::size_t f = p / 4, l = p % 4;
        CHECK(s.design.group[p] == std::int64_t(f));
        CHECK(s.design.role[p] == std::int64_t(l));
        // The same future (uncertainty values) for every lever combination; the levers cycle.
        CHECK(s.design.value(p, 0) == s.design.value(f * 4, 0));
        CHECK(s.design.value(p, 1) == s.design.value(f * 4, 1));
        CHECK(s.design.value(p, 2) == (l / 2 == 0 ? 296.0 : 72.0));
        CHECK(s.design.value(p, 3) == double(l % 2));
    }
    CHECK(s.design.value(0, 1) != s.design.value(4, 1));  // futures differ

    const auto whole = dir.file("whole.h5");
    SweepConfig c;
    c.output = whole;
    c.threads = 2;
    REQUIRE(run_sweep(s, c).failed == 0);
    const h5::File f = h5::File::open(whole);
    CHECK(f.attr_as<std::string>("/design", "type") == "experiment");
    CHECK(f.attr_as<std::vector<std::string>>("/", "levers") == x.levers);
    CHECK(f.attr_as<std::vector<std::string>>("/", "outcome_directions") ==
          std::vector<std::string>{"maximise", "minimise"});
    const auto thresholds = f.attr_as<std::vector<double>>("/", "outcome_thresholds");
    CHECK(thresholds[0] == 0.45);
    CHECK(std::isnan(thresholds[1]));

    std::vector<std::string> parts;
    for (std::size_t i = 1; i <= 3; ++i) {
        SweepConfig p;
        p.output = dir.file("p" + std::to_string(i) + ".h5");
        p.shard = Shard{i, 3};
        run_sweep(s, p);
        parts.push_back(p.output);
    }
    merge_sweep_files(parts, dir.file("merged.h5"), false);
    CHECK(test::differing_runs(whole, dir.file("merged.h5")).empty());
    SweepReader reader(dir.file("merged.h5"));
    CHECK(reader.sweep().experiment.outcomes.size() == 2);
    CHECK(reader.sweep().id == s.id);
}

TEST_CASE("experiment futures from a Sobol' sequence or a posterior sample in CSV")
{
    test::TempDir dir;
    const Sweep sobol = load_sweep_text(experiment_text("type = \"sobol\"\nn = 4"), dir.file("x.toml"));
    CHECK(sobol.experiment.sampling == "sobol");
    CHECK(sobol.points() == 16);
    // Sobol' point 1 is 0.5 in every dimension: the middle of each range.
    CHECK(sobol.design.value(0, 0) == doctest::Approx(0.25));
    dir.write("posterior.csv", "trust.a_gain,trust.a_loss\n0.05,0.2\n0.08,0.25\n");
    std::string text = experiment_text("type = \"csv\"\nfile = \"posterior.csv\"");
    text.erase(text.find("[uncertainties]"), text.find("[levers]") - text.find("[uncertainties]"));
    const Sweep csv = load_sweep_text(text, dir.file("x.toml"));
    CHECK(csv.experiment.uncertainties == std::vector<std::string>{"trust.a_gain", "trust.a_loss"});
    CHECK(csv.points() == 8);
    CHECK(csv.design.value(5, 1) == 0.25);
}

TEST_CASE("bad experiments are refused with their location")
{
    test::TempDir dir;
    auto problems = [&](const std::string& text) {
        try {
            load_sweep_text(text, dir.file("bad.toml"));
        } catch (const ScenarioError& e) {
            std::string all;
            for (const auto& d : e.diagnostics()) all += d.text() + "\n";
            return all;
        }
        return std::string();
    };
    std::string text = experiment_text();
    text.replace(text.find("direction = \"minimise\""), 22, "direction = \"lower\"");
    CHECK(problems(text).find("expected \"maximise\" or \"minimise\"") != std::string::npos);
    text = experiment_text();
    text.replace(text.find("final.backlog"), 13, "final.nothing");
    CHECK(problems(text).find("expected mean.<series> or final.<series>") != std::string::npos);
    CHECK(problems(experiment_text("type = \"morris\"\nn = 3")).find("latin_hypercube, sobol, csv or posterior") !=
          std::string::npos);
    CHECK(problems(experiment_text() + "\n[parameters]\n\"trust.a_gain\" = [0.1]\n").find("not [parameters]") !=
          std::string::npos);
    CHECK(problems(experiment_text("type = \"latin_hypercube\"")).find("needs n") != std::string::npos);
}
