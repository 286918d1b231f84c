// Boost.URL's compiled part, alone in this translation unit because it is slow to build and
// never changes (Boost 1.81 ships it as a header to include exactly once).
#include <boost/url/src.hpp>
