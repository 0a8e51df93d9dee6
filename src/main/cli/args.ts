/** The flag handling every command shares: parse, `-h/--help`, and a bad flag explained with exit code 2. */
import { parseArgs, type ParseArgsConfig } from 'node:util'

type Options = NonNullable<ParseArgsConfig['options']>
type WithHelp<O extends Options> = O & { help: { type: 'boolean'; short: 'h' } }
export type ParsedCommand<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: WithHelp<O>; allowPositionals: true }>>

/**
 * Parses `argv` for `launch-ready <command>`. Returns the flags, or the exit
 * code when there is nothing left to do: 0 after printing the help, 2 after
 * saying which flag is wrong (followed by `usage`, the help by default).
 */
export function parseCommand<O extends Options>(
  command: string,
  argv: string[],
  options: O,
  text: { help: string; usage?: string },
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): ParsedCommand<O> | number {
  let parsed: ParsedCommand<O>
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { ...options, help: { type: 'boolean', short: 'h' } } as WithHelp<O> })
  } catch (e) {
    err.write(`launch-ready ${command}: ${(e as Error).message}\n\n${text.usage ?? text.help}`)
    return 2
  }
  if ((parsed.values as { help?: boolean }).help) {
    out.write(text.help)
    return 0
  }
  return parsed
}
