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

//! A file whose contents are not what its format promises (wrong shape,
//! type or range of a dataset or attribute, an index out of bounds). It is
//! bad input, not a failure of cogov: the command line exits 2.
class InvalidFile : public Error {
public:
    using Error::Error;
};

//! True once a file could not be written and closed (a full disk). HDF5
//! 1.10 then cannot shut down cleanly: its clean-up at exit crashes on the
//! file it could not close. A program that sees this must end with
//! std::_Exit (after flushing its output) instead of returning from main.
bool poisoned();

//! A dimension a reader does not constrain (see File::require).
constexpr std::size_t ANY = static_cast<std::size_t>(-1);

using Shape = std::vector<std::size_t>;
//! Attribute values cogov writes and reads.
//! (cogov writes no integer arrays; reading one gives the vector, so that a
//! typed read can refuse it by name instead of overrunning a scalar.)
using AttrValue = std::variant<std::int64_t, double, std::string, std::vector<std::string>, std::vector<double>,
                               std::vector<std::int64_t>>;

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
    //! Open an existing file read-only; a missing, non-regular or non-HDF5
    //! file throws h5::InvalidFile.
    static File open(const std::string& path);
    //! Open an existing file to change it in place (repairs, and tests that
    //! damage files on purpose).
    static File open_for_update(const std::string& path);

    File(File&&) noexcept;
    File& operator=(File&&) noexcept;
    ~File();

    const std::string& path() const { return path_; }
    void create_group(const std::string& path);
    //! Unlink a dataset or group (its space is not reclaimed).
    void remove(const std::string& path);
    bool exists(const std::string& path) const;
    //! Full paths of every dataset below `group`, sorted.
    std::vector<std::string> datasets(const std::string& group = "/") const;

    void set_attr(const std::string& object, const std::string& name, const AttrValue& value);
    bool has_attr(const std::string& object, const std::string& name) const;
    AttrValue attr(const std::string& object, const std::string& name) const;
    //! An attribute of the expected C++ type (int64 and double scalars,
    //! string scalars, string or double arrays); h5::InvalidFile naming the
    //! attribute, what it is and what was expected if it has another type or
    //! shape (a two-element integer is not a scalar).
    template <class T>
    T attr_as(const std::string& object, const std::string& name) const
    {
        const AttrValue v = attr(object, name);
        if (const auto* x = std::get_if<T>(&v)) return *x;
        throw InvalidFile(path_ + ": attribute " + object + "@" + name + " is " + describe(v) + ", expected " +
                          describe(AttrValue(T{})));
    }
    //! An int64 scalar attribute in [lo, hi]; h5::InvalidFile otherwise.
    std::int64_t attr_int(const std::string& object, const std::string& name, std::int64_t lo, std::int64_t hi) const;
    //! "an int64 scalar", "a float64 array of 3", ... (for messages).
    static std::string describe(const AttrValue& value);
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

    //! A whole dataset. Refused (h5::InvalidFile) if it declares more
    //! elements than max_read_bytes() allows: check its shape against the
    //! file's header with require() first.
    template <class T>
    Dataset<T> read(const std::string& path) const;
    //! The most bytes one read may allocate: half of physical memory.
    static std::size_t max_read_bytes();
    std::vector<std::string> read_strings(const std::string& path) const;
    //! Read `rows` rows from row `first` (row = first dimension), flattened.
    template <class T>
    std::vector<T> read_rows(const std::string& path, std::size_t first, std::size_t rows) const;
    std::vector<std::string> read_string_rows(const std::string& path, std::size_t first, std::size_t rows) const;
    Shape shape(const std::string& path) const;
    //! Check, before anything is read, that `path` is a dataset of type
    //! `dtype` (as dtype() names it) and of `shape` (a dimension ANY is not
    //! checked, but bounded by the machine); h5::InvalidFile naming the file,
    //! the dataset, what it is and what was expected. Returns its shape.
    Shape require(const std::string& path, const std::string& dtype, const Shape& shape) const;
    //! "float64", "float32", "int64", "int32", "uint8", ... or "string".
    std::string dtype(const std::string& path) const;

    //! Make `scale` a dimension scale named `name` and attach it to
    //! dimension `dim` of `dataset` (NetCDF-4 style labelled dimensions).
    void make_scale(const std::string& scale, const std::string& name);
    void attach_scale(const std::string& dataset, const std::string& scale, unsigned dim);

    void flush();
    //! Close, reporting a failure (a full disk) as h5::Error. The file is
    //! released whatever happens: no second close is attempted.
    void close();

private:
    struct Impl;
    explicit File(std::unique_ptr<Impl> impl, std::string path);
    std::unique_ptr<Impl> impl_;
    std::string path_;
};

}  // namespace cogov::h5
