/**
 * The git seam of the secret scan: the checks ask a GitRunner, which runs the
 * real `git` binary (read-only commands only) with the caller's signal. The
 * scan never writes to the repository and sends nothing anywhere.
 */
import { spawn } from 'node:child_process'
import { StringDecoder } from 'node:string_decoder'

export interface GitResult {
  code: number
  stdout: string
  stderr: string
}

export interface GitRunner {
  run(args: string[], opts: { cwd: string; signal?: AbortSignal }): Promise<GitResult>
  /** Streams stdout as text (UTF-8, split anywhere) to `onData`; resolves when git exits. */
  stream(args: string[], opts: { cwd: string; signal?: AbortSignal }, onData: (text: string) => void): Promise<{ code: number; stderr: string }>
}

export class GitMissingError extends Error {
  readonly code = 'git-missing'
  constructor() {
    super('git is not installed (or not on PATH), so the repository and its history cannot be read. Install git and check again.')
  }
}

/** Settings that keep every command read-only and its output stable, whatever the user's git config says. */
const BASE = ['-c', 'core.quotePath=false', '-c', 'color.ui=never', '-c', 'core.pager=cat', '-c', 'log.showSignature=false']

export function nodeGit(binary = 'git'): GitRunner {
  const start = (args: string[], cwd: string, signal?: AbortSignal) =>
    spawn(binary, [...BASE, ...args], { cwd, signal, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' } })
  const wait = (child: ReturnType<typeof start>, onData: (text: string) => void) =>
    new Promise<{ code: number; stderr: string }>((resolve, reject) => {
      const dec = new StringDecoder('utf8')
      let stderr = ''
      child.stdout!.on('data', (b: Buffer) => onData(dec.write(b)))
      child.stderr!.on('data', (b: Buffer) => {
        if (stderr.length < 8192) stderr += b.toString('utf8')
      })
      child.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? new GitMissingError() : e))
      child.on('close', (code) => {
        const tail = dec.end()
        if (tail) onData(tail)
        resolve({ code: code ?? -1, stderr })
      })
    })
  return {
    async run(args, opts) {
      let stdout = ''
      const r = await wait(start(args, opts.cwd, opts.signal), (t) => {
        stdout += t
      })
      return { ...r, stdout }
    },
    stream(args, opts, onData) {
      return wait(start(args, opts.cwd, opts.signal), onData)
    },
  }
}
