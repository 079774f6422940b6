/**
 * Draws Commonplace's two Teams icons (an open notebook) and encodes them as PNG
 * with nothing but Node's zlib, so the icons are reproducible from source and the
 * repo needs no image tooling.
 *
 * Regenerate with `npx tsx scripts/package/icons.ts`; it rewrites
 * appPackage/color.png (192x192) and appPackage/outline.png (32x32).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

/** Straight (non-premultiplied) RGBA, each channel 0..255. */
export type Rgba = readonly [number, number, number, number];

/** An RGBA raster: `data` holds width*height*4 bytes, row by row. */
export interface Raster {
  width: number;
  height: number;
  data: Uint8Array;
}

/** The app's accent colour; manifest.json's accentColor must stay equal to it. */
export const ACCENT_HEX = '#245B73';

const ACCENT: Rgba = hexToRgba(ACCENT_HEX);
const WHITE: Rgba = [255, 255, 255, 255];
const PAGE_LINE: Rgba = [156, 184, 196, 255];
const RIBBON: Rgba = [242, 177, 52, 255];
const TRANSPARENT: Rgba = [0, 0, 0, 0];

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Parses `#RRGGBB` into an opaque colour. */
export function hexToRgba(hex: string): Rgba {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #RRGGBB colour: ${hex}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16), 255];
}

/**
 * Encodes an RGBA raster as a PNG (8-bit, colour type 6, no interlace).
 * Every row uses filter 0: the icons are tiny, so smarter filtering buys nothing.
 */
export function encodePng(raster: Raster): Buffer {
  const { width, height, data } = raster;
  if (data.length !== width * height * 4) throw new Error('raster data does not match its size');
  const stride = width * 4;
  const filtered = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    filtered[y * (stride + 1)] = 0;
    filtered.set(data.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method: adaptive
  ihdr[12] = 0; // interlace: none
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(filtered, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])) >>> 0, 0);
  return Buffer.concat([head, body, crc]);
}

/**
 * Rasterises `paint` (which answers the colour at a point in pixel coordinates)
 * with `samples`x`samples` supersampling, so edges are anti-aliased.
 */
export function rasterise(width: number, height: number, paint: (x: number, y: number) => Rgba, samples = 4): Raster {
  const data = new Uint8Array(width * height * 4);
  const n = samples * samples;
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      // Average in premultiplied space so transparent samples do not darken edges.
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = paint(px + (sx + 0.5) / samples, py + (sy + 0.5) / samples);
          const alpha = c[3] / 255;
          r += c[0] * alpha;
          g += c[1] * alpha;
          b += c[2] * alpha;
          a += alpha;
        }
      }
      const i = (py * width + px) * 4;
      if (a > 0) {
        data[i] = Math.round(r / a);
        data[i + 1] = Math.round(g / a);
        data[i + 2] = Math.round(b / a);
      }
      data[i + 3] = Math.round((a / n) * 255);
    }
  }
  return { width, height, data };
}

/** How the notebook glyph is drawn; the small icon needs bolder gaps and fewer details. */
interface GlyphStyle {
  /** Half the gap between the pages at the spine, in glyph units (the glyph is 100 units wide). */
  spineGap: number;
  /** Thickness of the ruled lines, in glyph units. */
  lineThickness: number;
  /** Vertical offsets of the ruled lines below each page's top edge. */
  lineOffsets: number[];
  /** Whether to draw the bookmark ribbon on the right page. */
  ribbon: boolean;
}

type Region = 'page' | 'line' | 'ribbon' | 'none';

/**
 * The open-notebook glyph in a 100x100 unit box: two pages whose top and bottom
 * edges dip towards the spine, ruled lines, and a bookmark ribbon.
 */
function glyphRegion(u: number, v: number, style: GlyphStyle): Region {
  const outer = 2;
  const spine = 50;
  const distance = Math.abs(u - spine); // 0 at the spine
  if (distance < style.spineGap || u < outer || u > 100 - outer) return 'none';
  const t = 1 - (distance - style.spineGap) / (spine - outer - style.spineGap); // 1 at the spine, 0 outside
  const top = 22 + 8 * t * t;
  const bottom = 78 + 6 * t * t;
  if (v < top || v > bottom) return 'none';

  const right = u > spine;
  if (style.ribbon && right && u >= 70 && u <= 79) {
    // The ribbon hangs from the page's top edge and ends in a notch.
    const ribbonEnd = top + 40;
    const notch = 5 - Math.abs(u - 74.5);
    if (v <= ribbonEnd - Math.max(0, notch)) return 'ribbon';
  }
  const innerMargin = 6;
  const outerMargin = 8;
  const inLineSpan = distance >= style.spineGap + innerMargin && distance <= spine - outer - outerMargin;
  if (inLineSpan) {
    for (const offset of style.lineOffsets) {
      const y = top + offset;
      if (v >= y && v < y + style.lineThickness) return 'line';
    }
  }
  return 'page';
}

/** The 192x192 full-colour icon: white notebook on the accent colour. */
export function drawColorIcon(): Raster {
  const size = 192;
  const glyphSize = 112; // a little over Teams' 96px "safe" symbol area, since the glyph is wide and short
  const origin = (size - glyphSize) / 2;
  const style: GlyphStyle = { spineGap: 1.6, lineThickness: 3, lineOffsets: [12, 22, 32, 42], ribbon: true };
  return rasterise(size, size, (x, y) => {
    const region = glyphRegion(((x - origin) / glyphSize) * 100, ((y - origin) / glyphSize) * 100, style);
    switch (region) {
      case 'page':
        return WHITE;
      case 'line':
        return PAGE_LINE;
      case 'ribbon':
        return RIBBON;
      default:
        return ACCENT;
    }
  });
}

/** The 32x32 outline icon: the same notebook in white on transparent, as Teams requires. */
export function drawOutlineIcon(): Raster {
  const size = 32;
  const glyphSize = 30;
  const origin = (size - glyphSize) / 2;
  const style: GlyphStyle = { spineGap: 3.2, lineThickness: 5, lineOffsets: [14, 30], ribbon: false };
  return rasterise(size, size, (x, y) => {
    const region = glyphRegion(((x - origin) / glyphSize) * 100, ((y - origin) / glyphSize) * 100, style);
    return region === 'page' ? WHITE : TRANSPARENT;
  });
}

/** Writes both icons into `appPackageDir`. */
export function writeIcons(appPackageDir: string): void {
  writeFileSync(path.join(appPackageDir, 'color.png'), encodePng(drawColorIcon()));
  writeFileSync(path.join(appPackageDir, 'outline.png'), encodePng(drawOutlineIcon()));
}

if (require.main === module) {
  const dir = path.resolve(__dirname, '..', '..', 'appPackage');
  writeIcons(dir);
  console.log(`Wrote color.png and outline.png to ${path.relative(process.cwd(), dir) || '.'}`);
}
