#include "bindings.hpp"

namespace framelens::bindings {

void register_dtm(py::module_& m) {}

}  // namespace framelens::bindings
