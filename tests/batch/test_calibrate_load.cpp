// Refused calibration files: every problem at file:line:column, exit 2,
// nothing written.
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>

#include "calibrate_fixtures.h"
#include "cogov/batch/calibrate_run.h"
#include "cogov/batch/calibration.h"
#include "cogov/cli/cli.h"

using namespace cogov;
namespace fs = std::filesystem;

namespace {

const char* const GOOD_CALIB = R"(name = "t"
targets_dir = "../data/targets"
targets = ["trust-government-township"]
particles = 10
[parameters]
"trust.a_gain" = { prior = "uniform", min = 0.01, max = 0.2 }
)";

//! The diagnostics of a refused calibration text, one per line.
std::string refusal(const std::string& text, const std::string& name = "calib/bad.toml")
{
    try {
        load_calibration_text(text, (test::source_dir() / name).string());
    } catch (const ScenarioError& e) {
        std::string out;
        for (const auto& d : e.diagnostics()) out += d.text() + "\n";
        return out;
    }
    return "";
}

bool has(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("a good calibration file loads")
{
    const Calibration c = load_calibration_text(GOOD_CALIB, (test::source_dir() / "calib/good.toml").string());
    CHECK(c.parameters.size() == 1);
    CHECK(c.targets.size() == 1);
    CHECK(c.targets[0].estimate == 0.61);
    CHECK(c.abc.particles == 10);
}

TEST_CASE("bad calibration files are refused with file:line and the key")
{
    std::string g = GOOD_CALIB;
    auto with = [&](const std::string& from, const std::string& to) {
        std::string t = g;
        t.replace(t.find(from), from.size(), to);
        return t;
    };
    std::string e = refusal(with("particles = 10", "particle = 10"));
    CHECK(has(e, "bad.toml:4:1: error: particle: unknown key"));
    CHECK(has(e, "did you mean 'particles'"));
    e = refusal(with("particles = 10", "particles = 1"));
    CHECK(has(e, "bad.toml:4:13: error: particles: expected an integer in [2, 1000000], got 1"));
    e = refusal(with("min = 0.01", "min = -0.5"));
    CHECK(has(e, "bad.toml:6:45: error: trust.a_gain.min"));
    CHECK(has(e, "[0, 1]"));
    e = refusal(with("\"trust.a_gain\"", "\"trust.a_gainx\""));
    CHECK(has(e, "bad.toml:6:1: error: parameters.trust.a_gainx: unknown key"));
    CHECK(has(e, "did you mean 'trust.a_gain'"));
    e = refusal(with("\"trust.a_gain\" = { prior = \"uniform\", min = 0.01, max = 0.2 }",
                     "\"grid.enabled\" = { prior = \"uniform\" }"));
    CHECK(has(e, "bad.toml:6:1: error: grid.enabled: is a boolean"));
    e = refusal(with("\"uniform\"", "\"gamma\""));
    CHECK(has(e, "bad.toml:6:28: error: trust.a_gain.prior: expected one of uniform, log_uniform, normal, beta"));
    e = refusal(with("min = 0.01, max = 0.2", "mean = 0.1, sd = 0.05"));
    CHECK(has(e, "trust.a_gain: a uniform prior needs min and max"));
    e = refusal(with("prior = \"uniform\", min = 0.01, max = 0.2", "prior = \"normal\", mean = 0.1, sd = 0.05, a = 2"));
    CHECK(has(e, "trust.a_gain.a: is not a setting of a normal prior"));
    e = refusal(with("\"uniform\", min = 0.01", "\"log_uniform\", min = 0"));
    CHECK(has(e, "bad.toml:6:1: error: trust.a_gain: a log_uniform prior needs a lower bound above 0"));
    e = refusal(with("trust-government-township", "socorg-growth-jiangsu"));
    CHECK(has(e,
              "bad.toml:3:12: error: targets: target 'socorg-growth-jiangsu' is a target of scenario "
              "'sunan-government-led', not of the calibrated scenario 'baseline'"));
    e = refusal(with("trust-government-township", "trust-gov"));
    CHECK(has(e, "bad.toml:3:12: error: targets: no target 'trust-gov'"));
    e = refusal(g + "[set]\n\"time.steps\" = 100\n");
    CHECK(has(e, "target 'trust-government-township' needs weeks up to 520 but the scenario runs 100"));
    e = refusal(g + "[set]\n\"trust.a_gain\" = 0.1\n");
    CHECK(has(e, "trust.a_gain: is both set and calibrated"));
    e = refusal(g + "[tolerance]\nalpha = 1.5\nquantile = 2\n");
    CHECK(has(e, "bad.toml:8:9: error: tolerance.alpha: expected a number in [0.01, 0.99], got 1.5"));
    CHECK(has(e, "bad.toml:9:1: error: tolerance.quantile: unknown key"));
    e = refusal("targets = [\n");
    CHECK(has(e, "TOML syntax error"));
}

TEST_CASE("cogov calibrate refuses a bad file with status 2 and writes nothing")
{
    test::TempDir dir;
    const auto bad = dir.write("bad.toml", "targets = [\"nope\"]\nparticles = 1\n[parameters]\n");
    const auto out = dir.file("out.h5");
    std::ostringstream o, err;
    cli::Io io{o, err};
    CHECK(cli::main({"calibrate", bad, "-o", out}, io) == cli::EXIT_BAD_INPUT);
    CHECK(has(err.str(), "bad.toml:2:13: error: particles"));
    CHECK(has(err.str(), "calibration refused"));
    CHECK(fs::is_empty(dir.path()) == false);
    CHECK_FALSE(fs::exists(out));
    CHECK_FALSE(fs::exists(dir.file(".out.h5.calibrate")));
    std::ostringstream help;
    cli::Io hio{help, err};
    CHECK(cli::main({"calibrate", "--help"}, hio) == cli::EXIT_OK);
    CHECK(has(help.str(), "usage: cogov calibrate CALIB.toml"));
}

TEST_CASE("a candidate's statistics are the mean over its replicates; a failed replicate fails it")
{
    test::TempDir dir;
    Target t;
    t.id = "tg";
    t.scenario = "baseline";
    t.series = "trust.residents.government";
    t.first = 2;
    t.last = 3;
    t.estimate = 0.5, t.lo = 0.4, t.hi = 0.6;
    fs::create_directories(dir.path() / "targets");
    dir.write("targets/tg.toml", test::target_text(t));
    const auto path = dir.write(
        "c.toml",
        "targets_dir = \"targets\"\ntargets = [\"tg\"]\nreplicates = 2\n[set]\n"
        "\"time.steps\" = 3\n[parameters]\n\"trust.a_gain\" = { prior = \"uniform\", min = 0.01, max = 0.2 }\n");
    const Calibration c = load_calibration_file(path);
    std::vector<Candidate> cands(2);
    cands[0].theta = {0.1};
    cands[1].theta = {0.2};
    const Sweep s = batch_sweep(c, 0, 0, cands);
    REQUIRE(s.runs() == 4);
    const auto stats = batch_statistics(c, s, [](std::size_t run) {
        RunRecord r;
        r.run = run;
        r.status = run == 3 ? RunStatus::failed : RunStatus::ok;
        const double v = static_cast<double>(run);
        r.values = {9.0, v, v + 1.0, 9.0};  // weeks 1-3 of the series, then the final value
        return r;
    });
    REQUIRE(stats.size() == 2);
    CHECK(stats[0] == std::vector<double>{0.5 * ((0.0 + 1.0) / 2 + (1.0 + 2.0) / 2)});
    CHECK(stats[1].empty());
}
