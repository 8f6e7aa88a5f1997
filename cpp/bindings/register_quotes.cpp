#include "bindings.hpp"

namespace framelens::bindings {

void register_quotes(py::module_& m) {}

}  // namespace framelens::bindings
