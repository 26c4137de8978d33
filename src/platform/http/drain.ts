import net from 'node:net';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * Graceful shutdown of an HTTP server without cutting off a request a client has already sent.
 *
 * `server.close()` at once closes the listening socket. A connection the kernel has already
 * completed but Node has not accepted yet, because the event loop was busy rendering when the signal
 * came, sits in the listen backlog, and closing the socket resets it: on a loaded CI machine two of
 * the faults test's 24 requests sent before SIGTERM got `ECONNRESET`. And Node's `server.close()` stops
 * the check behind `headersTimeout`, so a connection that never sends a request (a browser's
 * preconnect) would hold the shutdown until the hard limit. Libraries for this (stoppable,
 * http-terminator) close the listener at once the same way.
 *
 * Here, once `drain` starts:
 * - the server goes on accepting until the backlog is empty (a few turns of the event loop), then
 *   stops accepting (`net.Server#close`, without Node's idle sweep: the sweep below does the same, and more);
 * - a connection that has already been answered and is idle is ended at once (a keep-alive client
 *   that sends on it at that moment retries, as HTTP clients do on a closed keep-alive connection);
 * - requests in progress, and requests that arrive on connections accepted earlier, are answered
 *   with `Connection: close`, and their connection ends after the answer;
 * - a connection that has sent nothing for `freshGraceMs` is ended, and whatever is left after
 *   `graceMs` is destroyed.
 * `drain` resolves when every connection has closed.
 */
export interface ConnectionDrainer {
  drain(options?: { graceMs?: number; freshGraceMs?: number; lingerMs?: number }): Promise<void>;
}

interface SocketState {
  active: number;
  served: number;
}

export function trackConnections(server: Server): ConnectionDrainer {
  const sockets = new Map<net.Socket, SocketState>();
  let draining = false;
  let acceptedTotal = 0;
  server.on('connection', (socket: net.Socket) => {
    acceptedTotal++;
    sockets.set(socket, { active: 0, served: 0 });
    socket.once('close', () => sockets.delete(socket));
  });
  // Before the app's own listener, so the header is set before anything is written.
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const state = sockets.get(req.socket);
    if (!state) return;
    state.active++;
    if (draining && !res.headersSent) res.setHeader('Connection', 'close');
    res.once('close', () => {
      state.active--;
      state.served++;
      // An answer whose headers went out before the drain began was keep-alive: end it here.
      if (draining && state.active === 0) req.socket.end();
    });
  });

  return {
    drain: async ({ graceMs = 20_000, freshGraceMs = 2_000, lingerMs = 100 } = {}) => {
      draining = true;
      // Node accepts about one waiting connection per turn of the event loop (measured: 2 of 5 after
      // two turns), so keep turning until three turns in a row accept nothing (and for `lingerMs`
      // at least; 5 s at most); connections accepted meanwhile are answered with `Connection: close`.
      const start = Date.now();
      let seen = acceptedTotal;
      let quiet = 0;
      while ((quiet < 3 || Date.now() - start < lingerMs) && Date.now() - start < 5000) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (acceptedTotal === seen) quiet++;
        else {
          quiet = 0;
          seen = acceptedTotal;
        }
      }
      const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
      for (const [socket, state] of sockets) if (state.active === 0 && state.served > 0) socket.end();
      // setImmediate after the timer: the poll phase between them reads whatever requests have
      // arrived, so a request waiting in the socket's buffer is seen before the socket counts as fresh.
      const fresh = setTimeout(() => setImmediate(() => {
        for (const [socket, state] of sockets) if (state.active === 0 && state.served === 0 && socket.bytesRead === 0) socket.end();
      }), freshGraceMs);
      const hard = setTimeout(() => {
        for (const socket of sockets.keys()) socket.destroy();
      }, graceMs);
      fresh.unref();
      hard.unref();
      try {
        await closed;
      } finally {
        clearTimeout(fresh);
        clearTimeout(hard);
      }
    },
  };
}
