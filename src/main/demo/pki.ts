/**
 * A throwaway PKI for the audit fixtures: a root, an intermediate, and leaf
 * certificates per host (good, expired, near expiry, wrong name, self-signed,
 * garbage). Keys come from node:crypto (native, fast); node-forge builds the
 * certificates because it can set any validity dates (openssl x509 on
 * Debian's OpenSSL 3.0 cannot back-date).
 */
import { generateKeyPairSync } from 'node:crypto'
import forge from 'node-forge'

export interface Issued {
  key: string
  cert: string
  /** What the server sends: the leaf, plus the intermediate unless it is left out on purpose. */
  chain: string
}

export interface Pki {
  rootPem: string
  intermediatePem: string
  /** A leaf signed by the intermediate. `daysLeft` may be negative (expired). */
  leaf(names: string[], opts?: { daysLeft?: number; withIntermediate?: boolean }): Issued
  selfSigned(names: string[]): Issued
}

const DAY = 86_400_000
let serial = 1

function rsaKey(): { pub: forge.pki.rsa.PublicKey; priv: forge.pki.rsa.PrivateKey; pem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  })
  return { pub: forge.pki.publicKeyFromPem(publicKey), priv: forge.pki.privateKeyFromPem(privateKey), pem: privateKey }
}

function build(opts: {
  subjectCn: string
  issuer: forge.pki.Certificate | null
  issuerKey: forge.pki.rsa.PrivateKey
  pub: forge.pki.rsa.PublicKey
  notBefore: Date
  notAfter: Date
  ca: boolean
  names?: string[]
  org?: string
}): forge.pki.Certificate {
  const c = forge.pki.createCertificate()
  c.publicKey = opts.pub
  c.serialNumber = (serial++).toString(16).padStart(4, '0')
  c.validity.notBefore = opts.notBefore
  c.validity.notAfter = opts.notAfter
  // The intermediate claims to be Let's Encrypt's so the CAA check can map the live issuer to a CAA domain.
  const subject = [{ name: 'commonName', value: opts.subjectCn }, { name: 'organizationName', value: opts.org ?? 'Launch Ready fixtures' }]
  c.setSubject(subject)
  c.setIssuer(opts.issuer ? opts.issuer.subject.attributes : subject)
  const ext: object[] = [{ name: 'basicConstraints', cA: opts.ca, critical: true }]
  if (opts.ca) ext.push({ name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true })
  else {
    ext.push({ name: 'keyUsage', digitalSignature: true, keyEncipherment: true })
    ext.push({ name: 'extKeyUsage', serverAuth: true })
  }
  if (opts.names) ext.push({ name: 'subjectAltName', altNames: opts.names.map((value) => ({ type: 2, value })) })
  ext.push({ name: 'subjectKeyIdentifier' })
  c.setExtensions(ext)
  c.sign(opts.issuerKey, forge.md.sha256.create())
  return c
}

export function createPki(now = Date.now()): Pki {
  const rootKey = rsaKey()
  const root = build({ subjectCn: 'Launch Ready Fixture Root', issuer: null, issuerKey: rootKey.priv, pub: rootKey.pub, notBefore: new Date(now - 30 * DAY), notAfter: new Date(now + 3650 * DAY), ca: true })
  const interKey = rsaKey()
  const inter = build({ subjectCn: 'Launch Ready Fixture Intermediate', org: "Let's Encrypt", issuer: root, issuerKey: rootKey.priv, pub: interKey.pub, notBefore: new Date(now - 30 * DAY), notAfter: new Date(now + 1825 * DAY), ca: true })
  const interPem = forge.pki.certificateToPem(inter)
  const leafKey = rsaKey()
  return {
    rootPem: forge.pki.certificateToPem(root),
    intermediatePem: interPem,
    leaf(names, o = {}) {
      const daysLeft = o.daysLeft ?? 90
      const notAfter = new Date(now + daysLeft * DAY + 3_600_000)
      const notBefore = new Date(Math.min(now - DAY, notAfter.getTime() - 90 * DAY))
      const cert = forge.pki.certificateToPem(build({ subjectCn: names[0]!, issuer: inter, issuerKey: interKey.priv, pub: leafKey.pub, notBefore, notAfter, ca: false, names }))
      return { key: leafKey.pem, cert, chain: o.withIntermediate === false ? cert : cert + interPem }
    },
    selfSigned(names) {
      const cert = forge.pki.certificateToPem(build({ subjectCn: names[0]!, issuer: null, issuerKey: leafKey.priv, pub: leafKey.pub, notBefore: new Date(now - DAY), notAfter: new Date(now + 90 * DAY), ca: false, names }))
      return { key: leafKey.pem, cert, chain: cert }
    },
  }
}
