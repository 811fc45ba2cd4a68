// Small text helpers shared by the scenario loader and the command line.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cogov {

//! Levenshtein distance between two strings.
std::size_t edit_distance(std::string_view a, std::string_view b);

//! The candidates within a small edit distance of `word`, closest first.
std::vector<std::string> closest_matches(std::string_view word, const std::vector<std::string>& candidates,
                                         std::size_t n);

//! A double as the shortest text that reads back to the same bits, always
//! with a '.' or exponent so TOML reads it as a float ("1.0", "2.5e-07").
std::string format_real(double x);

}  // namespace cogov
