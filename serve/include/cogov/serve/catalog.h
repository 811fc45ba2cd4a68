// What a class can start: the library scenarios and the guided lessons,
// read once at start-up from the scenarios folder and fitted to live size.
// Requests pick an entry by id; no request names a file.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "cogov/sim/scenario.h"
#include "cogov/serve/config.h"

namespace cogov::serve {

struct CatalogEntry {
    std::string id;                     //!< file stem for scenarios, manifest id for lessons
    std::string title;                  //!< scenario name, or the lesson's title
    std::string summary;                //!< scenario description, or the lesson's summary
    std::string watch;                  //!< lessons: what to watch for
    std::string question;               //!< lessons: a question for the class
    std::vector<std::string> controls;  //!< lessons: the levers that matter
    std::string metric;                 //!< lessons: output series drawn beside participation
    //! lessons: the trust lines drawn, "truster>trustee" in ACTOR_NAMES
    //! (empty: all of the page's lines)
    std::vector<std::string> trust;
    std::int64_t original_residents = 0;  //!< before fitting to live size
    Scenario scenario;                    //!< validated, fitted to live size
};

class Catalog {
public:
    //! Read DIR/*.toml as scenarios and DIR/lessons/lessons.toml as the
    //! lesson manifest. An entry that fails to load is left out, with the
    //! reason written to `warnings`.
    static Catalog load(const std::filesystem::path& dir, const Limits& limits, std::ostream& warnings);

    const std::vector<CatalogEntry>& scenarios() const { return scenarios_; }
    const std::vector<CatalogEntry>& lessons() const { return lessons_; }
    const CatalogEntry* find_scenario(const std::string& id) const;
    const CatalogEntry* find_lesson(const std::string& id) const;

    nlohmann::json to_json() const;

private:
    std::vector<CatalogEntry> scenarios_, lessons_;
};

//! Overrides that shrink a scenario to at most limits.max_residents
//! residents and limits.max_steps weeks (none when it already fits).
Overrides live_size(const Params& p, const Limits& limits);

}  // namespace cogov::serve
