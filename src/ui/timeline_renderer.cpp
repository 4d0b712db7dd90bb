// The timeline's instanced GL pass (see timeline_renderer.hpp).
#include "ui/timeline_renderer.hpp"

#include <cstddef>
#include <cstring>
#include <string>

#include <GLES3/gl3.h>

#include "platform/gl_state.hpp"

namespace dp::assets {
extern const unsigned char shader_timeline_vert[];
extern const std::size_t shader_timeline_vert_size;
extern const unsigned char shader_timeline_frag[];
extern const std::size_t shader_timeline_frag_size;
} // namespace dp::assets

namespace dp::ui {
namespace {

GLuint compile(GLenum type, const unsigned char* source, std::size_t size, char* log, int log_size) {
  GLuint shader = glCreateShader(type);
  const GLchar* text = reinterpret_cast<const GLchar*>(source);
  const GLint length = static_cast<GLint>(size);
  glShaderSource(shader, 1, &text, &length);
  glCompileShader(shader);
  GLint ok = 0;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    glGetShaderInfoLog(shader, log_size, nullptr, log);
    glDeleteShader(shader);
    return 0;
  }
  return shader;
}

} // namespace

TimelineRenderer::~TimelineRenderer() {
  if (m_buffer)
    glDeleteBuffers(1, &m_buffer);
  if (m_corners)
    glDeleteBuffers(1, &m_corners);
  if (m_vao)
    glDeleteVertexArrays(1, &m_vao);
  if (m_program)
    glDeleteProgram(m_program);
}

bool TimelineRenderer::ensure_program() {
  if (m_program)
    return true;
  if (m_tried)
    return false;
  m_tried = true;
  GLuint vs = compile(GL_VERTEX_SHADER, assets::shader_timeline_vert, assets::shader_timeline_vert_size,
                      m_log, sizeof m_log);
  GLuint fs = vs ? compile(GL_FRAGMENT_SHADER, assets::shader_timeline_frag,
                           assets::shader_timeline_frag_size, m_log, sizeof m_log)
                 : 0;
  if (!vs || !fs) {
    m_error = m_log;
    return false;
  }
  GLuint program = glCreateProgram();
  glAttachShader(program, vs);
  glAttachShader(program, fs);
  glLinkProgram(program);
  glDeleteShader(vs);
  glDeleteShader(fs);
  GLint ok = 0;
  glGetProgramiv(program, GL_LINK_STATUS, &ok);
  if (!ok) {
    glGetProgramInfoLog(program, sizeof m_log, nullptr, m_log);
    glDeleteProgram(program);
    m_error = m_log;
    return false;
  }
  m_program = program;
  m_u_viewport = glGetUniformLocation(program, "u_viewport");
  m_u_rect = glGetUniformLocation(program, "u_rect");
  m_u_time = glGetUniformLocation(program, "u_time");
  m_u_lane = glGetUniformLocation(program, "u_lane");
  m_u_min_width = glGetUniformLocation(program, "u_min_width");
  m_u_outline = glGetUniformLocation(program, "u_outline");
  m_u_scale = glGetUniformLocation(program, "u_scale");

  // Save the VAO and buffer bindings ImGui's backend may rely on between its own draws.
  GLint last_vao = 0;
  GLint last_buffer = 0;
  glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &last_vao);
  glGetIntegerv(GL_ARRAY_BUFFER_BINDING, &last_buffer);
  glGenVertexArrays(1, &m_vao);
  glGenBuffers(1, &m_corners);
  glGenBuffers(1, &m_buffer);
  glBindVertexArray(m_vao);
  // Per vertex: the unit quad's corners (two triangles).
  static const float corners[12] = {0, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 1};
  glBindBuffer(GL_ARRAY_BUFFER, m_corners);
  glBufferData(GL_ARRAY_BUFFER, sizeof corners, corners, GL_STATIC_DRAW);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 2 * sizeof(float), reinterpret_cast<void*>(0));
  glVertexAttribDivisor(0, 0);
  // Per instance: span and colour.
  glBindBuffer(GL_ARRAY_BUFFER, m_buffer);
  glEnableVertexAttribArray(1);
  glVertexAttribPointer(1, 4, GL_FLOAT, GL_FALSE, sizeof(BarInstance), reinterpret_cast<void*>(0));
  glVertexAttribDivisor(1, 1);
  glEnableVertexAttribArray(2);
  glVertexAttribPointer(2, 4, GL_FLOAT, GL_FALSE, sizeof(BarInstance),
                        reinterpret_cast<void*>(offsetof(BarInstance, r)));
  glVertexAttribDivisor(2, 1);
  glBindVertexArray(static_cast<GLuint>(last_vao));
  glBindBuffer(GL_ARRAY_BUFFER, static_cast<GLuint>(last_buffer));
  return true;
}

void TimelineRenderer::upload(const std::vector<BarInstance>& bars) {
  if (!ensure_program())
    return;
  GLint last_buffer = 0;
  glGetIntegerv(GL_ARRAY_BUFFER_BINDING, &last_buffer);
  glBindBuffer(GL_ARRAY_BUFFER, m_buffer);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(bars.size() * sizeof(BarInstance)),
               bars.empty() ? nullptr : bars.data(), GL_DYNAMIC_DRAW);
  glBindBuffer(GL_ARRAY_BUFFER, static_cast<GLuint>(last_buffer));
  m_count = static_cast<int>(bars.size());
}

void TimelineRenderer::draw(ImDrawList* draw_list, const TimelineView& view) {
  if (!ensure_program() || m_count == 0)
    return;
  m_view = view;
  draw_list->AddCallback(&TimelineRenderer::render_callback, this);
  draw_list->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

void TimelineRenderer::render_callback(const ImDrawList*, const ImDrawCmd* cmd) {
  auto* self = static_cast<TimelineRenderer*>(cmd->UserCallbackData);
  const TimelineView& v = self->m_view;
  const ImVec2 display = ImGui::GetIO().DisplaySize; // device pixels (see src/platform/main.cpp)
  // Clip to the plot area intersected with the draw command's clip rectangle.
  const float x0 = std::max(cmd->ClipRect.x, v.rect_min.x);
  const float y0 = std::max(cmd->ClipRect.y, v.rect_min.y);
  const float x1 = std::min(cmd->ClipRect.z, v.rect_max.x);
  const float y1 = std::min(cmd->ClipRect.w, v.rect_max.y);
  if (x1 <= x0 || y1 <= y0)
    return;
  glEnable(GL_SCISSOR_TEST);
  // Scissor box and blend state through the page's copy (the ImGui backend reads them from it).
  dp_gl_scissor(static_cast<GLint>(x0), static_cast<GLint>(display.y - y1), static_cast<GLsizei>(x1 - x0),
                static_cast<GLsizei>(y1 - y0));
  glEnable(GL_BLEND);
  dp_gl_blend_func_separate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glUseProgram(self->m_program);
  glUniform2f(self->m_u_viewport, display.x, display.y);
  glUniform4f(self->m_u_rect, v.rect_min.x, v.rect_min.y, v.rect_max.x - v.rect_min.x,
              v.rect_max.y - v.rect_min.y);
  glUniform2f(self->m_u_time, static_cast<float>(v.time_left), static_cast<float>(v.pixels_per_unit));
  glUniform3f(self->m_u_lane, v.lane_height, v.bar_height, v.scroll_y);
  glUniform1f(self->m_u_min_width, v.min_bar_width);
  glUniform4f(self->m_u_outline, v.outline.x, v.outline.y, v.outline.z, v.outline.w);
  glUniform1f(self->m_u_scale, v.pixel_scale);
  glBindVertexArray(self->m_vao);
  glDrawArraysInstanced(GL_TRIANGLES, 0, 6, self->m_count);
  glBindVertexArray(0);
}

} // namespace dp::ui
