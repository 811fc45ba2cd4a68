// Errors a request handler throws; the server turns them into JSON replies.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace cogov::serve {

//! A refused request: HTTP status, a message, and itemised problems.
class HttpError : public std::runtime_error {
public:
    HttpError(int status, const std::string& message, std::vector<std::string> problems = {})
        : std::runtime_error(message), status_(status), problems_(std::move(problems))
    {
    }
    int status() const { return status_; }
    const std::vector<std::string>& problems() const { return problems_; }

private:
    int status_;
    std::vector<std::string> problems_;
};

//! 400: the request is malformed or a value is refused.
class BadRequest : public HttpError {
public:
    explicit BadRequest(const std::string& message, std::vector<std::string> problems = {})
        : HttpError(400, message, std::move(problems))
    {
    }
};

}  // namespace cogov::serve
