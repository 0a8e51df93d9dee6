/** Results crossing a process boundary: never thrown, always one of these. */
export type AppError = {
  /** Stable machine-readable code, e.g. `invalid-input`, `keychain-unavailable`. */
  code: string
  /** One plain-language sentence for the user. */
  message: string
  /** Optional details: which field, what was expected. */
  issues?: { path: string; message: string }[]
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const err = (code: string, message: string, issues?: AppError['issues']): Result<never> => ({
  ok: false,
  error: issues ? { code, message, issues } : { code, message },
})

/** Error type main-process services throw; handlers turn it into `{ ok: false }`. */
export class UserFacingError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly issues?: AppError['issues'],
  ) {
    super(message)
    this.name = 'UserFacingError'
  }
}
