// The Sobol' sequence: known points, net property, dimension limit.
#include <doctest/doctest.h>

#include <set>
#include <stdexcept>

#include "cogov/batch/sobol.h"

using namespace cogov;

TEST_CASE("the first Sobol' points in three dimensions are the published ones")
{
    const SobolSequence s(3);
    const double expected[][3] = {{0, 0, 0},
                                  {0.5, 0.5, 0.5},
                                  {0.75, 0.25, 0.25},
                                  {0.25, 0.75, 0.75},
                                  {0.375, 0.375, 0.625},
                                  {0.875, 0.875, 0.125},
                                  {0.625, 0.125, 0.875},
                                  {0.125, 0.625, 0.375},
                                  {0.1875, 0.3125, 0.9375},
                                  {0.6875, 0.8125, 0.4375}};
    for (std::uint64_t i = 0; i < 10; ++i) {
        CAPTURE(i);
        const auto x = s.point(i);
        for (int d = 0; d < 3; ++d) CHECK(x[static_cast<std::size_t>(d)] == expected[i][d]);
    }
}

TEST_CASE("every dimension up to the limit stratifies: 2^m points fill 2^m intervals once")
{
    const SobolSequence s(SobolSequence::MAX_DIMENSIONS);
    for (int m : {4, 8, 10}) {
        const std::uint64_t n = 1u << m;
        for (std::size_t d = 0; d < s.dimensions(); ++d) {
            CAPTURE(d);
            std::set<std::uint64_t> cells;
            for (std::uint64_t i = 0; i < n; ++i) cells.insert(static_cast<std::uint64_t>(s.point(i)[d] * double(n)));
            CHECK(cells.size() == n);
        }
    }
    // Pairs of dimensions: 2^(2m) points put one point in each of the 2^m x 2^m cells (a (0,2m,2)-net
    // in the first two dimensions).
    std::set<std::pair<int, int>> cells;
    for (std::uint64_t i = 0; i < 256; ++i) {
        const auto x = s.point(i);
        cells.insert({static_cast<int>(x[0] * 16), static_cast<int>(x[1] * 16)});
    }
    CHECK(cells.size() == 256);
}

TEST_CASE("the dimension limit is enforced")
{
    CHECK_THROWS_AS(SobolSequence(0), std::invalid_argument);
    CHECK_THROWS_AS(SobolSequence(SobolSequence::MAX_DIMENSIONS + 1), std::invalid_argument);
}
