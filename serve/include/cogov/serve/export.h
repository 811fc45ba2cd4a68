// Exporting a session as a normal cogov run file, by replaying its scenario.
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>

#include "cogov/sim/scenario.h"

namespace cogov::serve {

//! A private scratch folder for run files on their way to the browser;
//! removed with everything in it when the exporter goes away.
class Exporter {
public:
    Exporter();
    ~Exporter();
    Exporter(const Exporter&) = delete;
    Exporter& operator=(const Exporter&) = delete;

    //! Run `scenario` with `seed` to an HDF5 file and return its bytes. One
    //! export at a time (the HDF5 library is not thread-safe here).
    std::string run_file(const Scenario& scenario, std::uint64_t seed);

    const std::filesystem::path& folder() const { return folder_; }

private:
    std::filesystem::path folder_;
    std::mutex mutex_;
    std::uint64_t count_ = 0;
};

//! A download name for an exported session: "cogov-NAME-weekN.h5", with
//! anything but letters, digits, '-' and '_' in NAME replaced.
std::string export_filename(const Scenario& scenario);

}  // namespace cogov::serve
