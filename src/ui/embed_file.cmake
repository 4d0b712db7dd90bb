# Build-time step (cmake -P): turns one file into a C++ source holding its bytes, so fonts and shaders are
# compiled into the wasm module instead of being fetched or committed.
# Inputs: INPUT (file to embed), OUTPUT (.cpp to write), SYMBOL (C++ identifier, in namespace dp::assets).
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR byte_count "${hex_length} / 2")
# Two hex digits per byte -> "0x..," ; 32 bytes per line keeps the generated file readable in a debugger.
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){32})" "\\1\n" bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT} by src/ui/embed_file.cmake; do not edit.\n"
  "#include <cstddef>\n"
  "namespace dp::assets {\n"
  "extern const unsigned char ${SYMBOL}[];\n"
  "extern const std::size_t ${SYMBOL}_size;\n"
  "alignas(4) const unsigned char ${SYMBOL}[] = {\n${bytes}0x00};\n"
  "const std::size_t ${SYMBOL}_size = ${byte_count};\n"
  "} // namespace dp::assets\n")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
