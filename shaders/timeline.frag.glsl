#version 300 es
// Timeline bars: flat fill with a one-pixel border; flag bit 1 (value 2) = selected (bright outline),
// flag bit 0 (value 1) = replayed (hatched, so "dimmed" does not rely on colour alone).
precision mediump float;

in vec4 v_color;
in vec2 v_local;
in vec2 v_size;
flat in float v_flags;

uniform vec4 u_outline;   // selection outline colour
uniform float u_scale;    // pixels per UI unit (devicePixelRatio x UI scale)

out vec4 frag_color;

void main() {
  bool replayed = mod(v_flags, 2.0) == 1.0;
  bool selected = mod(floor(v_flags / 2.0), 2.0) == 1.0;
  float edge = min(min(v_local.x, v_size.x - v_local.x), min(v_local.y, v_size.y - v_local.y));
  vec4 color = v_color;
  if (replayed) {
    // Diagonal hatching every 6 UI pixels.
    float stripe = mod((gl_FragCoord.x + gl_FragCoord.y) / u_scale, 6.0);
    if (stripe < 2.0) color.rgb *= 0.75;
  }
  if (edge < 1.0) color.rgb *= 0.6;
  if (selected && edge < 2.0 * u_scale) color = u_outline;
  frag_color = color;
}
