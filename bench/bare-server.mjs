// The baseline server for bench/search.ts: one Fastify route, nothing else. Prints its port.
import Fastify from 'fastify';

const app = Fastify();
app.get('/baseline', async () => ({ items: [], total: 0 }));
await app.listen({ host: '127.0.0.1', port: 0 });
console.log(app.server.address().port);
process.once('SIGTERM', () => app.close().then(() => process.exit(0)));
