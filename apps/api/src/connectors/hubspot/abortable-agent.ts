import * as http from 'node:http';
import * as https from 'node:https';

/**
 * An HTTP agent whose connections are destroyed when `signal` aborts, so a HubSpot request is
 * really cancelled (the server sees the connection close), not just abandoned.
 *
 * Why an agent: @hubspot/api-client 13 cannot take a signal. Its fetch wrapper
 * (codegen/.../http/isomorphic-fetch.js) hands node-fetch only url, method, body, headers and
 * `agent`, and the generated ObservableAPI sends through the client's own `httpApi` even when a
 * call passes another one. The configured `httpAgent` is the one thing that reaches the socket.
 */
export function abortableAgent(baseUrl: string, signal: AbortSignal): http.Agent {
  const agent: http.Agent = baseUrl.startsWith('https:') ? new https.Agent() : new http.Agent();
  const connect = agent.createConnection.bind(agent);
  agent.createConnection = (options, callback) => {
    const socket = connect(options, callback);
    const destroy = () => socket?.destroy();
    // A connection opened after the abort (a refresh-and-retry) is closed before it sends.
    if (signal.aborted) destroy();
    else signal.addEventListener('abort', destroy, { once: true });
    socket?.once('close', () => signal.removeEventListener('abort', destroy));
    return socket;
  };
  return agent;
}
