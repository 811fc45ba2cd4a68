// Checkpoints: the full state of a run at the end of a week, to continue it
// later, possibly under a changed scenario (a branch).
//
// A checkpoint holds every variable of State (agents, networks, contracts,
// queues), the segments of scenarios that produced it, the seed, and the run
// file's series so far. Random streams need no saving: they are derived from
// (seed, purpose, entity, week). Continuing under the unchanged scenario
// gives output identical to a straight run.
#pragma once

#include <cstdint>
#include <string>

#include "cogov/sim/model.h"

namespace cogov {

constexpr const char* CHECKPOINT_FORMAT = "cogov-checkpoint";
constexpr std::int64_t CHECKPOINT_FORMAT_VERSION = 2;  //!< 2: /state/orgs/played_closed

class RunWriter;

//! Save `model` (and, if given, the series `history` has recorded so far).
void write_checkpoint(const std::string& path, const Model& model, RunWriter* history, bool replace);

//! What a checkpoint holds, loaded.
struct Checkpoint {
    std::vector<Segment> segments;
    std::uint64_t seed = 0;
    State state;
    std::string path;
};

//! Load a checkpoint. Throws h5::Error for a missing, foreign or
//! other-version file.
Checkpoint read_checkpoint(const std::string& path);

}  // namespace cogov
