/** Tag=value lists (DKIM key records RFC 6376 §3.2, DMARC RFC 7489 §6.4, MTA-STS and TLS-RPT TXT records). */
export interface TagList {
  tags: Map<string, string>
  /** Tag names in the order written (to check that `v` comes first). */
  order: string[]
  duplicates: string[]
  /** Pieces that are not `name=value`. */
  malformed: string[]
}

export function parseTags(text: string): TagList {
  const tags = new Map<string, string>()
  const order: string[] = []
  const duplicates: string[] = []
  const malformed: string[] = []
  for (const raw of text.split(';')) {
    const part = raw.trim()
    if (!part) continue
    const eq = part.indexOf('=')
    if (eq <= 0) {
      malformed.push(part)
      continue
    }
    const name = part.slice(0, eq).trim().toLowerCase()
    const value = part.slice(eq + 1).trim()
    if (!/^[a-z][a-z0-9_]*$/.test(name)) {
      malformed.push(part)
      continue
    }
    if (tags.has(name)) duplicates.push(name)
    else {
      tags.set(name, value)
      order.push(name)
    }
  }
  return { tags, order, duplicates, malformed }
}

/** Non-ASCII text pasted from a document (curly quotes, non-breaking spaces) breaks these records. */
export const hasNonAscii = (s: string): boolean => /[^\x20-\x7e]/.test(s)
