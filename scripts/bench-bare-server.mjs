// The baseline of `npm run bench:collector`: a bare Node HTTP server that reads the body and
// answers 201 without any work, on the port given.
import { createServer } from 'node:http';

createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(201, { 'Content-Type': 'application/json' });
    response.end('{"status":"stored"}');
  });
}).listen(Number(process.argv[2]), '127.0.0.1', () => process.send?.('ready'));
