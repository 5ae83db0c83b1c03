import { createServer, type Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';

/**
 * The baseline: a bare socket.io server that relays each customer message to its paired agent
 * socket and acknowledges it. Same namespaces, event names and server options as WebIM
 * (server/realtime/gateway.ts), nothing else.
 */
export async function startRelay(): Promise<{ port: number; close(): Promise<void> }> {
  const http: HttpServer = createServer();
  const io = new Server(http, { serveClient: false, maxHttpBufferSize: 1e6 });
  const agents = new Map<number, Socket>();
  io.of('/chat').on('connection', (socket) => {
    const id = Number((socket.handshake.auth as { agent?: number }).agent);
    agents.set(id, socket);
    socket.on('disconnect', () => agents.delete(id));
  });
  io.of('/widget').on('connection', (socket) => {
    const pair = Number((socket.handshake.auth as { pair?: number }).pair);
    socket.emit('session', { visitorToken: 'bare', conversation: null });
    socket.on('message:send', (p: { clientId: string; text: string }, ack?: (r: unknown) => void) => {
      agents.get(pair)?.emit('chat:message', { conversationId: String(pair), clientId: p.clientId, body: p.text, senderType: 'customer' });
      ack?.({ ok: true, data: { clientId: p.clientId } });
    });
  });
  await new Promise<void>((ok) => http.listen(0, '127.0.0.1', () => ok()));
  const addr = http.address();
  return {
    port: typeof addr === 'object' && addr ? addr.port : 0,
    close: async () => {
      await io.close();
    },
  };
}

// Run as its own process (`node --import tsx bench/_webim-relay.ts`): prints the port, stops on stdin close.
if (process.argv[1]?.endsWith('_webim-relay.ts')) {
  void startRelay().then((relay) => {
    process.stdout.write(`${relay.port}\n`);
    process.stdin.resume();
    process.stdin.on('end', () => void relay.close().then(() => process.exit(0)));
  });
}
