/* Types for mailauth's SPF syntax module (plain CommonJS without declarations). */
declare module 'mailauth/lib/spf/syntax.js' {
  /** The first syntax error of the terms (the record without `v=spf1`), or false when valid. */
  export function validateTerms(terms: string[]): string | false
}
