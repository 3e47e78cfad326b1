/**
 * Reference scenes for the map frame-rate benchmark, run in the same browser as the map: what the browser
 * itself can draw, so the map's frame rate can be judged on a machine without a GPU. Both are plain
 * WebGL2 with no library:
 * - `clear`: a canvas of the map's size cleared every frame: the browser's own frame ceiling (compositing,
 *   presenting); no map can be faster.
 * - `points`: the same number of points as the map draws, at the same sizes (positions 3 px radius, events
 *   6 px with a stroke), as instanced quads with the simplest round-point shader: the least any WebGL map
 *   pays to draw that data.
 * The function is passed to `page.evaluate`, so it is self-contained (no imports, no closures).
 */
export interface FloorScene {
  kind: 'clear' | 'points';
  width: number;
  height: number;
  /** Points drawn with a 4 px half-size (3 px radius and the edge), as the map's positions. */
  small: number;
  /** Points drawn with an 8 px half-size (6 px radius, 1.5 px stroke and the edge), as the map's events. */
  large: number;
  seconds: number;
}

export async function drawFloorScene(scene: FloorScene): Promise<{ frames: number; fps: number }> {
  const canvas = document.createElement('canvas');
  canvas.width = scene.width;
  canvas.height = scene.height;
  canvas.style.cssText = `position:fixed;inset:0;width:${scene.width}px;height:${scene.height}px`;
  document.body.append(canvas);
  const gl = canvas.getContext('webgl2');
  if (!gl) throw new Error('no WebGL2');
  const vs = `#version 300 es
in vec2 corner; in vec2 center; uniform vec2 offset; uniform vec2 halfSize; uniform float size; out vec2 uv;
void main() { uv = corner; gl_Position = vec4((center + offset + corner * size) / halfSize - 1.0, 0.0, 1.0); }`;
  const fs = `#version 300 es
precision highp float; in vec2 uv; uniform vec4 color; out vec4 fragColor;
void main() { if (length(uv) > 1.0) discard; fragColor = color; }`;
  const compile = (type: number, src: string) => {
    const s = gl.createShader(type) as WebGLShader;
    gl.shaderSource(s, src);
    gl.compileShader(s);
    if (!gl.getShaderParameter(s, gl.COMPILE_STATUS)) throw new Error(String(gl.getShaderInfoLog(s)));
    return s;
  };
  const program = gl.createProgram() as WebGLProgram;
  gl.attachShader(program, compile(gl.VERTEX_SHADER, vs));
  gl.attachShader(program, compile(gl.FRAGMENT_SHADER, fs));
  gl.linkProgram(program);
  // biome-ignore lint/correctness/useHookAtTopLevel: WebGL's useProgram, not a React hook
  gl.useProgram(program);
  gl.enable(gl.BLEND);
  gl.blendFunc(gl.SRC_ALPHA, gl.ONE_MINUS_SRC_ALPHA);
  // A fixed-seed generator: the same points every run.
  let seed = 20260302;
  const rnd = () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 4294967296;
  };
  const groups = [
    { count: scene.small, size: 4, color: [0.8, 0.2, 0.2, 0.9] },
    { count: scene.large, size: 8, color: [0.1, 0.3, 0.8, 0.9] },
  ].map((g) => {
    const vao = gl.createVertexArray();
    gl.bindVertexArray(vao);
    const corners = gl.createBuffer();
    gl.bindBuffer(gl.ARRAY_BUFFER, corners);
    gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 1, -1, -1, 1, 1, 1]), gl.STATIC_DRAW);
    const cornerAt = gl.getAttribLocation(program, 'corner');
    gl.enableVertexAttribArray(cornerAt);
    gl.vertexAttribPointer(cornerAt, 2, gl.FLOAT, false, 0, 0);
    const xy = new Float32Array(g.count * 2);
    for (let i = 0; i < xy.length; i += 2) {
      xy[i] = rnd() * scene.width;
      xy[i + 1] = rnd() * scene.height;
    }
    const centers = gl.createBuffer();
    gl.bindBuffer(gl.ARRAY_BUFFER, centers);
    gl.bufferData(gl.ARRAY_BUFFER, xy, gl.STATIC_DRAW);
    const centerAt = gl.getAttribLocation(program, 'center');
    gl.enableVertexAttribArray(centerAt);
    gl.vertexAttribPointer(centerAt, 2, gl.FLOAT, false, 0, 0);
    gl.vertexAttribDivisor(centerAt, 1);
    return { ...g, vao };
  });
  const offset = gl.getUniformLocation(program, 'offset');
  const halfSize = gl.getUniformLocation(program, 'halfSize');
  const size = gl.getUniformLocation(program, 'size');
  const color = gl.getUniformLocation(program, 'color');
  gl.uniform2f(halfSize, scene.width / 2, scene.height / 2);
  let frames = 0;
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const frame = () => {
      frames++;
      gl.clearColor(0.79, 0.86, 0.93, 1);
      gl.clear(gl.COLOR_BUFFER_BIT);
      if (scene.kind === 'points') {
        // Moved every frame, as a pan moves every point.
        gl.uniform2f(offset, frames % 60, (frames * 2) % 40);
        for (const g of groups) {
          if (g.count === 0) continue;
          gl.bindVertexArray(g.vao);
          gl.uniform1f(size, g.size);
          gl.uniform4fv(color, g.color);
          gl.drawArraysInstanced(gl.TRIANGLE_STRIP, 0, 4, g.count);
        }
      }
      if (performance.now() - start < scene.seconds * 1000) requestAnimationFrame(frame);
      else resolve();
    };
    requestAnimationFrame(frame);
  });
  canvas.remove();
  return { frames, fps: frames / ((performance.now() - start) / 1000) };
}
