/**
 * The only forms of a found credential that leave the scan: a masked form a
 * person can recognise (`sk_live_…4f2a`) and a fingerprint that identifies the
 * value across files, commits, runs and ignore lists without revealing it.
 */
import { createHash } from 'node:crypto'

/** Known prefixes kept visible: they say what the key is, not what it unlocks. */
const PREFIX = /^(?:sk_live_|sk_test_|rk_live_|rk_test_|pk_live_|pk_test_|sk-ant-api03-|sk-proj-|sk-svcacct-|sk-admin-|sk-|ghp_|gho_|ghu_|ghs_|ghr_|github_pat_|glpat-|xox[abposr]-|npm_|SG\.|AKIA|ASIA|AIza|sb_secret_|sb_publishable_|GOCSPX-|key-|eyJ|-----BEGIN [A-Z ]*PRIVATE KEY-----|vc[pikar]_|dop_v1_|shpat_|hf_)/

export function maskSecret(secret: string): string {
  const prefix = PREFIX.exec(secret)?.[0] ?? ''
  const rest = secret.slice(prefix.length)
  // Short values show less: never more than a quarter of what is not a known prefix.
  const tail = rest.length >= 16 ? 4 : rest.length >= 8 ? 2 : 0
  return `${prefix}…${tail ? rest.slice(-tail) : ''}`
}

/** A stable identifier of the value (not reversible): 16 hex digits of SHA-256 over a fixed label and the value. */
export function fingerprintSecret(secret: string): string {
  return createHash('sha256').update('launch-ready secret fingerprint v1\0').update(secret).digest('hex').slice(0, 16)
}
