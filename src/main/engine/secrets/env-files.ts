/**
 * Files that should never be in a repository: `.env` files with real values
 * and their equivalents in other stacks, and the credential files of the
 * tools a developer uses (SSH and PuTTY keys, Docker logins, FTP clients,
 * database GUIs, .htpasswd, shell profiles exporting tokens, SQL dumps with
 * password hashes). Each is recognised by its name and confirmed by its
 * content, so an `.env.example` of placeholders or an empty `.npmrc` passes.
 */
import { notASecret } from './detect'

export interface EnvFileHit {
  path: string
  /** What the file is, in plain words. */
  what: string
  /** How many values in it look real (for key=value files). */
  values?: number
  /** The names of those values (never the values). */
  names?: string[]
}

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1)
const PLACEHOLDER_ENV = /^\.env\.(?:example|sample|template|dist|defaults?|schema)$|\.example$|\.sample$|\.template$/i

/** KEY=value lines whose value is not empty, a placeholder or a reference. */
function realAssignments(text: string, exportOnly = false): string[] {
  const names: string[] = []
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (!line || line.startsWith('#')) continue
    const m = (exportOnly ? /^export\s+([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/ : /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*[=:]\s*(.*)$/).exec(line)
    if (!m) continue
    const value = m[2]!.replace(/\s+#.*$/, '').replace(/^(['"])(.*)\1$/, '$2').trim()
    if (!value || value.length < 4 || notASecret('generic-api-key', value)) continue
    if (/^(?:true|false|yes|no|on|off|null|none|\d+|development|production|staging|test|local|debug|info|warn|error)$/i.test(value)) continue
    if (/^https?:\/\/(?:localhost|127\.0\.0\.1)[:/]?/i.test(value) && !/:[^/@]+@/.test(value)) continue
    names.push(m[1]!)
  }
  return names
}

const SECRET_NAME = /(?:TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?|AUTH)/i

/** Whether a tracked file is one of these, given its text (undefined: binary or unread). */
export function classifyEnvFile(path: string, text: string | undefined): EnvFileHit | undefined {
  const name = base(path)
  const lower = name.toLowerCase()
  const t = text ?? ''
  if (/^\.env(?:\..+)?$/i.test(name) || /\.env$/i.test(name)) {
    if (PLACEHOLDER_ENV.test(name)) return undefined
    const names = realAssignments(t)
    return names.length ? { path, what: 'an environment file with real values', values: names.length, names: names.slice(0, 20) } : undefined
  }
  if (/(?:^|\/)config\/(?:secrets\.ya?ml|master\.key|credentials\/[^/]+\.key)$/.test(path)) return { path, what: 'a Rails secrets or master key file' }
  if (lower === 'wp-config.php') {
    const m = /define\(\s*['"](DB_PASSWORD|AUTH_KEY|SECURE_AUTH_KEY|LOGGED_IN_KEY|NONCE_KEY)['"]\s*,\s*['"]([^'"]{4,})['"]/g
    const names = [...t.matchAll(m)].filter((x) => !notASecret('generic-api-key', x[2]!) && !/put your unique phrase here/i.test(x[2]!)).map((x) => x[1]!)
    return names.length ? { path, what: 'a WordPress config with its database password and keys', values: names.length, names } : undefined
  }
  if (lower === '.npmrc' || lower === '.yarnrc.yml' || lower === '.yarnrc') {
    return /(?:_authToken|_auth|_password|npmAuthToken)\s*[=:]\s*["']?(?!\$\{)[^\s"'$]{8,}/.test(t) ? { path, what: 'a package-manager config with a registry token' } : undefined
  }
  if (lower === '.pgpass') return /^[^#\s][^:]*:[^:]*:[^:]*:[^:]*:.+$/m.test(t) ? { path, what: 'a PostgreSQL password file' } : undefined
  if (lower === '.netrc' || lower === '_netrc') return /\bpassword\s+\S+/.test(t) ? { path, what: 'a .netrc file with login passwords' } : undefined
  if (lower === '.git-credentials') return /:\/\/[^:\s]+:[^@\s]+@/.test(t) ? { path, what: 'a git credential store (passwords or tokens for git hosts)' } : undefined
  if (/^id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?$/.test(lower) || /-----BEGIN (?:RSA |DSA |EC |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/.test(t.slice(0, 4096))) return { path, what: 'an SSH or TLS private key' }
  if (lower.endsWith('.ppk') && /PuTTY-User-Key-File/.test(t)) return { path, what: 'a PuTTY private key' }
  if (/(?:^|\/)\.docker\/config\.json$|(?:^|\/)docker\/config\.json$/.test(path) || (lower === 'config.json' && /"auths"\s*:/.test(t))) {
    return /"auth"\s*:\s*"[A-Za-z0-9+/=]{8,}"/.test(t) ? { path, what: 'a Docker login file (registry credentials)' } : undefined
  }
  if (/^(?:sftp-config\.json|\.ftpconfig|sftp\.json|\.remote-sync\.json|ftp-sync\.json)$/.test(lower) || /^(?:sitemanager|recentservers|filezilla)\.xml$/.test(lower)) {
    return /"password"\s*:\s*"[^"]{3,}"|<Pass(?: encoding="base64")?>[^<]{3,}<\/Pass>/i.test(t) ? { path, what: 'an FTP/SFTP client config with a saved password' } : undefined
  }
  if (/^(?:credentials-config\.json|robo3t\.json|robomongo\.json|connections\.xml|\.dbshell)$/.test(lower) || lower.endsWith('.sqlpro') || lower.endsWith('.spf')) {
    return /password/i.test(t) || lower === 'credentials-config.json' ? { path, what: 'a database client’s saved connections' } : undefined
  }
  if (lower === '.htpasswd') return /^[^:#\s]+:(?:\$apr1\$|\$2[aby]\$|\{SHA\}|\$[56]\$|[A-Za-z0-9./]{13}$)/m.test(t) ? { path, what: 'an .htpasswd file (password hashes anyone can try to crack)' } : undefined
  if (/^\.(?:bashrc|bash_profile|profile|zshrc|zprofile|zshenv|bash_aliases)$/.test(lower)) {
    const names = realAssignments(t, true).filter((n) => SECRET_NAME.test(n))
    return names.length ? { path, what: 'a shell profile that exports tokens', values: names.length, names } : undefined
  }
  if (lower.endsWith('.sql') || lower.endsWith('.sql.gz') || lower.endsWith('.dump')) {
    return /\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}|\$argon2(?:id|i|d)\$|pbkdf2_sha256\$\d+\$/.test(t) ? { path, what: 'a database dump with password hashes' } : undefined
  }
  return undefined
}

/** Whether the env-file check wants this file's text (decided by name alone, before reading). */
export function envFileCandidate(path: string): boolean {
  const lower = base(path).toLowerCase()
  return (
    /^\.env/.test(lower) ||
    /\.env$/.test(lower) ||
    /(?:^|\/)config\/(?:secrets\.ya?ml|master\.key|credentials\/)/.test(path) ||
    /^(?:wp-config\.php|\.npmrc|\.yarnrc(?:\.yml)?|\.pgpass|\.netrc|_netrc|\.git-credentials|config\.json|sftp-config\.json|\.ftpconfig|sftp\.json|\.remote-sync\.json|ftp-sync\.json|sitemanager\.xml|recentservers\.xml|filezilla\.xml|credentials-config\.json|robo3t\.json|robomongo\.json|connections\.xml|\.dbshell|\.htpasswd|\.bashrc|\.bash_profile|\.profile|\.zshrc|\.zprofile|\.zshenv|\.bash_aliases)$/.test(lower) ||
    /^id_(?:rsa|dsa|ecdsa|ed25519)/.test(lower) ||
    /\.(?:ppk|pem|key|sql|dump|sqlpro|spf)$/.test(lower)
  )
}
