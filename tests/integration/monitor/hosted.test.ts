/** Hosted monitors read from a loopback fake that follows UptimeRobot's and Better Stack's documented responses: pagination, a 429, a wrong token; then coverage. */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDnsServer, type DnsServer } from '../../../src/main/demo/dns-server'
import { webZone } from '../../../src/main/demo/site'
import { createResolver } from '../../../src/main/engine/dns/client'
import { createHttpClient, type AuditHttpClient } from '../../../src/main/engine/web/http-client'
import { covers, listHostedMonitors } from '../../../src/main/engine/monitor/hosted'
import { coverageFindings } from '../../../src/main/services/monitor'
import { Project } from '../../../src/shared/model'

let fake: http.Server
let dns: DnsServer
let client: AuditHttpClient
let limited = 0
const seen: string[] = []

beforeAll(async () => {
  fake = http.createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      seen.push(`${req.method} ${req.url}`)
      const json = (status: number, o: unknown, h: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...h })
        res.end(JSON.stringify(o))
      }
      if (req.url === '/v2/getMonitors') {
        const p = new URLSearchParams(body)
        if (p.get('api_key') !== 'u123-good') return json(200, { stat: 'fail', error: { type: 'invalid_parameter', parameter_name: 'api_key', passed_value: p.get('api_key'), message: 'api_key is invalid.' } })
        if (limited++ === 0) return json(429, { stat: 'fail' }, { 'retry-after': '0', 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0' })
        const offset = Number(p.get('offset'))
        const all = Array.from({ length: 60 }, (_, i) => ({ id: i, friendly_name: `m${i}`, url: i === 59 ? 'https://www.acme.test/health' : `https://other${i}.test/`, type: 1, interval: 300, status: 2 }))
        return json(200, { stat: 'ok', pagination: { offset, limit: 50, total: all.length }, monitors: all.slice(offset, offset + 50) })
      }
      if (req.url?.startsWith('/api/v2/monitors')) {
        if (req.headers.authorization !== 'Bearer bs-good') return json(401, { errors: 'Invalid Team API token' })
        const page = Number(new URL(req.url, 'http://x').searchParams.get('page'))
        const next = page === 1 ? 'http://betterstack.test/api/v2/monitors?per_page=250&page=2' : null
        return json(200, { data: [{ id: String(page), type: 'monitor', attributes: { url: page === 1 ? 'https://www.acme.test/' : 'https://www.acme.test/login', pronounceable_name: `bs${page}`, check_frequency: 30 } }], pagination: { first: '', last: '', prev: null, next } })
      }
      json(404, {})
    })
  })
  await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r))
  dns = await startDnsServer(webZone(['uptimerobot.test', 'betterstack.test']))
  client = createHttpClient({ resolver: createResolver({ servers: [dns.server], timeoutMs: 1000, retries: 0 }), portMap: { 80: (fake.address() as AddressInfo).port }, timeoutMs: 3000 })
})
afterAll(async () => {
  client?.close()
  await Promise.all([dns?.close(), new Promise((r) => fake?.close(r))])
})

describe('hosted monitors', () => {
  it('reads every UptimeRobot page, waiting out a short 429 once', async () => {
    const ms = await listHostedMonitors('uptimerobot', 'u123-good', client, { baseUrl: 'http://uptimerobot.test', wait: async () => undefined })
    expect(ms).toHaveLength(60)
    expect(ms[59]).toEqual({ provider: 'uptimerobot', name: 'm59', url: 'https://www.acme.test/health', intervalS: 300 })
    expect(seen.filter((s) => s === 'POST /v2/getMonitors').length).toBe(3) // the 429, then two pages
  })

  it('follows Better Stack’s next links with the bearer token', async () => {
    const ms = await listHostedMonitors('betterstack', 'bs-good', client, { baseUrl: 'http://betterstack.test' })
    expect(ms.map((m) => m.url)).toEqual(['https://www.acme.test/', 'https://www.acme.test/login'])
  })

  it('a wrong token is said plainly', async () => {
    await expect(listHostedMonitors('uptimerobot', 'nope', client, { baseUrl: 'http://uptimerobot.test' })).rejects.toThrow(/UptimeRobot refused the API key \(api_key is invalid\.\)/)
    await expect(listHostedMonitors('betterstack', 'nope', client, { baseUrl: 'http://betterstack.test' })).rejects.toThrow(/Better Stack refused the token \(401\)/)
  })

  it('a critical URL covered by a hosted monitor counts for monitor.uptime', async () => {
    expect(covers('https://www.acme.test', 'https://www.acme.test/')).toBe(true)
    expect(covers('https://www.acme.test/health/', 'https://www.acme.test/health')).toBe(true)
    expect(covers('https://acme.test/', 'https://www.acme.test/')).toBe(false)
    const t = new Date().toISOString()
    const p = Project.parse({ id: 'p', name: 'Acme', vertical: 'b2b', domain: 'acme.test', canonicalHost: 'www', createdAt: t, updatedAt: t })
    const hosted = [...(await listHostedMonitors('betterstack', 'bs-good', client, { baseUrl: 'http://betterstack.test' })), { provider: 'uptimerobot' as const, name: 'h', url: 'https://www.acme.test/health', intervalS: 60 }]
    const [uptime] = coverageFindings(p, false, hosted)
    expect(uptime).toMatchObject({ checkId: 'monitor.uptime', status: 'pass' })
    const [partial] = coverageFindings(p, false, hosted.slice(0, 1))
    expect(partial).toMatchObject({ status: 'fail', evidence: { uncovered: ['https://www.acme.test/health'] } })
  })
})
