// The price table compiled into the program (src/cost/CMakeLists.txt embeds pricing/us-east-2.json).
#include <cstddef>

#include "cost/cost.hpp"

namespace dp::assets {
extern const unsigned char price_table_us_east_2[];
extern const std::size_t price_table_us_east_2_size;
} // namespace dp::assets

namespace dp::cost {

const char* const kBuiltinPriceTableName = "pricing/us-east-2.json";

const std::string& builtin_price_table_text() {
  static const std::string text(reinterpret_cast<const char*>(assets::price_table_us_east_2),
                                assets::price_table_us_east_2_size);
  return text;
}

} // namespace dp::cost
