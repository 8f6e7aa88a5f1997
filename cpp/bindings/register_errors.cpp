// C++ exceptions -> the Python errors users expect. Each framelens error class is also a subclass of
// the matching built-in (ValueError, OSError, FileNotFoundError, KeyError), so `except ValueError`
// works as well as `except framelens.EncodingError`.
#include "bindings.hpp"

#include "framelens/error.hpp"

namespace framelens::bindings {
namespace {

PyObject* make_exception(py::module_& m, const char* name, std::initializer_list<PyObject*> bases, const char* doc) {
  py::tuple b(bases.size());
  std::size_t i = 0;
  for (PyObject* base : bases) b[i++] = py::reinterpret_borrow<py::object>(base);
  const std::string qualified = std::string("framelens.") + name;
  PyObject* cls = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, b.ptr(), nullptr);
  if (!cls) throw py::error_already_set();
  m.add_object(name, py::reinterpret_borrow<py::object>(cls));
  return cls;
}

}  // namespace

void register_errors(py::module_& m) {
  static PyObject* base = make_exception(m, "FramelensError", {PyExc_Exception}, "Base class of every framelens error.");
  static PyObject* invalid = make_exception(m, "InvalidArgumentError", {base, PyExc_ValueError},
                                            "A bad argument or option value (also a ValueError).");
  static PyObject* encoding = make_exception(m, "EncodingError", {invalid},
                                             "Input that is not valid UTF-8; the message names the source and byte offset.");
  static PyObject* format = make_exception(m, "FormatError", {invalid},
                                           "Input of the wrong format: binary or empty files, malformed JSON/CSV.");
  static PyObject* io = make_exception(m, "FileError", {base, PyExc_OSError}, "A file that cannot be read or written.");
  static PyObject* missing = make_exception(m, "MissingFileError", {io, PyExc_FileNotFoundError}, "A file that does not exist.");
  static PyObject* notfound = make_exception(m, "NotFoundError", {base, PyExc_KeyError},
                                             "A lookup that found nothing: unknown term, outlet or key.");
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const framelens::EncodingError& e) {
      PyErr_SetString(encoding, e.what());
    } catch (const framelens::FormatError& e) {
      PyErr_SetString(format, e.what());
    } catch (const framelens::InvalidArgument& e) {
      PyErr_SetString(invalid, e.what());
    } catch (const framelens::FileNotFound& e) {
      PyErr_SetString(missing, e.what());
    } catch (const framelens::IoError& e) {
      PyErr_SetString(io, e.what());
    } catch (const framelens::NotFound& e) {
      PyErr_SetString(notfound, e.what());
    } catch (const framelens::Error& e) {
      PyErr_SetString(base, e.what());
    }
  });
}

}  // namespace framelens::bindings
