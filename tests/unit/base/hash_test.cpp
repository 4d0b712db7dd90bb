#include "base/hash.hpp"

#include <gtest/gtest.h>

namespace dp {

TEST(Md5, Rfc1321TestSuite) {
  EXPECT_EQ(md5_hex(""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(md5_hex("a"), "0cc175b9c0f1b6a831c399e269772661");
  EXPECT_EQ(md5_hex("abc"), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(md5_hex("message digest"), "f96b697d7cb7938d525a2f31aaf161d0");
  EXPECT_EQ(md5_hex("12345678901234567890123456789012345678901234567890123456789012345678901234567890"),
            "57edf4a22be3c955ac49da2e2107b67a");
}

TEST(Md5, JavaScriptSdkOperationIds) {
  // durable-semantics.md 2.7: root #1, #2, #3 as the JS local runner's integration test asserts.
  EXPECT_EQ(md5_hex("1").substr(0, 16), "c4ca4238a0b92382");
  EXPECT_EQ(md5_hex("2").substr(0, 16), "c81e728d9d4c2f63");
  EXPECT_EQ(md5_hex("3").substr(0, 16), "eccbc87e4b5ce2fe");
}

TEST(Blake2b, Rfc7693Appendix) {
  EXPECT_EQ(blake2b_512_hex("abc"), "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                                    "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
  EXPECT_EQ(blake2b_512_hex(""), "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419"
                                 "d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce");
}

TEST(Blake2b, PythonSdkOperationIds) {
  EXPECT_EQ(blake2b_512_hex("1").substr(0, 64),
            "1ced8f5be2db23a6513eba4d819c73806424748a7bc6fa0d792cc1c7d1775a97");
  EXPECT_EQ(blake2b_512_hex("2").substr(0, 64),
            "c5faca15ac2f93578b39ef4b6bbb871bdedce4ddd584fd31f0bb66fade3947e6");
}

TEST(Blake2b, MultiBlockInputsMatchPythonHashlib) {
  // Values from Python's hashlib.blake2b over 128 and 129 'a' characters (block boundary cases).
  EXPECT_EQ(blake2b_512_hex(std::string(128, 'a')).substr(0, 16), "fc6c71f688f43ea7");
  EXPECT_EQ(blake2b_512_hex(std::string(129, 'a')).substr(0, 16), "55e6e0eb418149a8");
}

} // namespace dp
