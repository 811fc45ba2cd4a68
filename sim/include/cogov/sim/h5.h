// A small RAII interface to HDF5. h5.cpp is the only file that includes
// H5Cpp.h; every HDF5 failure becomes an h5::Error naming file and object.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace cogov::h5 {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

using Shape = std::vector<std::size_t>;
//! Attribute values cogov writes and reads.
using AttrValue = std::variant<std::int64_t, double, std::string, std::vector<std::string>, std::vector<double>>;

//! Element types of datasets; the C++ type picks the HDF5 type.
template <class T>
struct Dataset {
    std::vector<T> data;
    Shape shape;
};

class File {
public:
    //! Create (truncating) a file for writing.
    static File create(const std::string& path);
    //! Open an existing file read-only; a missing or non-HDF5 file throws.
    static File open(const std::string& path);

    File(File&&) noexcept;
    File& operator=(File&&) noexcept;
    ~File();

    const std::string& path() const { return path_; }
    void create_group(const std::string& path);
    bool exists(const std::string& path) const;
    //! Full paths of every dataset below `group`, sorted.
    std::vector<std::string> datasets(const std::string& group = "/") const;

    void set_attr(const std::string& object, const std::string& name, const AttrValue& value);
    bool has_attr(const std::string& object, const std::string& name) const;
    AttrValue attr(const std::string& object, const std::string& name) const;
    //! An attribute of the expected C++ type; h5::Error if it has another.
    template <class T>
    T attr_as(const std::string& object, const std::string& name) const
    {
        const AttrValue v = attr(object, name);
        if (const auto* x = std::get_if<T>(&v)) return *x;
        throw Error(path_ + ": attribute " + object + "@" + name + " has the wrong type");
    }
    std::vector<std::string> attr_names(const std::string& object) const;

    //! Create a chunked, shuffled, deflated dataset of the given shape
    //! (chunk = `chunk_rows` rows of the remaining dimensions).
    template <class T>
    void create_dataset(const std::string& path, const Shape& shape, std::size_t chunk_rows);
    //! Write `rows` rows starting at row `first` (row = first dimension).
    template <class T>
    void write_rows(const std::string& path, std::size_t first, std::size_t rows, const T* data);
    //! Create and write a whole (small) dataset.
    template <class T>
    void write(const std::string& path, const std::vector<T>& data, const Shape& shape);
    void write_strings(const std::string& path, const std::vector<std::string>& values);
    //! Create a chunked, deflated 1-D dataset of `rows` variable-length strings.
    void create_strings(const std::string& path, std::size_t rows, std::size_t chunk_rows);
    //! Write strings into rows first.. of a 1-D string dataset.
    void write_string_rows(const std::string& path, std::size_t first, const std::vector<std::string>& values);

    template <class T>
    Dataset<T> read(const std::string& path) const;
    std::vector<std::string> read_strings(const std::string& path) const;
    //! Read `rows` rows from row `first` (row = first dimension), flattened.
    template <class T>
    std::vector<T> read_rows(const std::string& path, std::size_t first, std::size_t rows) const;
    std::vector<std::string> read_string_rows(const std::string& path, std::size_t first, std::size_t rows) const;
    Shape shape(const std::string& path) const;
    //! "float64", "float32", "int64", "int32", "uint8", ... or "string".
    std::string dtype(const std::string& path) const;

    //! Make `scale` a dimension scale named `name` and attach it to
    //! dimension `dim` of `dataset` (NetCDF-4 style labelled dimensions).
    void make_scale(const std::string& scale, const std::string& name);
    void attach_scale(const std::string& dataset, const std::string& scale, unsigned dim);

    void flush();
    void close();

private:
    struct Impl;
    explicit File(std::unique_ptr<Impl> impl, std::string path);
    std::unique_ptr<Impl> impl_;
    std::string path_;
};

}  // namespace cogov::h5
