// The only file that includes H5Cpp.h (see h5.h).
#include "cogov/sim/h5.h"

#include <H5Cpp.h>
#include <H5DSpublic.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <functional>
#include <limits>
#include <type_traits>

namespace cogov::h5 {
namespace {

template <class>
constexpr bool NO_HDF5_TYPE = false;

//! An element type's HDF5 types: as held in memory, and as stored in files
//! (fixed width, little-endian, whatever the machine). One row per type.
struct ElementTypes {
    const H5::PredType& native;
    const H5::PredType& file;
};

template <class T>
ElementTypes element_types()
{
    using P = H5::PredType;
    if constexpr (std::is_same_v<T, double>) return {P::NATIVE_DOUBLE, P::IEEE_F64LE};
    else if constexpr (std::is_same_v<T, float>) return {P::NATIVE_FLOAT, P::IEEE_F32LE};
    else if constexpr (std::is_same_v<T, std::int64_t>) return {P::NATIVE_INT64, P::STD_I64LE};
    else if constexpr (std::is_same_v<T, std::int32_t>) return {P::NATIVE_INT32, P::STD_I32LE};
    else if constexpr (std::is_same_v<T, std::uint32_t>) return {P::NATIVE_UINT32, P::STD_U32LE};
    else if constexpr (std::is_same_v<T, std::uint16_t>) return {P::NATIVE_UINT16, P::STD_U16LE};
    else if constexpr (std::is_same_v<T, std::uint8_t>) return {P::NATIVE_UINT8, P::STD_U8LE};
    else if constexpr (std::is_same_v<T, std::int8_t>) return {P::NATIVE_INT8, P::STD_I8LE};
    else static_assert(NO_HDF5_TYPE<T>, "no HDF5 type for this element type");
}

template <class T>
const H5::PredType& native_type()
{
    return element_types<T>().native;
}

template <class T>
const H5::PredType& file_type()
{
    return element_types<T>().file;
}

H5::StrType vlen_string()
{
    return H5::StrType(H5::PredType::C_S1, H5T_VARIABLE);
}

//! Link creation that makes missing parent groups ("/a/b/c" creates /a, /a/b).
H5::LinkCreatPropList with_parents()
{
    H5::LinkCreatPropList lcpl;
    lcpl.setCreateIntermediateGroup(true);
    return lcpl;
}

std::vector<hsize_t> dims_of(const Shape& shape)
{
    return {shape.begin(), shape.end()};
}

//! Run an HDF5 call, turning its exceptions into h5::Error with context.
template <class F>
auto guard(const std::string& file, const std::string& what, F&& f) -> decltype(f())
{
    try {
        return f();
    } catch (const H5::Exception& e) {
        std::string detail = e.getDetailMsg();
        throw Error(file + ": " + what + ": " + (detail.empty() ? "HDF5 error" : detail));
    }
}

//! The same for reads of an existing file: what fails there is the file.
template <class F>
auto guard_read(const std::string& file, const std::string& what, F&& f) -> decltype(f())
{
    try {
        return f();
    } catch (const InvalidFile&) {
        throw;
    } catch (const H5::Exception& e) {
        std::string detail = e.getDetailMsg();
        throw InvalidFile(file + ": " + what + ": the file is damaged or not as cogov writes it (" +
                          (detail.empty() ? "HDF5 error" : detail) + ")");
    }
}

//! Elements of `shape`, or SIZE_MAX if the product overflows.
std::size_t elements(const Shape& shape)
{
    std::size_t n = 1;
    for (auto d : shape) {
        if (d != 0 && n > std::numeric_limits<std::size_t>::max() / d) return std::numeric_limits<std::size_t>::max();
        n *= d;
    }
    return n;
}

//! Refuse a read of `n` elements of `size` bytes that the machine cannot hold.
void check_read_size(const std::string& file, const std::string& object, std::size_t n, std::size_t size)
{
    if (n > File::max_read_bytes() / std::max<std::size_t>(size, 1))
        throw InvalidFile(file + ": " + object + " declares " + std::to_string(n) + " elements of " +
                          std::to_string(size) + " bytes, more than this machine can read (" +
                          std::to_string(File::max_read_bytes() >> 20) + " MiB at most)");
}

Shape shape_of(const H5::DataSpace& space)
{
    const int rank = space.getSimpleExtentNdims();
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    if (rank > 0) space.getSimpleExtentDims(dims.data());
    return {dims.begin(), dims.end()};
}

//! The file space of a dataset with rows first..first+rows selected, and
//! the matching memory space.
std::pair<H5::DataSpace, H5::DataSpace> select_rows(const H5::DataSet& ds, std::size_t first, std::size_t rows,
                                                    const std::string& file, const std::string& path)
{
    H5::DataSpace space = ds.getSpace();
    auto dims = dims_of(shape_of(space));
    if (dims.empty() || first > dims[0] || rows > dims[0] - first)
        throw InvalidFile(file + ": " + path + " has " +
                          (dims.empty() ? std::string("no rows (a scalar)") : std::to_string(dims[0]) + " rows") +
                          ", rows " + std::to_string(first) + ".." + std::to_string(first + rows) + " were asked for");
    std::vector<hsize_t> start(dims.size(), 0);
    start[0] = first;
    dims[0] = rows;
    space.selectHyperslab(H5S_SELECT_SET, dims.data(), start.data());
    return {space, H5::DataSpace(static_cast<int>(dims.size()), dims.data())};
}

std::vector<std::string> read_string_array(const H5::AbstractDs& ds, const H5::DataSpace& space,
                                           const std::function<void(const H5::DataType&, void*)>& read,
                                           const std::string& file, const std::string& object)
{
    const hssize_t n = space.getSimpleExtentNpoints();
    const H5::DataType type = ds.getDataType();
    if (type.getClass() != H5T_STRING) throw InvalidFile(file + ": " + object + " holds numbers, expected strings");
    check_read_size(file, object, static_cast<std::size_t>(n),
                    H5Tis_variable_str(type.getId()) > 0 ? sizeof(char*) + 64 : type.getSize());
    std::vector<std::string> out;
    if (H5Tis_variable_str(type.getId()) > 0) {
        std::vector<char*> raw(static_cast<std::size_t>(n), nullptr);
        const H5::StrType mem = vlen_string();
        read(mem, raw.data());
        for (char* s : raw) out.emplace_back(s ? s : "");
        H5Dvlen_reclaim(mem.getId(), space.getId(), H5P_DEFAULT, raw.data());
    } else {
        const std::size_t len = type.getSize();
        std::vector<char> raw(len * static_cast<std::size_t>(n));
        read(type, raw.data());
        for (hssize_t k = 0; k < n; ++k) {
            std::string s(raw.data() + std::size_t(k) * len, len);
            s.erase(std::find(s.begin(), s.end(), '\0'), s.end());
            out.push_back(s);
        }
    }
    return out;
}

//! Whether every link of `path` exists (H5Lexists fails on a missing parent).
bool link_exists(hid_t file, const std::string& path)
{
    if (path == "/") return true;
    std::size_t pos = 0;
    while ((pos = path.find('/', pos + 1)) != std::string::npos)
        if (H5Lexists(file, path.substr(0, pos).c_str(), H5P_DEFAULT) <= 0) return false;
    return H5Lexists(file, path.c_str(), H5P_DEFAULT) > 0;
}

//! Open a dataset of a file being read: a missing one is named plainly.
H5::DataSet open_dataset(const H5::H5File& f, const std::string& file, const std::string& path)
{
    if (!link_exists(f.getId(), path)) throw InvalidFile(file + ": no dataset " + path);
    if (f.childObjType(path) != H5O_TYPE_DATASET) throw InvalidFile(file + ": " + path + " is not a dataset");
    return f.openDataSet(path);
}

}  // namespace

struct File::Impl {
    H5::H5File file;
};

File::File(std::unique_ptr<Impl> impl, std::string path) : impl_(std::move(impl)), path_(std::move(path)) {}
File::File(File&&) noexcept = default;
File& File::operator=(File&&) noexcept = default;
File::~File()
{
    try {
        close();
    } catch (...) {  // a destructor must not throw; close() explicitly to see errors
    }
}

File File::create(const std::string& path)
{
    H5::Exception::dontPrint();
    return guard(path, "cannot create file", [&] {
        auto impl = std::make_unique<Impl>();
        impl->file = H5::H5File(path, H5F_ACC_TRUNC);
        return File(std::move(impl), path);
    });
}

File File::open(const std::string& path)
{
    H5::Exception::dontPrint();
    // A FIFO would hang and a device never end: only regular files are read.
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status))
        throw InvalidFile(path + ": not an HDF5 file, or cannot be read (no such file)");
    if (!std::filesystem::is_regular_file(status)) throw InvalidFile(path + ": not a regular file");
    if (H5Fis_hdf5(path.c_str()) <= 0) throw InvalidFile(path + ": not an HDF5 file, or cannot be read");
    return guard(path, "cannot open file", [&] {
        auto impl = std::make_unique<Impl>();
        impl->file = H5::H5File(path, H5F_ACC_RDONLY);
        return File(std::move(impl), path);
    });
}

File File::open_for_update(const std::string& path)
{
    H5::Exception::dontPrint();
    return guard(path, "cannot open file for update", [&] {
        auto impl = std::make_unique<Impl>();
        impl->file = H5::H5File(path, H5F_ACC_RDWR);
        return File(std::move(impl), path);
    });
}

void File::remove(const std::string& path)
{
    guard(path_, "cannot remove " + path, [&] { impl_->file.unlink(path); });
}

namespace {
std::atomic<bool> poisoned_flag{false};
}  // namespace

bool poisoned()
{
    return poisoned_flag.load();
}

void File::close()
{
    if (!impl_) return;
    // Take the handle first: whatever happens, neither a retry nor the
    // destructor closes it again. On a full disk HDF5 1.10 cannot write the
    // last metadata, and a file whose flush failed cannot be closed: every
    // later H5Fclose fails, and the library's own clean-up at exit crashes
    // on it (even once space is back). So a failed file is let go, open,
    // and poisoned() tells the program to end without that clean-up.
    std::unique_ptr<Impl> impl = std::move(impl_);
    const hid_t id = impl->file.getId();
    if (H5Fflush(id, H5F_SCOPE_LOCAL) >= 0 && H5Fclose(id) >= 0) return;  // impl's close() now does nothing
    static_cast<void>(impl.release());
    poisoned_flag = true;
    throw Error(path_ + ": cannot write the file (is the disk full?)");
}

void File::flush()
{
    guard(path_, "cannot flush", [&] { impl_->file.flush(H5F_SCOPE_GLOBAL); });
}

void File::create_group(const std::string& path)
{
    guard(path_, "cannot create group " + path, [&] { impl_->file.createGroup(path); });
}

bool File::exists(const std::string& path) const
{
    return link_exists(impl_->file.getId(), path);
}

std::vector<std::string> File::datasets(const std::string& group) const
{
    std::vector<std::string> out;
    std::function<void(const std::string&, int)> walk = [&](const std::string& g, int depth) {
        // Hard links can make a group its own descendant: cogov files are shallow.
        if (depth > 16) throw InvalidFile(path_ + ": groups nested deeper than 16 below " + group);
        H5::Group grp = impl_->file.openGroup(g);
        for (hsize_t k = 0; k < grp.getNumObjs(); ++k) {
            const std::string name = grp.getObjnameByIdx(k);
            const std::string full = (g == "/" ? "/" : g + "/") + name;
            const H5G_obj_t type = grp.getObjTypeByIdx(k);
            if (type == H5G_GROUP) walk(full, depth + 1);
            else if (type == H5G_DATASET) out.push_back(full);
        }
    };
    guard_read(path_, "cannot list " + group, [&] { walk(group, 0); });
    std::sort(out.begin(), out.end());
    return out;
}

void File::set_attr(const std::string& object, const std::string& name, const AttrValue& value)
{
    guard(path_, "cannot write attribute " + object + "@" + name, [&] {
        H5::Group obj_group;
        H5::DataSet obj_set;
        H5::H5Object* obj;
        if (object == "/" || impl_->file.childObjType(object) == H5O_TYPE_GROUP) {
            obj_group = impl_->file.openGroup(object);
            obj = &obj_group;
        } else {
            obj_set = impl_->file.openDataSet(object);
            obj = &obj_set;
        }
        if (obj->attrExists(name)) obj->removeAttr(name);
        if (const auto* i = std::get_if<std::int64_t>(&value)) {
            obj->createAttribute(name, file_type<std::int64_t>(), H5::DataSpace(H5S_SCALAR))
                .write(native_type<std::int64_t>(), i);
        } else if (const auto* d = std::get_if<double>(&value)) {
            obj->createAttribute(name, file_type<double>(), H5::DataSpace(H5S_SCALAR)).write(native_type<double>(), d);
        } else if (const auto* s = std::get_if<std::string>(&value)) {
            const H5::StrType type = vlen_string();
            const char* ptr = s->c_str();
            obj->createAttribute(name, type, H5::DataSpace(H5S_SCALAR)).write(type, &ptr);
        } else if (const auto* v = std::get_if<std::vector<std::string>>(&value)) {
            const H5::StrType type = vlen_string();
            std::vector<const char*> ptrs;
            for (const auto& x : *v) ptrs.push_back(x.c_str());
            const hsize_t n = v->size();
            H5::Attribute a = obj->createAttribute(name, type, H5::DataSpace(1, &n));
            if (n > 0) a.write(type, ptrs.data());  // an empty array has nothing to write
        } else if (const auto* is = std::get_if<std::vector<std::int64_t>>(&value)) {
            const hsize_t n = is->size();
            H5::Attribute a = obj->createAttribute(name, file_type<std::int64_t>(), H5::DataSpace(1, &n));
            if (n > 0) a.write(native_type<std::int64_t>(), is->data());
        } else {
            const auto& xs = std::get<std::vector<double>>(value);
            const hsize_t n = xs.size();
            H5::Attribute a = obj->createAttribute(name, file_type<double>(), H5::DataSpace(1, &n));
            if (n > 0) a.write(native_type<double>(), xs.data());
        }
    });
}

bool File::has_attr(const std::string& object, const std::string& name) const
{
    return guard(path_, "cannot inspect " + object,
                 [&] { return H5Aexists_by_name(impl_->file.getId(), object.c_str(), name.c_str(), H5P_DEFAULT) > 0; });
}

AttrValue File::attr(const std::string& object, const std::string& name) const
{
    const std::string what = "attribute " + object + "@" + name;
    if (!exists(object) || !has_attr(object, name)) throw InvalidFile(path_ + ": no " + what);
    return guard_read(path_, "cannot read " + what, [&]() -> AttrValue {
        const hid_t id = H5Aopen_by_name(impl_->file.getId(), object.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT);
        if (id < 0) throw InvalidFile(path_ + ": no " + what);
        H5::Attribute a(id);
        H5Idec_ref(id);  // H5::Attribute took its own reference
        const H5::DataSpace space = a.getSpace();
        const H5S_class_t kind = space.getSimpleExtentType();
        if (kind == H5S_NULL) throw InvalidFile(path_ + ": " + what + " is empty (a null dataspace)");
        const bool scalar = kind == H5S_SCALAR;
        const auto n = static_cast<std::size_t>(space.getSimpleExtentNpoints());
        switch (a.getTypeClass()) {
        case H5T_INTEGER: {
            if (scalar) {
                std::int64_t v = 0;
                a.read(native_type<std::int64_t>(), &v);
                return v;
            }
            check_read_size(path_, what, n, sizeof(std::int64_t));
            std::vector<std::int64_t> v(n);  // never read into a scalar: a typed read refuses it by shape
            if (n > 0) a.read(native_type<std::int64_t>(), v.data());
            return v;
        }
        case H5T_FLOAT: {
            check_read_size(path_, what, n, sizeof(double));
            std::vector<double> v(n);
            if (n > 0) a.read(native_type<double>(), v.data());
            if (scalar) return v.at(0);
            return v;
        }
        case H5T_STRING: {
            auto v = read_string_array(
                a, space, [&](const H5::DataType& t, void* buf) { a.read(t, buf); }, path_, what);
            if (scalar) return v.at(0);
            return v;
        }
        default: throw InvalidFile(path_ + ": " + what + " has an unsupported type");
        }
    });
}

std::int64_t File::attr_int(const std::string& object, const std::string& name, std::int64_t lo, std::int64_t hi) const
{
    const auto v = attr_as<std::int64_t>(object, name);
    if (v < lo || v > hi)
        throw InvalidFile(path_ + ": attribute " + object + "@" + name + " is " + std::to_string(v) + ", expected " +
                          std::to_string(lo) + ".." + std::to_string(hi));
    return v;
}

std::string File::describe(const AttrValue& value)
{
    if (std::holds_alternative<std::int64_t>(value)) return "an int64 scalar";
    if (std::holds_alternative<double>(value)) return "a float64 scalar";
    if (std::holds_alternative<std::string>(value)) return "a string";
    if (const auto* v = std::get_if<std::vector<std::string>>(&value))
        return v->empty() ? "a string array" : "a string array of " + std::to_string(v->size());
    if (const auto* i = std::get_if<std::vector<std::int64_t>>(&value))
        return i->empty() ? "an int64 array" : "an int64 array of " + std::to_string(i->size());
    const auto& d = std::get<std::vector<double>>(value);
    return d.empty() ? "a float64 array" : "a float64 array of " + std::to_string(d.size());
}

std::size_t File::max_read_bytes()
{
    const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGE_SIZE);
    if (pages <= 0 || page <= 0) return std::size_t{1} << 30;
    return static_cast<std::size_t>(pages) / 2 * static_cast<std::size_t>(page);
}

Shape File::require(const std::string& path, const std::string& dtype, const Shape& shape) const
{
    if (!exists(path)) throw InvalidFile(path_ + ": no dataset " + path);
    const std::string found = this->dtype(path);
    if (found != dtype) throw InvalidFile(path_ + ": " + path + " is " + found + ", expected " + dtype);
    const Shape got = this->shape(path);
    bool ok = got.size() == shape.size();
    for (std::size_t k = 0; ok && k < got.size(); ++k) ok = shape[k] == ANY || shape[k] == got[k];
    if (!ok) {
        auto text = [](const Shape& s) {
            std::string t = "(";
            for (std::size_t k = 0; k < s.size(); ++k)
                t += (k ? ", " : "") + (s[k] == ANY ? std::string("any") : std::to_string(s[k]));
            return t + (s.size() == 1 ? ",)" : ")");
        };
        throw InvalidFile(path_ + ": " + path + " has shape " + text(got) + ", expected " + text(shape));
    }
    check_read_size(path_, path, elements(got), dtype == "string" ? 64 : 8);
    return got;
}

std::vector<std::string> File::attr_names(const std::string& object) const
{
    return guard(path_, "cannot list attributes of " + object, [&] {
        std::vector<std::string> names;
        H5O_info_t info;
        H5Oget_info_by_name(impl_->file.getId(), object.c_str(), &info, H5P_DEFAULT);
        for (hsize_t k = 0; k < info.num_attrs; ++k) {
            char buf[1024];
            H5Aget_name_by_idx(impl_->file.getId(), object.c_str(), H5_INDEX_NAME, H5_ITER_INC, k, buf, sizeof buf,
                               H5P_DEFAULT);
            names.emplace_back(buf);
        }
        return names;
    });
}

template <class T>
void File::create_dataset(const std::string& path, const Shape& shape, std::size_t chunk_rows)
{
    guard(path_, "cannot create dataset " + path, [&] {
        const auto dims = dims_of(shape);
        H5::DSetCreatPropList props;
        // Chunking needs every dimension non-empty; an empty dataset stays contiguous.
        if (!dims.empty() && std::find(dims.begin(), dims.end(), hsize_t{0}) == dims.end()) {
            auto chunk = dims;
            chunk[0] = std::max<hsize_t>(1, std::min<hsize_t>(chunk_rows, dims[0]));
            props.setChunk(static_cast<int>(chunk.size()), chunk.data());
            props.setShuffle();
            props.setDeflate(4);
        }
        H5::DataSpace space(static_cast<int>(dims.size()), dims.data());
        impl_->file.createDataSet(path, file_type<T>(), space, props, H5::DSetAccPropList::DEFAULT, with_parents());
    });
}

template <class T>
void File::write_rows(const std::string& path, std::size_t first, std::size_t rows, const T* data)
{
    if (rows == 0) return;
    guard(path_, "cannot write dataset " + path, [&] {
        H5::DataSet ds = impl_->file.openDataSet(path);
        const auto [space, mem] = select_rows(ds, first, rows, path_, path);
        ds.write(data, native_type<T>(), mem, space);
    });
}

template <class T>
void File::write(const std::string& path, const std::vector<T>& data, const Shape& shape)
{
    create_dataset<T>(path, shape, shape.empty() ? 1 : shape[0]);
    if (!shape.empty() && shape[0] > 0) write_rows<T>(path, 0, shape[0], data.data());
}

void File::write_strings(const std::string& path, const std::vector<std::string>& values)
{
    guard(path_, "cannot write dataset " + path, [&] {
        const H5::StrType type = vlen_string();
        const hsize_t n = values.size();
        H5::DataSet ds = impl_->file.createDataSet(path, type, H5::DataSpace(1, &n), H5::DSetCreatPropList::DEFAULT,
                                                   H5::DSetAccPropList::DEFAULT, with_parents());
        std::vector<const char*> ptrs;
        for (const auto& v : values) ptrs.push_back(v.c_str());
        if (n > 0) ds.write(ptrs.data(), type);
    });
}

void File::create_strings(const std::string& path, std::size_t rows, std::size_t chunk_rows)
{
    guard(path_, "cannot create dataset " + path, [&] {
        const hsize_t n = rows, chunk = std::max<hsize_t>(1, std::min<hsize_t>(chunk_rows, rows));
        H5::DSetCreatPropList props;
        if (n > 0) {
            props.setChunk(1, &chunk);
            props.setDeflate(4);
        }
        impl_->file.createDataSet(path, vlen_string(), H5::DataSpace(1, &n), props);
    });
}

void File::write_string_rows(const std::string& path, std::size_t first, const std::vector<std::string>& values)
{
    if (values.empty()) return;
    guard(path_, "cannot write dataset " + path, [&] {
        H5::DataSet ds = impl_->file.openDataSet(path);
        const auto [space, mem] = select_rows(ds, first, values.size(), path_, path);
        std::vector<const char*> ptrs;
        for (const auto& v : values) ptrs.push_back(v.c_str());
        ds.write(ptrs.data(), vlen_string(), mem, space);
    });
}

template <class T>
std::vector<T> File::read_rows(const std::string& path, std::size_t first, std::size_t rows) const
{
    return guard_read(path_, "cannot read dataset " + path, [&] {
        H5::DataSet ds = open_dataset(impl_->file, path_, path);
        const auto [space, mem] = select_rows(ds, first, rows, path_, path);
        check_read_size(path_, path, static_cast<std::size_t>(mem.getSimpleExtentNpoints()), sizeof(T));
        std::vector<T> out(static_cast<std::size_t>(mem.getSimpleExtentNpoints()));
        if (!out.empty()) ds.read(out.data(), native_type<T>(), mem, space);
        return out;
    });
}

std::vector<std::string> File::read_string_rows(const std::string& path, std::size_t first, std::size_t rows) const
{
    return guard_read(path_, "cannot read dataset " + path, [&] {
        H5::DataSet ds = open_dataset(impl_->file, path_, path);
        const auto [space, mem] = select_rows(ds, first, rows, path_, path);
        if (rows == 0) return std::vector<std::string>{};
        return read_string_array(
            ds, mem, [&](const H5::DataType& t, void* buf) { ds.read(buf, t, mem, space); }, path_, path);
    });
}

template <class T>
Dataset<T> File::read(const std::string& path) const
{
    return guard_read(path_, "cannot read dataset " + path, [&] {
        H5::DataSet ds = open_dataset(impl_->file, path_, path);
        if (ds.getTypeClass() != H5T_INTEGER && ds.getTypeClass() != H5T_FLOAT)
            throw InvalidFile(path_ + ": " + path + " does not hold numbers");
        Dataset<T> out;
        out.shape = shape_of(ds.getSpace());
        const std::size_t n = elements(out.shape);
        check_read_size(path_, path, n, sizeof(T));
        out.data.resize(n);
        if (n > 0) ds.read(out.data.data(), native_type<T>());
        return out;
    });
}

std::vector<std::string> File::read_strings(const std::string& path) const
{
    return guard_read(path_, "cannot read dataset " + path, [&] {
        H5::DataSet ds = open_dataset(impl_->file, path_, path);
        const H5::DataSpace space = ds.getSpace();
        return read_string_array(
            ds, space, [&](const H5::DataType& t, void* buf) { ds.read(buf, t); }, path_, path);
    });
}

Shape File::shape(const std::string& path) const
{
    return guard_read(path_, "cannot inspect dataset " + path,
                      [&] { return shape_of(open_dataset(impl_->file, path_, path).getSpace()); });
}

std::string File::dtype(const std::string& path) const
{
    return guard_read(path_, "cannot inspect dataset " + path, [&]() -> std::string {
        H5::DataSet ds = open_dataset(impl_->file, path_, path);
        const H5T_class_t cls = ds.getTypeClass();
        const std::size_t bits = ds.getDataType().getSize() * 8;
        if (cls == H5T_STRING) return "string";
        if (cls == H5T_FLOAT) return "float" + std::to_string(bits);
        if (cls == H5T_INTEGER) {
            const bool is_signed = ds.getIntType().getSign() != H5T_SGN_NONE;
            return (is_signed ? "int" : "uint") + std::to_string(bits);
        }
        return "other";
    });
}

void File::make_scale(const std::string& scale, const std::string& name)
{
    guard(path_, "cannot make dimension scale " + scale, [&] {
        H5::DataSet ds = impl_->file.openDataSet(scale);
        if (H5DSset_scale(ds.getId(), name.c_str()) < 0) throw Error(path_ + ": H5DSset_scale failed for " + scale);
    });
}

void File::attach_scale(const std::string& dataset, const std::string& scale, unsigned dim)
{
    guard(path_, "cannot attach " + scale + " to " + dataset, [&] {
        H5::DataSet ds = impl_->file.openDataSet(dataset);
        H5::DataSet sc = impl_->file.openDataSet(scale);
        if (H5DSattach_scale(ds.getId(), sc.getId(), dim) < 0)
            throw Error(path_ + ": H5DSattach_scale failed for " + dataset);
    });
}

#define COGOV_H5_INSTANTIATE(T)                                                                \
    template void File::create_dataset<T>(const std::string&, const Shape&, std::size_t);      \
    template void File::write_rows<T>(const std::string&, std::size_t, std::size_t, const T*); \
    template void File::write<T>(const std::string&, const std::vector<T>&, const Shape&);     \
    template Dataset<T> File::read<T>(const std::string&) const;                               \
    template std::vector<T> File::read_rows<T>(const std::string&, std::size_t, std::size_t) const;
COGOV_H5_INSTANTIATE(double)
COGOV_H5_INSTANTIATE(float)
COGOV_H5_INSTANTIATE(std::int64_t)
COGOV_H5_INSTANTIATE(std::int32_t)
COGOV_H5_INSTANTIATE(std::uint32_t)
COGOV_H5_INSTANTIATE(std::uint16_t)
COGOV_H5_INSTANTIATE(std::uint8_t)
COGOV_H5_INSTANTIATE(std::int8_t)
#undef COGOV_H5_INSTANTIATE

}  // namespace cogov::h5
