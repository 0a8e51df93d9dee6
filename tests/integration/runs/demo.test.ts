/** npm run demo: starts the offline broken launch and prints a command that really audits it. */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const root = join(__dirname, '../../..')
let demo: ChildProcess | undefined

afterAll(() => {
  demo?.kill('SIGTERM')
})

/** Resolves with everything printed once the "Press Ctrl+C" line (the readiness marker) appears. */
function startDemo(): Promise<string> {
  return new Promise((resolve, reject) => {
    demo = spawn('node', [join(root, 'scripts/run-ts.mjs'), 'scripts/demo.ts'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    demo.stdout!.on('data', (c: Buffer) => {
      out += c.toString()
      if (out.includes('Press Ctrl+C to stop the demo.')) resolve(out)
    })
    demo.stderr!.on('data', (c: Buffer) => (out += c.toString()))
    demo.on('exit', (code) => reject(new Error(`demo exited (${code}): ${out}`)))
  })
}

const run = (args: string[]) =>
  new Promise<{ code: number; out: string }>((resolve) =>
    execFile('node', [join(root, 'bin/launch-ready.mjs'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 20 * 1024 * 1024 }, (e, out) => resolve({ code: e ? Number((e as { code?: number }).code) : 0, out })),
  )

describe('npm run demo', () => {
  it('prints the exact audit commands; the broken site fails with exit 1 and the healthy twin passes', async () => {
    await new Promise<void>((resolve, reject) => execFile('node', [join(root, 'scripts/build-cli.mjs')], { cwd: root }, (e) => (e ? reject(e) : resolve())))
    const printed = await startDemo()
    const commands = [...printed.matchAll(/^ {2}npx launch-ready (audit .+)$/gm)].map((m) => m[1]!.split(' '))
    expect(commands).toHaveLength(2)
    expect(printed).toMatch(/an empty project list offers “Try it on the offline demo”/)
    const broken = await run([...commands[0]!, '--json'])
    expect(broken.code).toBe(1)
    const j = JSON.parse(broken.out) as { verdict: { kind: string }; findings: { checkId: string; status: string }[] }
    expect(j.verdict.kind).toBe('no-go')
    expect(j.findings.find((f) => f.checkId === 'http.https-redirect' && f.status === 'fail')).toBeDefined()
    const good = await run(commands[1]!)
    expect(good.code).toBe(0)
    expect(good.out).toMatch(/GO: Ready to launch/)
  }, 120_000)
})
