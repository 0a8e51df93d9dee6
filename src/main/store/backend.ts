/**
 * The file behind a durable document: `conf` in plain Node (tests, CLI), and
 * `electron-store` (which extends conf) in the Electron app. Both write
 * atomically (temp file + rename) and expose the same `store`/`path` API.
 */
import Conf from 'conf'

export interface DocFile {
  /** Absolute path of the JSON file. */
  readonly path: string
  /** Replaces the whole document on disk, atomically. */
  write(value: Record<string, unknown>): void
}

export type DocFileFactory = (opts: { dir: string; name: string }) => DocFile

interface ConfLike {
  path: string
  store: Record<string, unknown>
}

export function wrapConf(conf: ConfLike): DocFile {
  return {
    path: conf.path,
    write(value) {
      conf.store = value
    },
  }
}

const serialize = (value: unknown): string => JSON.stringify(value)

/** The plain-Node backend. The Electron shell passes an electron-store factory instead. */
export const confFile: DocFileFactory = ({ dir, name }) =>
  wrapConf(new Conf<Record<string, unknown>>({ cwd: dir, configName: name, serialize, watch: false, clearInvalidConfig: false }))

export const confOptions = { serialize, watch: false, clearInvalidConfig: false } as const
