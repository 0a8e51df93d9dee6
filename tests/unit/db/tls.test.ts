/** TLS as the connection URL asks, the way libpq (psql) reads sslmode — node-postgres alone would read `require` as full verification. */
import { describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connectError, tlsFor } from '../../../src/main/engine/db/client'

describe('sslmode', () => {
  it('disable: no TLS; require/prefer: encrypted, not verified; verify-full: verified; verify-ca: the chain, not the name', () => {
    expect(tlsFor('postgres://u:p@h/db?sslmode=disable')).toBe(false)
    expect(tlsFor('postgres://u:p@h/db?sslmode=require')).toEqual({ rejectUnauthorized: false })
    expect(tlsFor('postgres://u:p@h/db')).toEqual({ rejectUnauthorized: false })
    expect(tlsFor('postgres://u:p@h/db?sslmode=verify-full')).toEqual({ rejectUnauthorized: true })
    const ca = tlsFor('postgres://u:p@h/db?sslmode=verify-ca') as { rejectUnauthorized: boolean; checkServerIdentity: () => undefined }
    expect(ca.rejectUnauthorized).toBe(true)
    expect(ca.checkServerIdentity()).toBeUndefined()
  })

  it('a CA file asks for verification even with require', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lr-ca-'))
    try {
      const f = join(dir, 'ca.pem')
      writeFileSync(f, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')
      expect(tlsFor('postgres://u:p@h/db?sslmode=require', f)).toMatchObject({ rejectUnauthorized: true, ca: expect.stringContaining('BEGIN CERTIFICATE') })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('connection errors read as what to do', () => {
    expect(connectError({ code: '28P01', message: 'password authentication failed for user "x"' }, 'db:5432')).toMatch(/refused the user name or password/)
    expect(connectError({ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND db' }, 'db:5432')).toMatch(/does not resolve/)
    expect(connectError({ message: 'self-signed certificate in certificate chain' }, 'db:5432')).toMatch(/Give the provider's CA file, or use sslmode=require/)
    expect(connectError({ message: 'The server does not support SSL connections' }, 'db:5432')).toMatch(/TLS setting and the server disagree/)
  })
})
