#pragma once
// One cell of a CSV file, for every export the product writes (the audit log, the access matrix,
// enrollment keys). RFC 4180: quoted, quotes doubled, when the cell holds a comma, a quote or a
// line break. OWASP's rule against formula injection: a cell a spreadsheet would read as a
// formula — starting with =, +, -, @, a tab or a carriage return — gets a leading apostrophe, so
// a partner's refused incident titled =HYPERLINK(…) opens in the customer's spreadsheet as text.
#include <string>
#include <string_view>

namespace trm {

inline std::string csv_cell(std::string_view s) {
    std::string text;
    if (!s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos)
        text = "'";
    text += s;
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string out = "\"";
    for (char ch : text) {
        if (ch == '"') out += '"';
        out += ch;
    }
    return out + "\"";
}

}  // namespace trm
