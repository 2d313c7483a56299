import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { PROJECT_ROOT } from '../config/paths';

/**
 * Draws Sofo's two Teams icons (manifests/teams/color.png and outline.png): a speech bubble with a
 * heart, for questions about buying with social value. Teams wants the colour icon at 192×192 and the
 * outline at 32×32, white on transparent. Run `npm run icons:teams` after changing this; the PNGs are
 * committed, so packaging needs no drawing.
 */

type Rgba = readonly [number, number, number, number];
/** A shape in unit coordinates: (0,0) top left, (1,1) bottom right. */
type Shape = (x: number, y: number) => boolean;

const ACCENT: Rgba = [0x2d, 0x5f, 0x8b, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const HEART: Rgba = [0xe0, 0x7a, 0x5f, 255];

const bubble: Shape = (x, y) =>
  roundedRect(x, y, 0.5, 0.44, 0.72, 0.54, 0.14) || triangle(x, y, [0.26, 0.62], [0.44, 0.66], [0.22, 0.86]);
/** The classic heart curve (u² + v² − 1)³ − u²v³ ≤ 0, centred at (cx, cy), s wide on each side. */
const heart =
  (cx: number, cy: number, s: number): Shape =>
  (x, y) => {
    const u = (x - cx) / s;
    const v = -(y - cy) / s;
    return (u * u + v * v - 1) ** 3 - u * u * v ** 3 <= 0;
  };

export function colorIcon(): PNG {
  return draw(192, [
    [ACCENT, () => true],
    [WHITE, bubble],
    [HEART, heart(0.5, 0.43, 0.17)],
  ]);
}

/** The bubble's outline (about 2 px at 32×32) with the heart filled, white on transparent. */
export function outlineIcon(): PNG {
  const stroke = 2.2 / 32;
  return draw(32, [
    [WHITE, (x, y) => (bubble(x, y) && !eroded(bubble, x, y, stroke)) || heart(0.5, 0.45, 0.13)(x, y)],
  ]);
}

/** Layers painted in order, each pixel sampled 4×4 times for smooth edges. */
function draw(size: number, layers: [Rgba, Shape][]): PNG {
  const png = new PNG({ width: size, height: size, colorType: 6 });
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const [color, shape] of layers) {
        let hits = 0;
        for (let sy = 0; sy < n; sy++) {
          for (let sx = 0; sx < n; sx++) {
            if (shape((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size)) hits++;
          }
        }
        // "Over" compositing with straight alpha.
        const alpha = (hits / (n * n)) * (color[3] / 255);
        const outA = alpha + (a / 255) * (1 - alpha);
        if (outA > 0) {
          const mix = (c: number, under: number) => (c * alpha + under * (a / 255) * (1 - alpha)) / outA;
          [r, g, b] = [mix(color[0], r), mix(color[1], g), mix(color[2], b)];
        }
        a = outA * 255;
      }
      const i = (py * size + px) * 4;
      png.data[i] = Math.round(r);
      png.data[i + 1] = Math.round(g);
      png.data[i + 2] = Math.round(b);
      png.data[i + 3] = Math.round(a);
    }
  }
  return png;
}

function roundedRect(x: number, y: number, cx: number, cy: number, w: number, h: number, r: number): boolean {
  const dx = Math.max(Math.abs(x - cx) - (w / 2 - r), 0);
  const dy = Math.max(Math.abs(y - cy) - (h / 2 - r), 0);
  return Math.abs(x - cx) <= w / 2 && Math.abs(y - cy) <= h / 2 && dx * dx + dy * dy <= r * r;
}

function triangle(x: number, y: number, a: number[], b: number[], c: number[]): boolean {
  const side = (p: number[], q: number[]) =>
    ((q[0] ?? 0) - (p[0] ?? 0)) * (y - (p[1] ?? 0)) - ((q[1] ?? 0) - (p[1] ?? 0)) * (x - (p[0] ?? 0));
  const [s1, s2, s3] = [side(a, b), side(b, c), side(c, a)];
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
}

/** Whether the whole disc of radius r around (x, y) lies in the shape: what is left after a stroke. */
function eroded(shape: Shape, x: number, y: number, r: number): boolean {
  if (!shape(x, y)) return false;
  for (let k = 0; k < 16; k++) {
    const t = (k / 16) * 2 * Math.PI;
    if (!shape(x + r * Math.cos(t), y + r * Math.sin(t))) return false;
  }
  return true;
}

if (require.main === module) {
  const dir = join(PROJECT_ROOT, 'manifests', 'teams');
  writeFileSync(join(dir, 'color.png'), PNG.sync.write(colorIcon()));
  writeFileSync(join(dir, 'outline.png'), PNG.sync.write(outlineIcon()));
  process.stdout.write(`wrote ${dir}/color.png (192×192) and outline.png (32×32)\n`);
}
