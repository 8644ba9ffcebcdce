// adder: containerlings/adder runs as cl-adder, published on 127.0.0.1 only, and adds numbers over HTTP.
import type { Check, CheckKit, ContainerFacts, Evidence } from 'containerlings/kit';

const IMAGE = 'containerlings/adder';
const BASE = 'containerlings/busybox';
const NAME = 'cl-adder';
const PORT = '8080/tcp';

const check: Check = async (kit) => {
  const image = await kit.image(IMAGE);
  if (!image) {
    return kit.diagnose(
      'not-built',
      `There is no image called ${IMAGE} yet.`,
      `Build it from the adder folder: docker build -t ${IMAGE} .`,
    );
  }
  const evidence: Evidence = { image: shortId(image.id), exposed: image.exposedPorts.join(' ') || 'none' };
  if (!kit.isNew(image)) {
    return kit.diagnose(
      'built-before-start',
      `${IMAGE} was built before you started this exercise.`,
      `Rebuild it: docker build -t ${IMAGE} . (if Docker reuses an old build from its cache, add --no-cache)`,
      evidence,
    );
  }
  const base = await kit.image(BASE);
  if (base?.id === image.id) {
    return kit.diagnose(
      'adds-nothing',
      `${IMAGE} is just the base image: the Dockerfile adds nothing after FROM.`,
      'Do the TODOs in the Dockerfile, then rebuild.',
      evidence,
    );
  }
  if (!image.exposedPorts.some((p) => normalPort(p) === PORT)) {
    return kit.diagnose(
      'not-exposed',
      `${IMAGE} does not declare port 8080.`,
      'Add EXPOSE 8080 to the Dockerfile: it documents where the service listens. Then rebuild.',
      evidence,
    );
  }

  const container = await kit.container(NAME);
  if (!container) {
    return kit.diagnose(
      'not-started',
      `There is no container named ${NAME}.`,
      `Run it in the background: docker run -d --name ${NAME} -p 127.0.0.1:8080:8080 ${IMAGE}`,
      evidence,
    );
  }
  Object.assign(evidence, {
    container: container.id.slice(0, 12),
    status: container.status,
    ports: describePorts(container),
  });
  if (container.imageId !== image.id) {
    return kit.diagnose(
      'runs-old-build',
      `${NAME} runs an older build (${shortId(container.imageId)}), not the current ${IMAGE} (${shortId(image.id)}).`,
      `A container keeps the image it was created from. Replace it: docker rm -f ${NAME}, then docker run again.`,
      evidence,
    );
  }
  if (!container.running) {
    return kit.diagnose(
      'not-running',
      `${NAME} is not running (${container.status}, exit code ${container.exitCode}): its main process ended.`,
      `See why with docker logs ${NAME}. httpd needs -f to stay in the foreground; without it, ` +
        'it moves to the background and the container stops.',
      { ...evidence, exitCode: container.exitCode },
    );
  }

  const bindings = container.ports.filter((p) => normalPort(p.containerPort) === PORT && p.hostPort > 0);
  const loopback = bindings.find((p) => p.hostIp.startsWith('127.'));
  // Loopback only: one more binding on all addresses (or a LAN address) opens the service to the network anyway.
  const open = bindings.filter((p) => !p.hostIp.startsWith('127.') && p.hostIp !== '::1');
  const republish =
    `Publish it on loopback only when you create the container: docker rm -f ${NAME}, ` +
    `then docker run -d --name ${NAME} -p 127.0.0.1:8080:8080 ${IMAGE}`;
  if (open.length > 0) {
    return kit.diagnose(
      'published-publicly',
      `Port 8080 of ${NAME} is published on ${open.map((b) => `${b.hostIp || '0.0.0.0'}:${b.hostPort}`).join(', ')}` +
        `${loopback ? ' (as well as on loopback)' : ''}, which anyone on your network can reach.`,
      republish,
      evidence,
    );
  }
  if (!loopback) {
    return kit.diagnose(
      'not-published',
      `Port 8080 of ${NAME} is not published on 127.0.0.1: nothing on the host's loopback leads to it.`,
      republish,
      evidence,
    );
  }

  const base_url = `http://127.0.0.1:${loopback.hostPort}/cgi-bin/add`;
  for (const [a, b] of questions()) {
    const url = `${base_url}?a=${a}&b=${b}`;
    const answer = await ask(kit, url);
    const asked = { ...evidence, url, expected: String(a + b) };
    if ('error' in answer) {
      return kit.diagnose(
        'no-answer',
        `Could not get an answer from ${url}: ${answer.error}.`,
        `Is httpd listening on port 8080 inside the container? Look at docker logs ${NAME}.`,
        asked,
      );
    }
    const body = answer.body.trim();
    const got = { ...asked, httpStatus: answer.status, body: clip(body) };
    if (answer.status === 404) {
      // busybox httpd also says 404 for a script that is there but not executable: look inside to tell which.
      const there = await kit.exec(NAME, ['test', '-f', '/www/cgi-bin/add']);
      return there.exitCode === 0
        ? kit.diagnose(
            'not-executable',
            `${url} answered 404 Not Found: /www/cgi-bin/add is in the image but not executable, so httpd will not run it.`,
            'Add RUN chmod +x /www/cgi-bin/add after the COPY, rebuild, and replace the container.',
            got,
          )
        : kit.diagnose(
            'script-missing',
            `${url} answered 404 Not Found: there is no /www/cgi-bin/add in ${NAME}.`,
            'Check the COPY in your Dockerfile, rebuild, and replace the container.',
            got,
          );
    }
    if (answer.status !== 200) {
      return kit.diagnose(
        'http-error',
        `${url} answered HTTP ${answer.status}.`,
        'httpd runs only executable CGI scripts: does the Dockerfile chmod +x /www/cgi-bin/add? Rebuild and replace the container.',
        got,
      );
    }
    if (body !== String(a + b)) {
      return kit.diagnose(
        body === `${a}${b}` ? 'glues-text' : 'wrong-sum',
        `Asked for ${a} + ${b}, expected ${a + b}, got "${clip(body)}".`,
        wrongSumHint(a, b, body),
        got,
      );
    }
  }
  return kit.pass(`${NAME} answers on 127.0.0.1:${loopback.hostPort} and adds correctly, negative numbers included.`, {
    ...evidence,
    url: base_url,
  });
};

/** Three sums with fresh numbers each time, so no fixed answer can pass: positive, negative first, negative second. */
function questions(): [number, number][] {
  const n = () => 10 + Math.floor(Math.random() * 990);
  return [
    [n(), n()],
    [-n(), n()],
    [n(), -n()],
  ];
}

async function ask(kit: CheckKit, url: string): Promise<{ status: number; body: string } | { error: string }> {
  try {
    const response = await kit.http(url);
    // The kit reports "nothing answered" as status 0, with the reason in the body.
    return response.status === 0 ? { error: response.body.replace(/^no answer:\s*/, '') || 'no answer' } : response;
  } catch (e) {
    if (kit.signal.aborted) throw e;
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

function wrongSumHint(a: number, b: number, body: string): string {
  if (body === `${a}${b}`)
    return 'The script glues the numbers together as text. Let the shell do arithmetic: $((a + b)).';
  if (body === String(a - b)) return 'That is a - b. The service must add: $((a + b)).';
  if (body === 'TODO') return 'Finish the TODO in cgi-bin/add, rebuild, and replace the container.';
  return (
    'The script must print the sum of the a and b it was given, whatever they are; test it with your own numbers, ' +
    'including negative ones.'
  );
}

function normalPort(port: string): string {
  return port.includes('/') ? port : `${port}/tcp`;
}

function describePorts(container: ContainerFacts): string {
  return container.ports.map((p) => `${p.hostIp || '0.0.0.0'}:${p.hostPort}->${p.containerPort}`).join(', ') || 'none';
}

function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

function clip(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export default check;
