/** Reads the SNI host name from a TLS ClientHello (first record), for the fixture's front router. */

export type SniResult = { done: false } | { done: true; name: string | null }

/** `done: false` while more bytes are needed; `name: null` when it is not a TLS ClientHello or has no SNI. */
export function parseSni(buf: Buffer): SniResult {
  if (buf.length < 5) return { done: false }
  if (buf[0] !== 0x16) return { done: true, name: null }
  const recLen = buf.readUInt16BE(3)
  if (buf.length < 5 + recLen) return recLen > 16384 ? { done: true, name: null } : { done: false }
  const b = buf.subarray(5, 5 + recLen)
  try {
    if (b[0] !== 0x01) return { done: true, name: null }
    let p = 4 + 2 + 32
    p += 1 + b[p]!
    p += 2 + b.readUInt16BE(p)
    p += 1 + b[p]!
    if (p + 2 > b.length) return { done: true, name: null }
    const extEnd = p + 2 + b.readUInt16BE(p)
    p += 2
    while (p + 4 <= extEnd) {
      const type = b.readUInt16BE(p)
      const len = b.readUInt16BE(p + 2)
      p += 4
      if (type === 0) {
        // server_name_list: length(2), then entries of type(1) length(2) name
        let q = p + 2
        while (q + 3 <= p + len) {
          const nameType = b[q]!
          const nameLen = b.readUInt16BE(q + 1)
          if (nameType === 0) return { done: true, name: b.toString('ascii', q + 3, q + 3 + nameLen).toLowerCase() }
          q += 3 + nameLen
        }
      }
      p += len
    }
  } catch {
    /* a truncated or odd hello */
  }
  return { done: true, name: null }
}
