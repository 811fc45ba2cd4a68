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

    // Class sessions: students on phones (docs/serve.md, "Class sessions").
    int max_classes = 2;    //!< class sessions open at once
    int max_students = 40;  //!< students in one class
    //! Head-count caps per role (also never more than the run has agents).
    int max_residents_played = 30, max_organizations_played = 8, max_leaders_played = 3;
    double class_speed = 0.2;  //!< weeks per second when a class starts playing (a week every 5 s)
    //! A class whose teacher page has not been seen for this long is freed.
    std::chrono::milliseconds class_idle_timeout{10 * 60 * 1000};
    //! Class requests per second, in bursts of up to client_burst, for each
    //! player (valid X-Player-Token of the class), each class's teacher
    //! (valid X-Teacher-Secret) and each client address (anything else:
    //! no or an invalid token, an unknown class, opening one). Per player
    //! rather than per address, since a class of phones often shares one
    //! NAT address; joins are not charged here (join_attempts_per_minute).
    double client_rate = 10, client_burst = 40;
    //! The same for the one-tab sessions' and catalog routes (a dragged slider sends many).
    double api_rate = 50, api_burst = 200;
    //! Failed join attempts (any 4xx: a wrong code, bad body, full class)
    //! per minute per client address, in bursts of as many; once spent,
    //! every join from the address is refused (429), right code or not.
    //! Successful joins are free, so a class behind one NAT address can all join.
    int join_attempts_per_minute = 12;
};

struct ServeConfig {
    std::string host = "127.0.0.1";       //!< loopback unless told otherwise
    int port = 8080;                      //!< 0: any free port
    std::filesystem::path scenarios_dir;  //!< library scenarios; lessons in its lessons/ folder
    //! Needed to open a class when `host` is not loopback (anyone on the
    //! network could reach the server); generated at start when empty.
    std::string teacher_key;
    Limits limits;
};

//! True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback(const std::string& host);

}  // namespace cogov::serve
