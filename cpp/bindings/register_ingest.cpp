#include "bindings.hpp"

namespace framelens::bindings {

void register_ingest(py::module_& m) {}

}  // namespace framelens::bindings
