// Baseline for bench 5: the smallest thing that answers /healthz, started the same way.
import { createServer } from 'node:http';

createServer((req, res) => {
  res.writeHead(req.url === '/healthz' ? 200 : 404, { 'content-type': 'application/json' });
  res.end('{"ok":true}');
}).listen(Number(process.env.PORT ?? 0), '127.0.0.1');
