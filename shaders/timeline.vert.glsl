#version 300 es
// Timeline bars: one instance per operation bar, drawn as a unit quad (6 vertices).
// Instances carry time in the view's units; the view transform (pan/zoom) is a uniform, so panning and
// zooming a timeline of tens of thousands of bars re-uploads nothing.
precision highp float;

// The quad's corner comes from a small per-vertex buffer (divisor 0) rather than gl_VertexID: with only
// instanced attributes, ANGLE falls back to a slow emulation path (measured: 0.55 s a frame for 28,000
// bars under SwiftShader, against a few ms with a per-vertex attribute at location 0).
layout(location = 0) in vec2 a_corner; // (0,0) (1,0) (0,1) (0,1) (1,0) (1,1)
layout(location = 1) in vec4 a_span;   // x: start time, y: end time, z: lane (row), w: flags (see below)
layout(location = 2) in vec4 a_color;  // RGBA, 0..1

uniform vec2 u_viewport;      // framebuffer size in pixels
uniform vec4 u_rect;          // the panel's plot area: x, y, width, height in framebuffer pixels (y down)
uniform vec2 u_time;          // x: time at the rect's left edge, y: pixels per time unit
uniform vec3 u_lane;          // x: lane height in pixels, y: bar height in pixels, z: vertical scroll in pixels
uniform float u_min_width;    // bars never get thinner than this (a 1 ms step stays visible and clickable)

out vec4 v_color;
out vec2 v_local;     // position inside the bar in pixels, for the border
out vec2 v_size;      // bar size in pixels
flat out float v_flags;

void main() {
  vec2 corner = a_corner;
  float x0 = u_rect.x + (a_span.x - u_time.x) * u_time.y;
  float x1 = u_rect.x + (a_span.y - u_time.x) * u_time.y;
  x1 = max(x1, x0 + u_min_width);
  // Flag bit 2 (value 4): a marker (retry tick) drawn thin and full lane height.
  bool marker = mod(floor(a_span.w / 4.0), 2.0) == 1.0;
  float bar_h = marker ? u_lane.x * 0.9 : u_lane.y;
  float y0 = u_rect.y + a_span.z * u_lane.x + (u_lane.x - bar_h) * 0.5 - u_lane.z;
  vec2 pixel = vec2(mix(x0, x1, corner.x), y0 + corner.y * bar_h);
  v_size = vec2(x1 - x0, bar_h);
  v_local = corner * v_size;
  v_color = a_color;
  v_flags = a_span.w;
  vec2 ndc = pixel / u_viewport * 2.0 - 1.0;
  gl_Position = vec4(ndc.x, -ndc.y, 0.0, 1.0);
}
