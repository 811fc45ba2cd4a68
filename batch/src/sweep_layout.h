// The sweep file's per-run columns, shared by its writer and reader so the
// two cannot drift apart.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cogov/sim/h5.h"
#include "cogov/batch/sweep.h"
#include "cogov/batch/sweep_record.h"

namespace cogov::layout {

//! Rows per chunk of the 1-D run columns.
constexpr std::size_t COLUMN_CHUNK = 4096;

//! Rows a writer or reader handles at once: a chunk of the series datasets.
std::size_t block_rows(const Sweep& sweep);

std::string parameter_path(const ParamSpec& spec);
//! Where arm `arm`'s records go: "" for the base (/series, /final, /mean),
//! "/arms/<arm>" for the others.
std::string arm_prefix(std::size_t arm);
//! Where arm `arm`'s paired effects on the base go: "/effects/<arm>".
std::string effect_prefix(std::size_t arm);
//! The names recorded in group "series", "final" or "mean".
const std::vector<std::string>& record_names(const RecordSpec& spec, const std::string& group);
//! A fingerprint as 16 hex digits.
std::string id_text(std::uint64_t id);
//! How the design's points are laid out, for /design@layout.
std::string design_layout_text(const Design& design);

//! Write consecutive records (runs block[0].run ..) into every per-run column.
void write_block(h5::File& file, const Sweep& sweep, const std::vector<RunRecord>& block);
//! Read `rows` records from run `first` on.
std::vector<RunRecord> read_block(const h5::File& file, const Sweep& sweep, std::size_t first, std::size_t rows);

}  // namespace cogov::layout
