// Saved-reference regression: a small baseline run must reproduce the city
// series stored in tests/regression/baseline/results_true.csv. After an
// intended change of behaviour, regenerate the reference with
//   COGOV_UPDATE_REFERENCE=1 build/bin/cogov_tests -tc="*regression*"
// and explain the change in the commit message.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "cogov/sim/compare.h"
#include "support.h"

using namespace cogov;

namespace {

std::vector<std::vector<double>> simulate()
{
    return run_series(test::small_scenario({"grid.enabled=false"}, 104), 2024);
}

}  // namespace

TEST_CASE("regression: the baseline reproduces its saved reference series")
{
    const auto path = test::source_dir() / "tests" / "regression" / "baseline" / "results_true.csv";
    const auto& names = series_names();
    const auto rows = simulate();
    if (std::getenv("COGOV_UPDATE_REFERENCE")) {
        std::ofstream out(path);
        out.precision(17);
        for (std::size_t c = 0; c < names.size(); ++c) out << (c ? "," : "") << names[c];
        out << "\n";
        for (const auto& row : rows) {
            for (std::size_t c = 0; c < row.size(); ++c) out << (c ? "," : "") << row[c];
            out << "\n";
        }
        MESSAGE("reference rewritten: " << path);
        return;
    }
    std::ifstream in(path);
    REQUIRE_MESSAGE(in, "missing reference " << path);
    std::string line;
    std::getline(in, line);
    CHECK_MESSAGE(
        line ==
            [&] {
                std::string h;
                for (std::size_t c = 0; c < names.size(); ++c) h += (c ? "," : "") + names[c];
                return h;
            }(),
        "the reference's columns differ from the metric table");
    // Every reference row is compared, cell for cell: a reference with rows
    // or cells the run does not have fails (checked by appending a copy of
    // the last row to the file, and by deleting one cell).
    std::size_t t = 0, mismatches = 0, misshapen = 0;
    while (std::getline(in, line)) {
        std::stringstream ss(line);
        std::string cell;
        std::size_t c = 0;
        for (; std::getline(ss, cell, ','); ++c) {
            if (t >= rows.size() || c >= rows[t].size()) continue;
            const double want = std::stod(cell), got = rows[t][c];
            if (std::fabs(want - got) > 1e-9 * std::max(1.0, std::fabs(want))) {
                if (++mismatches <= 10) MESSAGE("week " << t + 1 << " " << names[c] << ": " << got << " != " << want);
            }
        }
        if (t < rows.size() && c != rows[t].size() && ++misshapen <= 10)
            MESSAGE("week " << t + 1 << ": the reference has " << c << " cells, the run " << rows[t].size());
        ++t;
    }
    CHECK_MESSAGE(t == rows.size(), "the reference has " << t << " weeks, the run " << rows.size());
    CHECK(misshapen == 0);
    CHECK(mismatches == 0);
}
