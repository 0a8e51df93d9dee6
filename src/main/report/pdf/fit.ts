/**
 * The PDF's embedded fonts cover Latin, Greek and Cyrillic scripts and common
 * symbols. Text outside them (CJK, Arabic, Hebrew, emoji) would otherwise come
 * out as garbage through a built-in fallback font, so it is shown as □ and the
 * cover says so: the Markdown and JSON copies keep every character.
 */
const SHOWN: readonly [number, number][] = [
  [0x09, 0x0a],
  [0x20, 0x7e],
  [0xa0, 0x24f],
  [0x370, 0x3ff],
  [0x400, 0x52f],
  [0x1e00, 0x1eff],
  [0x2000, 0x206f],
  [0x20a0, 0x20cf],
  [0x2100, 0x22ff],
  [0x2500, 0x25ff],
  [0x2700, 0x27bf],
]

const shown = (cp: number) => SHOWN.some(([a, b]) => cp >= a && cp <= b)

export interface Fitted<T> {
  value: T
  /** Up to five distinct characters that were replaced. */
  missing: string[]
}

export function fitToFonts<T>(value: T): Fitted<T> {
  const missing = new Set<string>()
  const fix = (s: string) => {
    let out = ''
    for (const ch of s) {
      const cp = ch.codePointAt(0)!
      // Variation selectors and joiners belong to the character before; drop them with it.
      if (cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f)) continue
      if (shown(cp)) out += ch
      else {
        if (missing.size < 5) missing.add(ch)
        out += '□'
      }
    }
    return out
  }
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return fix(v)
    if (Array.isArray(v)) return v.map(walk)
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
    return v
  }
  return { value: walk(value) as T, missing: [...missing] }
}
