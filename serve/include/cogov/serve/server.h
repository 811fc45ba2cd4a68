// `cogov serve`: the classroom's web server. Serves the page, the catalog
// of scenarios and lessons, and one live session per browser tab.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>

#include "cogov/serve/config.h"

namespace cogov::serve {

class Catalog;
class Registry;
class ClassRegistry;

class Server {
public:
    //! Reads the catalog; `log` gets start-up warnings and the address.
    Server(ServeConfig config, std::ostream& log);
    ~Server();  //!< stops the server
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    //! Bind and serve in the background; returns the port (useful with
    //! port 0). Throws std::runtime_error when the address cannot be bound.
    int start();
    //! End every session and stream, then stop listening. Idempotent.
    void stop();

    //! "http://HOST:PORT/" once started.
    std::string url() const;
    //! The teacher's page for class sessions; carries the teacher key
    //! (needed to open a class) when listening beyond loopback.
    std::string teacher_url() const;
    const Catalog& catalog() const;
    Registry& sessions();
    ClassRegistry& classes();

    struct Impl;  //!< the server's parts; defined in its sources only

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace cogov::serve
