/** Evidence images attached to checklist items: files under `<dataDir>/evidence/`, written atomically. */
import { randomUUID } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { UserFacingError } from '../../shared/result'

const EXT: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' }
const MAX_BYTES = 5 * 1024 * 1024

/** Magic numbers, so a renamed file is not stored as an image. */
function sniff(buf: Buffer): string | undefined {
  if (buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png'
  if (buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg'
  if (buf.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif'
  if (buf.subarray(0, 4).toString('latin1') === 'RIFF' && buf.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp'
  return undefined
}

export interface EvidenceStore {
  add(mime: string, dataBase64: string): { id: string; mime: string }
  read(imageId: string): { mime: string; data: Buffer }
}

export function evidenceStore(dataDir: string): EvidenceStore {
  const dir = join(dataDir, 'evidence')
  return {
    add(mime, dataBase64) {
      const data = Buffer.from(dataBase64, 'base64')
      if (data.length === 0) throw new UserFacingError('invalid-image', 'That image is empty.')
      if (data.length > MAX_BYTES) throw new UserFacingError('invalid-image', 'That image is larger than 5 MB. Attach a smaller screenshot.')
      const actual = sniff(data)
      if (!actual) throw new UserFacingError('invalid-image', 'That file is not a PNG, JPEG, GIF or WebP image.')
      mkdirSync(dir, { recursive: true })
      const id = randomUUID()
      const file = join(dir, `${id}.${EXT[actual]}`)
      writeFileSync(`${file}.tmp`, data)
      renameSync(`${file}.tmp`, file)
      return { id, mime: actual ?? mime }
    },
    read(imageId) {
      if (!/^[0-9a-f-]{36}$/.test(imageId)) throw new UserFacingError('not-found', 'That image is no longer stored.')
      for (const [mime, ext] of Object.entries(EXT)) {
        try {
          return { mime, data: readFileSync(join(dir, `${imageId}.${ext}`)) }
        } catch {
          /* try the next extension */
        }
      }
      throw new UserFacingError('not-found', 'That image is no longer stored. Attach it again.')
    },
  }
}
