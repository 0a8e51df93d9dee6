export interface CliCommand {
  name: string
  /** One line, e.g. `launch-ready audit <domain> [--json] …`. */
  usage: string
  summary: string
  /** Returns the exit code: 0 ok, 1 something at severity high or above fails, 2 bad usage. */
  run(argv: string[]): Promise<number>
}

/** Thrown for bad usage; the command prints the message and exits 2. */
export class UsageError extends Error {}
