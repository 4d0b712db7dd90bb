// The page's copy of the GL state that WebGL only answers with a round trip (see gl_state.hpp).
#include "platform/gl_state.hpp"

#include <cstdio>

namespace {

struct Shadow {
  GLint scissor_box[4] = {0, 0, 0, 0};
  GLint blend_src_rgb = GL_ONE;
  GLint blend_dst_rgb = GL_ZERO;
  GLint blend_src_alpha = GL_ONE;
  GLint blend_dst_alpha = GL_ZERO;
  GLint blend_equation_rgb = GL_FUNC_ADD;
  GLint blend_equation_alpha = GL_FUNC_ADD;
};

Shadow g_shadow; // GL's initial values until gl_state_init reads the real ones

// The copied value of `pname`, or nullptr when it is not one of the copied ones.
GLint* shadowed(GLenum pname) {
  switch (pname) {
  case GL_SCISSOR_BOX:
    return g_shadow.scissor_box;
  case GL_BLEND_SRC_RGB:
    return &g_shadow.blend_src_rgb;
  case GL_BLEND_DST_RGB:
    return &g_shadow.blend_dst_rgb;
  case GL_BLEND_SRC_ALPHA:
    return &g_shadow.blend_src_alpha;
  case GL_BLEND_DST_ALPHA:
    return &g_shadow.blend_dst_alpha;
  case GL_BLEND_EQUATION_RGB:
    return &g_shadow.blend_equation_rgb;
  case GL_BLEND_EQUATION_ALPHA:
    return &g_shadow.blend_equation_alpha;
  default:
    return nullptr;
  }
}

int value_count(GLenum pname) {
  return pname == GL_SCISSOR_BOX ? 4 : 1;
}

constexpr GLenum kShadowed[] = {GL_SCISSOR_BOX,         GL_BLEND_SRC_RGB,   GL_BLEND_DST_RGB,
                                GL_BLEND_SRC_ALPHA,     GL_BLEND_DST_ALPHA, GL_BLEND_EQUATION_RGB,
                                GL_BLEND_EQUATION_ALPHA};

} // namespace

extern "C" {

void dp_gl_get_integerv(GLenum pname, GLint* data) {
  if (const GLint* value = shadowed(pname)) {
    for (int i = 0; i < value_count(pname); i++)
      data[i] = value[i];
    return;
  }
  glGetIntegerv(pname, data);
}

void dp_gl_scissor(GLint x, GLint y, GLsizei width, GLsizei height) {
  g_shadow.scissor_box[0] = x;
  g_shadow.scissor_box[1] = y;
  g_shadow.scissor_box[2] = width;
  g_shadow.scissor_box[3] = height;
  glScissor(x, y, width, height);
}

void dp_gl_blend_func(GLenum sfactor, GLenum dfactor) {
  g_shadow.blend_src_rgb = g_shadow.blend_src_alpha = static_cast<GLint>(sfactor);
  g_shadow.blend_dst_rgb = g_shadow.blend_dst_alpha = static_cast<GLint>(dfactor);
  glBlendFunc(sfactor, dfactor);
}

void dp_gl_blend_func_separate(GLenum src_rgb, GLenum dst_rgb, GLenum src_alpha, GLenum dst_alpha) {
  g_shadow.blend_src_rgb = static_cast<GLint>(src_rgb);
  g_shadow.blend_dst_rgb = static_cast<GLint>(dst_rgb);
  g_shadow.blend_src_alpha = static_cast<GLint>(src_alpha);
  g_shadow.blend_dst_alpha = static_cast<GLint>(dst_alpha);
  glBlendFuncSeparate(src_rgb, dst_rgb, src_alpha, dst_alpha);
}

void dp_gl_blend_equation(GLenum mode) {
  g_shadow.blend_equation_rgb = g_shadow.blend_equation_alpha = static_cast<GLint>(mode);
  glBlendEquation(mode);
}

void dp_gl_blend_equation_separate(GLenum mode_rgb, GLenum mode_alpha) {
  g_shadow.blend_equation_rgb = static_cast<GLint>(mode_rgb);
  g_shadow.blend_equation_alpha = static_cast<GLint>(mode_alpha);
  glBlendEquationSeparate(mode_rgb, mode_alpha);
}

} // extern "C"

namespace dp::platform {

void gl_state_init() {
  for (GLenum pname : kShadowed)
    glGetIntegerv(pname, shadowed(pname));
}

const char* gl_state_check() {
  static char message[160];
  for (GLenum pname : kShadowed) {
    GLint real[4] = {0, 0, 0, 0};
    glGetIntegerv(pname, real);
    const GLint* copy = shadowed(pname);
    for (int i = 0; i < value_count(pname); i++) {
      if (real[i] != copy[i]) {
        std::snprintf(message, sizeof message, "GL state 0x%x[%d]: the page's copy has %d, WebGL has %d",
                      pname, i, copy[i], real[i]);
        return message;
      }
    }
  }
  return "";
}

} // namespace dp::platform
