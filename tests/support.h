// Helpers shared by the tests: temporary folders, small scenarios, file comparison.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "cogov/sim/h5.h"
#include "cogov/sim/run.h"
#include "cogov/sim/scenario.h"

namespace cogov::test {

//! The repository root (for scenarios/ and docs/).
std::filesystem::path source_dir();

//! A fresh temporary folder, removed when the object goes away.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::filesystem::path path() const { return path_; }
    std::string file(const std::string& name) const { return (path_ / name).string(); }
    //! Write text to a file in the folder and return its path.
    std::string write(const std::string& name, const std::string& text) const;

private:
    std::filesystem::path path_;
};

//! The baseline shrunk to a quick size, with further overrides.
Scenario small_scenario(const Overrides& extra = {}, std::int64_t steps = 52);

//! Names of datasets whose contents differ between two files (or that
//! exist in only one). Attributes are not compared.
std::vector<std::string> differing_datasets(const std::string& a, const std::string& b);

//! The same for two sweep files, less the run times (/runs/wall_seconds),
//! the one column that differs between identical sweeps.
std::vector<std::string> differing_runs(const std::string& a, const std::string& b);

//! A documented HDF5 layout: the tables of one top-level ("# ...") section
//! of docs/output-schema.md.
struct DocumentedDataset {
    std::string dtype;
    std::vector<std::string> dims;
};
struct DocumentedSchema {
    std::map<std::string, DocumentedDataset> datasets;   //!< path -> type and dimensions
    std::map<std::string, std::string> root_attributes;  //!< name -> type
};
//! "int64", "float64", "string", "string array" or "float64 array".
std::string attribute_type(const h5::AttrValue& value);
//! The section whose title starts with `title` ("cogov run file").
DocumentedSchema documented_schema(const std::string& title);
//! What differs between a documented schema and a real file: datasets
//! and root attributes undocumented or missing, wrong types (documented
//! "number": float64 or int64) or dimension lengths. `doc_name` maps a
//! dataset to its documented name; a dimension missing from `sizes` is
//! not checked.
std::vector<std::string> schema_problems(const DocumentedSchema& schema, const h5::File& file,
                                         const std::map<std::string, std::size_t>& sizes,
                                         std::string (*doc_name)(const std::string&) = nullptr);

}  // namespace cogov::test
