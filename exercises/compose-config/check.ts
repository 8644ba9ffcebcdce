// compose-config: the same image runs as two projects. cl-cfg-dev (docker-compose.yml + the override) serves site/
// live through a bind mount, says app_env=development and runs the debug profile's mail service; cl-cfg-prod (the
// production file alone) serves the image's own copy, says app_env=production and runs no mail. Both greet with the
// GREETING of .env, which the image does not carry: the settings came from outside, not from a rebuild.
import type { Check, CheckKit, ContainerFacts } from 'containerlings/kit';

const DEV = 'cl-cfg-dev';
const PROD = 'cl-cfg-prod';
const STARTER_GREETING = 'Hello';
const UP = {
  [DEV]: './compose --profile debug up -d --build',
  [PROD]: './compose -f docker-compose.yml -p cl-cfg-prod up -d --build',
};

const check: Check = async (kit) => {
  const dev = await runningWeb(kit, DEV);
  if (typeof dev === 'string') return kit.fail(dev, `Start development: ${UP[DEV]}`);
  const prod = await runningWeb(kit, PROD);
  if (typeof prod === 'string') return kit.fail(prod, `Start production: ${UP[PROD]}`);

  const greeting = dotenv((await kit.readFile('.env')) ?? '').GREETING;
  const evidence: Record<string, string> = { envFileGreeting: greeting ?? '(none)' };
  if (!greeting || greeting === STARTER_GREETING)
    return kit.fail(
      greeting
        ? `.env still has the starter's greeting, ${STARTER_GREETING}.`
        : '.env has no GREETING, so the greeting cannot come from there.',
      'Add a greeting of your own to .env (GREETING=Welcome aboard), use it in docker-compose.yml ' +
        '(GREETING: ${GREETING}), then start both projects again with ./compose ... up -d.',
      evidence,
    );
  const image = await kit.image(prod.web.imageId);
  const baked = image?.env.GREETING;
  if (baked !== undefined) evidence.imageGreeting = baked;
  if (baked !== undefined && baked !== '') {
    return kit.diagnose(
      'baked-into-image',
      `The image containerlings/config-web carries GREETING=${baked} (an ENV line in the Dockerfile): changing ` +
        'the greeting then takes a rebuild, and every environment gets the same one.',
      'Remove the ENV GREETING line from the Dockerfile and rebuild once; set the greeting in .env and pass it in ' +
        'docker-compose.yml: GREETING: ${GREETING}.',
      evidence,
    );
  }
  const settings = { dev: await settingsOf(kit, dev.url), prod: await settingsOf(kit, prod.url) };
  for (const [name, s] of Object.entries(settings)) {
    evidence[`${name}Settings`] = s.raw.slice(0, 160);
    if (s.greeting === undefined)
      return kit.fail(
        `The ${name} project's /cgi-bin/settings did not answer as it should: ${s.raw.slice(0, 160)}`,
        `See ./compose logs web (with -p ${name === 'dev' ? DEV : PROD} for that project).`,
        evidence,
      );
  }
  for (const [name, s] of Object.entries(settings)) {
    if (s.greeting !== greeting) {
      return kit.diagnose(
        'env-not-used',
        `The ${name} project greets with "${s.greeting}", but .env says GREETING=${greeting}. Compose reads .env ` +
          'only to fill in ${...} in the Compose files; a value written out in the YAML wins.',
        'In docker-compose.yml write GREETING: ${GREETING} under web, environment; then start both projects again.',
        evidence,
      );
    }
  }

  // Production: the production file alone, the image's own copy of the site, no debugging tools.
  const prodMount = await siteMount(kit, prod.web);
  if (prodMount || settings.prod.appEnv !== 'production') {
    return kit.diagnose(
      'prod-uses-override',
      `The production project ${prodMount ? `mounts ${prodMount.source} over /www` : 'runs'} with ` +
        `app_env=${settings.prod.appEnv || '(unset)'}: it read docker-compose.override.yml, which Compose merges ` +
        'in whenever no file is named.',
      `Start production with the production file alone: ${UP[PROD]}`,
      evidence,
    );
  }
  const prodMail = (prod.project.services.mail ?? []).filter((c) => c.running);
  if (prodMail.length) {
    return kit.diagnose(
      'debug-in-prod',
      `The production project runs the mail catcher (${prodMail[0].name}), a development tool.`,
      'Under mail, add profiles: ["debug"]; then ./compose -f docker-compose.yml -p cl-cfg-prod up -d ' +
        '--remove-orphans (or down and up again) so that production runs without it.',
      evidence,
    );
  }

  // Development: the override on top, the source live from site/, the debug profile asked for.
  const devMount = await siteMount(kit, dev.web);
  if (!devMount) {
    const www = dev.web.mounts.find((m) => m.destination === '/www');
    return kit.diagnose(
      'dev-not-bind-mounted',
      www
        ? `In development, /www is a ${www.type} (${www.source}), not your site/ folder: an edit of site/ never ` +
            'reaches the container.'
        : 'In development, web serves the copy of site/ baked into the image: every edit would take a rebuild.',
      'In docker-compose.override.yml, under web: volumes: - ./site:/www (a bind mount of the folder); then ' +
        `${UP[DEV]}.`,
      evidence,
    );
  }
  if (settings.dev.appEnv !== 'development')
    return kit.fail(
      `The development project says app_env=${settings.dev.appEnv || '(unset)'}, not development.`,
      `Keep APP_ENV: development in docker-compose.override.yml, and start development without -f: ${UP[DEV]}`,
      evidence,
    );
  const page = await kit.http(`${dev.url}/index.html`);
  const onDisk = await kit.readFile('site/index.html');
  if (onDisk === undefined || page.body.trim() !== onDisk.trim())
    return kit.fail(
      "The development project's page is not the site/index.html on your disk.",
      `Mount ./site over /www in docker-compose.override.yml, then ${UP[DEV]}.`,
      evidence,
    );
  if (!(dev.project.services.mail ?? []).some((c) => c.running))
    return kit.fail(
      'The development project runs no mail catcher: the debug profile was not asked for.',
      `Start development with the profile: ${UP[DEV]} (or COMPOSE_PROFILES=debug in the environment).`,
      evidence,
    );
  return kit.pass(
    `Both projects greet with "${greeting}" from .env. Development serves site/ live (${devMount.source}) with ` +
      'the mail catcher; production runs the image alone, without it.',
    evidence,
  );
};

interface Web {
  readonly project: NonNullable<Awaited<ReturnType<CheckKit['composeProject']>>>;
  readonly web: ContainerFacts;
  readonly url: string;
}

/** The project's running web container and its loopback URL, or what is missing. */
async function runningWeb(kit: CheckKit, name: string): Promise<Web | string> {
  const project = await kit.composeProject(name);
  if (!project) return `There is no Compose project ${name} on the engine.`;
  const web = (project.services.web ?? []).find((c) => c.running);
  if (!web) return `${name} has no running web container (./compose -p ${name} ps, and logs web, say why).`;
  const binding = web.ports.find((p) => p.containerPort === '8080/tcp' && p.hostPort > 0);
  if (!binding) return `${name}'s web publishes no port for 8080, so nothing on your machine reaches it.`;
  if (!binding.hostIp.startsWith('127.'))
    return `${name}'s web is published on ${binding.hostIp || '0.0.0.0'}, which anyone on your network can reach: use 127.0.0.1::8080.`;
  return { project, web, url: `http://127.0.0.1:${binding.hostPort}` };
}

/** The bind mount of the exercise's site/ folder at /www, if the container has one. */
async function siteMount(kit: CheckKit, web: ContainerFacts) {
  const www = web.mounts.find((m) => m.destination === '/www' && m.type === 'bind');
  return www && (await kit.isExerciseFile(www.source, 'site')) ? www : undefined;
}

/** What /cgi-bin/settings says: greeting is undefined when it did not answer as the site does. */
async function settingsOf(kit: CheckKit, url: string) {
  const answer = await kit.http(`${url}/cgi-bin/settings`);
  const raw = answer.status === 200 ? answer.body : `HTTP ${answer.status}: ${answer.body}`;
  const value = (key: string) => raw.match(new RegExp(`^${key}=(.*)$`, 'm'))?.[1]?.trim();
  return { raw, greeting: answer.status === 200 ? value('greeting') : undefined, appEnv: value('app_env') ?? '' };
}

/** KEY=value lines of a .env file (quotes around a value removed; comments and blank lines skipped). */
function dotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (m) out[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

export default check;
