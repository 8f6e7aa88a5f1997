#pragma once
// Umbrella header: everything a C++ user of framelens needs.
#include "framelens/data.hpp"
#include "framelens/document.hpp"
#include "framelens/dtm.hpp"
#include "framelens/error.hpp"
#include "framelens/quotes.hpp"
#include "framelens/segment.hpp"
#include "framelens/similarity.hpp"
#include "framelens/threads.hpp"
#include "framelens/tokenizer.hpp"
#include "framelens/utf8.hpp"
#include "framelens/version.hpp"
