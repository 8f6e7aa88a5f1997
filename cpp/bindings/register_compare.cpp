#include "bindings.hpp"

namespace framelens::bindings {

void register_compare(py::module_& m) {}

}  // namespace framelens::bindings
