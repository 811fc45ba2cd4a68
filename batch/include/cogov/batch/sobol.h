// Sobol' low-discrepancy sequence with Joe and Kuo's direction numbers.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace cogov {

//! The unscrambled Sobol' sequence in up to SobolSequence::MAX_DIMENSIONS
//! dimensions, with the primitive polynomials and initial direction numbers
//! of S. Joe and F. Y. Kuo, "Constructing Sobol sequences with better
//! two-dimensional projections", SIAM J. Sci. Comput. 30 (2008), file
//! new-joe-kuo-6.21201 (its first 64 dimensions). Point 0 is the origin;
//! values have 32 bits, so at most 2^32 points.
class SobolSequence {
public:
    static constexpr std::size_t MAX_DIMENSIONS = 64;
    static constexpr int BITS = 32;

    //! Throws std::invalid_argument when dimensions is 0 or above the limit.
    explicit SobolSequence(std::size_t dimensions);

    std::size_t dimensions() const { return directions_.size(); }
    //! Point `index` (0-based), each coordinate in [0, 1).
    std::vector<double> point(std::uint64_t index) const;

private:
    std::vector<std::array<std::uint32_t, BITS>> directions_;
};

}  // namespace cogov
