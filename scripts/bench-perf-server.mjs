// Benchmark server (runs in its own process): /mixed sleeps 250 ms on every 5th
// request and 50 ms otherwise (true p50 = 50 ms, p95 = p99 = 250 ms); /trivial answers at once.
import http from 'node:http'

let n = 0
const server = http.createServer((req, res) => {
  if (req.url === '/reset') {
    n = 0
    res.writeHead(200, { 'content-length': '2' }).end('ok')
  } else if (req.url?.startsWith('/mixed')) {
    n++
    setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' }).end('ok'), n % 5 === 0 ? 250 : 50)
  } else {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' }).end('ok')
  }
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }))
process.on('disconnect', () => process.exit(0))
