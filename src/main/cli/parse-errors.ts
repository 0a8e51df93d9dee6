/**
 * Where a config file fails to parse, in words — never its content: a
 * mistyped `--config .env` must not print the start of a secret into a CI
 * log. JSON positions come from jsonc-parser (Microsoft's JSON scanner, which
 * reports an error code and an offset rather than a snippet); YAML's from the
 * yaml library's error position, without the code excerpt it prints.
 */
import { parse as parseJsonc, type ParseError } from 'jsonc-parser'

const JSON_WORDS: Record<number, string> = {
  1: 'an unexpected character',
  2: 'a character that is not allowed in JSON',
  3: 'a property name was expected',
  4: 'a value was expected',
  5: 'a colon was expected',
  6: 'a comma was expected',
  7: 'a closing brace } was expected',
  8: 'a closing bracket ] was expected',
  9: 'the file should end here',
  10: 'comments are not allowed in JSON',
  11: 'a comment is not closed',
  12: 'a string is not closed',
  13: 'a number is not finished',
  14: 'an invalid \\u escape',
  15: 'an invalid escape character',
  16: 'an invalid character in a string',
}

export function lineCol(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset))
  const line = (before.match(/\n/g)?.length ?? 0) + 1
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 }
}

/** Why `text` is not valid JSON, with the line and column; undefined when it is valid. */
export function jsonProblem(text: string): string | undefined {
  const errors: ParseError[] = []
  parseJsonc(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false })
  const e = errors[0]
  if (!e) return undefined
  const { line, column } = lineCol(text, e.offset)
  return `${JSON_WORDS[e.error] ?? 'it does not parse'} at line ${line}, column ${column}`
}

/** The yaml library's error without its excerpt of the file. */
export function yamlProblem(e: unknown): string {
  const err = e as { code?: string; linePos?: { line: number; col: number }[] }
  const pos = err.linePos?.[0]
  const what = err.code ? err.code.toLowerCase().replace(/_/g, ' ') : 'it does not parse'
  return pos ? `${what} at line ${pos.line}, column ${pos.col}` : what
}
