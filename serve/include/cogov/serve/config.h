// Settings of `cogov serve`: where it listens and what one page may use.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace cogov::serve {

//! What one browser session may use, so one page cannot exhaust the machine.
struct Limits {
    int max_sessions = 8;                 //!< concurrent sessions (browser tabs)
    std::int64_t max_residents = 6000;    //!< residents per session; larger scenarios are scaled down
    std::int64_t live_communities = 6;    //!< communities a scaled-down scenario keeps
    std::int64_t max_steps = 1040;        //!< weeks one session may run (20 years)
    double max_speed = 50;                //!< steps per second while playing
    double min_speed = 0.05;              //!< slowest play, steps per second (one week in 20 s)
    std::size_t max_body = 16 * 1024;     //!< bytes in a request body
    std::size_t network_residents = 160;  //!< residents drawn in the network view
    //! A session with no open event stream for this long is freed (closed tab).
    std::chrono::milliseconds idle_timeout{15000};
    //! Comment lines sent on an idle stream, so a closed tab is noticed.
    std::chrono::milliseconds heartbeat{2000};
    //! Longest wait for each read of a request (or write of a reply).
    std::chrono::milliseconds read_timeout{3000};
    //! Longest an idle kept-alive connection holds a worker (whole seconds).
    std::chrono::milliseconds keep_alive{1000};
    //! Workers beyond one per session's event stream, for the API calls.
    std::size_t spare_workers = 24;
};

struct ServeConfig {
    std::string host = "127.0.0.1";  //!< loopback unless told otherwise
    int port = 8080;                 //!< 0: any free port
    std::filesystem::path scenarios_dir;  //!< library scenarios; lessons in its lessons/ folder
    Limits limits;
};

//! True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback(const std::string& host);

}  // namespace cogov::serve
