// GL state the page answers itself instead of asking WebGL.
//
// Dear ImGui's OpenGL3 backend backs up the GL state at the start of every ImGui_ImplOpenGL3_RenderDrawData
// and restores it at the end. Chrome answers most of its glGetIntegerv queries from its own client-side
// copy, but GL_SCISSOR_BOX and the six GL_BLEND_* factors and equations take a synchronous round trip to
// the GPU process, which first finishes every command queued before it, including the previous frame's
// rasterisation. With SwiftShader that stalled the main thread for the whole previous frame (24-43 ms on
// 1600x900; tools/bench-web prints the floor). These are the only GL queries in a frame that cost a round
// trip, and the page is the only user of its context, so it keeps a copy of those seven values: every
// setter of them in the page goes through the functions below, and the backend is compiled with its gl*
// names mapped to them (src/ui/CMakeLists.txt). Anything else is forwarded to WebGL.
//
// Code that sets the scissor box or the blend factors/equations must call these, not the gl* functions,
// or the backend would restore a stale value after its draws (dp_test_gl_state_check in main.cpp and the
// e2e tests compare the copy with WebGL's answer).
#pragma once

#include <GLES3/gl3.h>

extern "C" {
void dp_gl_get_integerv(GLenum pname, GLint* data);
void dp_gl_scissor(GLint x, GLint y, GLsizei width, GLsizei height);
void dp_gl_blend_func(GLenum sfactor, GLenum dfactor);
void dp_gl_blend_func_separate(GLenum src_rgb, GLenum dst_rgb, GLenum src_alpha, GLenum dst_alpha);
void dp_gl_blend_equation(GLenum mode);
void dp_gl_blend_equation_separate(GLenum mode_rgb, GLenum mode_alpha);
}

namespace dp::platform {

// Reads the seven values from WebGL once (call with the context current, before the first frame).
void gl_state_init();
// Compares the copy with WebGL's own answers (synchronous queries: tests only). Returns "" when they
// agree, else a description of the first difference.
const char* gl_state_check();

} // namespace dp::platform
