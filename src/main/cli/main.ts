/**
 * `launch-ready <command> …`: the same engine as the app, headless.
 * Exit codes (SPEC.md): 0 nothing at severity high or above fails, 1 something does, 2 bad usage.
 */
import type { CliCommand } from './types'

const commands: Record<string, CliCommand> = {}

export function registerCommand(c: CliCommand): void {
  commands[c.name] = c
}

function usage(): string {
  const lines = Object.values(commands).map((c) => `  ${c.usage}\n      ${c.summary}`)
  return `Usage: launch-ready <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun launch-ready <command> --help for its options.\n`
}

export async function main(argv: string[]): Promise<number> {
  const { COMMANDS } = await import('./commands/index')
  const [name, ...rest] = argv
  // Load only the command asked for; every command for help and unknown names.
  const load = name ? COMMANDS[name] : undefined
  if (load) await load()
  else for (const l of Object.values(COMMANDS)) await l()
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage())
    return name ? 0 : 2
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${process.env.npm_package_version ?? '0.1.0'}\n`)
    return 0
  }
  const cmd = commands[name]
  if (!cmd) {
    process.stderr.write(`launch-ready: unknown command “${name}”.\n\n${usage()}`)
    return 2
  }
  return cmd.run(rest)
}
