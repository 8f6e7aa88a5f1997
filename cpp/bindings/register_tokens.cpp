#include "bindings.hpp"

namespace framelens::bindings {

void register_tokens(py::module_& m) {}

}  // namespace framelens::bindings
