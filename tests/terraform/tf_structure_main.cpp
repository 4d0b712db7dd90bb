// Test tool: prints the structure of each .tf file (accept/reject, blocks, labels, attribute names) as
// JSON, for the differential test against HashiCorp's parser (differential.js).
#include <fstream>
#include <iostream>
#include <sstream>

#include "base/json.hpp"
#include "terraform/parser.hpp"

namespace {

dp::Json structure(const dp::tf::Body& body) {
  dp::Json out = dp::Json::object();
  dp::Json attrs = dp::Json::array();
  for (const auto& a : body.attributes)
    attrs.push_back(a.name);
  dp::Json blocks = dp::Json::array();
  for (const auto& b : body.blocks) {
    dp::Json jb = dp::Json::object();
    jb["type"] = b.type;
    dp::Json labels = dp::Json::array();
    for (const auto& l : b.labels)
      labels.push_back(l.text);
    jb["labels"] = labels;
    jb["body"] = structure(b.body);
    blocks.push_back(jb);
  }
  out["attributes"] = attrs;
  out["blocks"] = blocks;
  return out;
}

} // namespace

int main(int argc, char** argv) {
  dp::Json all = dp::Json::object();
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    dp::tf::File f = dp::tf::parse(argv[i], ss.str());
    dp::Json j = dp::Json::object();
    j["valid"] = !dp::has_errors(f.diagnostics);
    dp::Json diags = dp::Json::array();
    for (const auto& d : f.diagnostics)
      diags.push_back(d.rule + " " + std::to_string(d.subject.start.line) + ":" +
                      std::to_string(d.subject.start.column) + " " + d.summary);
    j["diagnostics"] = diags;
    j["body"] = structure(f.body);
    all[argv[i]] = j;
  }
  std::cout << all.dump(1) << "\n";
  return 0;
}
