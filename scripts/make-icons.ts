/**
 * Draws the app icon (a rounded square, indigo to teal, with a white check
 * mark: "ready") as PNGs in resources/: icon.png (1024 px, from which
 * electron-builder makes the macOS .icns and the Windows .ico) and the Linux
 * set resources/icons/NxN.png. Pure Node, so it runs anywhere:
 * `npm run icons`.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { rgbaPng } from '../tests/fixtures/report/png'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

const clamp = (v: number) => Math.max(0, Math.min(1, v))
/** Distance from p to the segment a-b. */
function segDist(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax
  const dy = by - ay
  const t = clamp(((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy))
  return Math.hypot(px - ax - t * dx, py - ay - t * dy)
}

function draw(size: number): Buffer {
  const out = Buffer.alloc(size * size * 4)
  const s = size
  const r = 0.22 * s // corner radius
  const m = 0.06 * s // margin
  const half = (s - 2 * m) / 2
  const px = 1 / 1 // one pixel of anti-aliasing
  for (let y = 0; y < s; y++) {
    for (let x = 0; x < s; x++) {
      const cx = x + 0.5 - s / 2
      const cy = y + 0.5 - s / 2
      // Rounded square, signed distance.
      const qx = Math.abs(cx) - (half - r)
      const qy = Math.abs(cy) - (half - r)
      const d = Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r
      const inSquare = clamp(0.5 - d / px)
      if (inSquare <= 0) continue
      // Indigo (#3b3fd8) to teal (#12a59a), top left to bottom right.
      const t = clamp((x + y) / (2 * s))
      let R = 0x3b + (0x12 - 0x3b) * t
      let G = 0x3f + (0xa5 - 0x3f) * t
      let B = 0xd8 + (0x9a - 0xd8) * t
      // The check mark: two strokes, round caps.
      const w = 0.085 * s
      const dc = Math.min(segDist(x + 0.5, y + 0.5, 0.28 * s, 0.52 * s, 0.44 * s, 0.68 * s), segDist(x + 0.5, y + 0.5, 0.44 * s, 0.68 * s, 0.74 * s, 0.34 * s))
      const inCheck = clamp(0.5 - (dc - w / 2) / px)
      R = R + (255 - R) * inCheck
      G = G + (255 - G) * inCheck
      B = B + (255 - B) * inCheck
      const i = (y * s + x) * 4
      out[i] = Math.round(R)
      out[i + 1] = Math.round(G)
      out[i + 2] = Math.round(B)
      out[i + 3] = Math.round(255 * inSquare)
    }
  }
  return rgbaPng(size, size, out)
}

mkdirSync(join(root, 'resources', 'icons'), { recursive: true })
writeFileSync(join(root, 'resources', 'icon.png'), draw(1024))
for (const n of [16, 32, 48, 64, 128, 256, 512]) writeFileSync(join(root, 'resources', 'icons', `${n}x${n}.png`), draw(n))
console.log('resources/icon.png and resources/icons/*.png written')
