// Damaging cogov files on purpose, and running cogov on them as a child
// process with a time limit: the helpers of the reliability tests.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "cogov/sim/h5.h"
#include "support.h"

namespace cogov::test {

//! The attacker's small city: 3 communities x 200 residents, 30 weeks.
Overrides small_city();
std::string small_city_toml();

//! Files made once per test process from the small city: a run file
//! (with a later segment, so rerun replays two), a checkpoint after week
//! 10, a sweep's two shards and a sweep journal. Read-only: copy first.
struct Corpus {
    std::string scenario, run_file, checkpoint, sweep, shard0, shard1, journal_output;
};
const Corpus& corpus();

//! A copy of `file` in `dir` named `name`; its path.
std::string copy_to(const TempDir& dir, const std::string& file, const std::string& name);

//! Call `f` with a vector of the dataset's stored element type (its values
//! converted), then write it back with the shape `f` leaves in `shape`
//! (the dataset is recreated when the shape changed).
void rewrite(const std::string& file, const std::string& dataset,
             const std::function<void(std::vector<double>& values, h5::Shape& shape)>& f);
//! Set every element of a dataset to `value`.
void fill(const std::string& file, const std::string& dataset, double value);
//! Keep only the first `rows` rows of a dataset.
void truncate_rows(const std::string& file, const std::string& dataset, std::size_t rows);
//! Set an attribute.
void set_attribute(const std::string& file, const std::string& object, const std::string& name,
                   const h5::AttrValue& value);

//! How a child process ended.
struct ChildResult {
    int status = 0;      //!< exit status, 128 + signal if killed, -1 on time-out
    std::string output;  //!< stdout and stderr together
    bool timed_out = false;
    //! A clean end: exit 0, or exit 2 with a message and no sanitizer report.
    bool clean() const;
};
//! Run the cogov command with `args`, killed after `seconds` (the binary
//! named by COGOV_TEST_BIN if set: to see a test fail on an older build).
ChildResult run_cogov(const std::vector<std::string>& args, double seconds = 60);

}  // namespace cogov::test
