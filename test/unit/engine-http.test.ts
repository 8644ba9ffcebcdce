// The raw HTTP answers read from the engine's side (busybox nc) mean the same as fetch's: status, headers, body.
import { describe, expect, it } from 'vitest';
import { parseHttpResponse } from '../../src/sandbox/engine/http.js';

describe('parseHttpResponse', () => {
  it('reads the status and body of a plain answer, error statuses included', () => {
    const ok = parseHttpResponse('HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n5\n');
    expect(ok).toEqual({ status: 200, headers: { 'content-type': 'text/plain' }, body: '5\n' });
    const missing = parseHttpResponse('HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot here\n');
    expect([missing.status, missing.body]).toEqual([404, 'not here\n']);
  });

  it('keeps a body that itself holds blank lines, and decodes a chunked one', () => {
    expect(parseHttpResponse('HTTP/1.1 200 OK\r\n\r\na\r\n\r\nb').body).toBe('a\r\n\r\nb');
    const chunked = parseHttpResponse(
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n6\r\npedia \r\n0\r\n\r\n',
    );
    expect(chunked.body).toBe('Wikipedia ');
  });

  it('gives the Location of a redirect and status 0 for something that is not HTTP', () => {
    expect(parseHttpResponse('HTTP/1.1 302 Found\r\nLocation: /next\r\n\r\n').headers.location).toBe('/next');
    expect(parseHttpResponse('SSH-2.0-OpenSSH\r\n').status).toBe(0);
  });
});
