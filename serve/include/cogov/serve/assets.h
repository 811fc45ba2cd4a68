// The page's files (web/dist), compiled into the program so `cogov serve`
// works offline and from any folder; no request reads the file system.
#pragma once

#include <cstddef>
#include <string_view>

namespace cogov::serve {

struct Asset {
    std::string_view path;          //!< URL path, e.g. "/index.html"
    std::string_view content_type;  //!< e.g. "text/javascript; charset=utf-8"
    std::string_view body;
};

//! The asset served at `path` ("/" is "/index.html"), or nullptr.
const Asset* find_asset(std::string_view path);

}  // namespace cogov::serve
