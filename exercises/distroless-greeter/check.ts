// distroless-greeter: :distroless is ≥10x smaller than :full, has no shell anywhere, runs as non-root, and still
// finds the CA certificates and time zone data the service needs.
import type { Check } from 'containerlings/kit';

const FULL = 'containerlings/greeter:full';
const LEAN = 'containerlings/greeter:distroless';
const MIN_RATIO = 10;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

const STATIC = 'Compile the greeter with -static (gcc -static ...): distroless/static has no C library and no loader.';

/** "no such file" when the binary is there: the kernel could not find the dynamic loader the binary names. */
const noLoader = (said: string) =>
  `${LEAN} does not start: "${said.slice(0, 120)}". If the binary is where ENTRYPOINT says, the missing file is ` +
  'the dynamic loader it asks for (ld-linux): it was linked dynamically, and distroless/static has no loader or libc.';

const check: Check = async (kit) => {
  const full = await kit.image(FULL);
  if (!full)
    return kit.diagnose(
      'no-full-image',
      `There is no ${FULL} to compare with.`,
      `Build it from the unchanged Dockerfile.full: docker build -t ${FULL} -f Dockerfile.full .`,
    );
  const lean = await kit.image(LEAN);
  if (!lean)
    return kit.diagnose('not-built', `There is no image ${LEAN} yet.`, `Build it: docker build -t ${LEAN} .`, {
      fullBytes: full.sizeBytes,
    });
  const ratio = full.sizeBytes / Math.max(lean.sizeBytes, 1);
  const evidence = {
    fullBytes: full.sizeBytes,
    distrolessBytes: lean.sizeBytes,
    full: mb(full.sizeBytes),
    distroless: mb(lean.sizeBytes),
    ratio: Math.round(ratio * 10) / 10,
    user: lean.user || 'root',
  };
  if (!kit.isNew(lean))
    return kit.diagnose(
      'built-before-start',
      `${LEAN} was built before you started this exercise.`,
      `Rebuild it: docker build -t ${LEAN} .`,
      evidence,
    );
  if (lean.id === full.id)
    return kit.diagnose(
      'same-as-full',
      `${LEAN} is the very same image as ${FULL}.`,
      'Change the Dockerfile into a multi-stage build whose last stage starts FROM containerlings/distroless-static:latest.',
      evidence,
    );
  // No shell anywhere: read from the image's files (never run), so a busybox or sh in any folder counts.
  const { shells } = await kit.audit(LEAN);
  if (shells.length > 0) {
    const where = shells.slice(0, 5).join(', ') + (shells.length > 5 ? `, and ${shells.length - 5} more` : '');
    return kit.diagnose(
      'has-shell',
      `${LEAN} still has a shell (${where}): whoever gets into the container can run commands with it.`,
      'Compile in a first stage (AS build), then start the last stage FROM containerlings/distroless-static:latest ' +
        'and COPY --from=build only the binary: no shell or busybox, in any folder.',
      { ...evidence, shells: shells.slice(0, 5).join(', ') },
    );
  }
  let report;
  try {
    report = await kit.run(LEAN, { cmd: ['--check'], timeout: 10 });
  } catch (e) {
    const why = String((e as Error)?.message ?? e);
    return kit.diagnose(
      /no such file/i.test(why) ? 'dynamically-linked' : 'does-not-start',
      /no such file/i.test(why) ? noLoader(why) : `${LEAN} does not start: ${why.slice(0, 200)}`,
      /no such file/i.test(why)
        ? STATIC
        : 'Keep ENTRYPOINT ["/usr/local/bin/greeter"] (exec form), pointing at where you copied the binary.',
      evidence,
    );
  }
  if (report.exitCode !== 0 && /no such file/i.test(report.stderr))
    return kit.diagnose('dynamically-linked', noLoader(report.stderr.trim()), STATIC, {
      ...evidence,
      exitCode: report.exitCode,
    });
  const out = report.stdout.trim();
  const facts = /uid=(\d+) ca_certs=(\d+) tzdata=(yes|no)/.exec(out);
  if (!facts) {
    return kit.diagnose(
      'no-report',
      `greeter --check did not report (exit ${report.exitCode}): "${(out || report.stderr.trim()).slice(0, 160)}".`,
      'The ENTRYPOINT must be the greeter binary, in exec form: ENTRYPOINT ["/usr/local/bin/greeter"].',
      evidence,
    );
  }
  const [, uid, certs, tz] = facts;
  Object.assign(evidence, { uid: Number(uid), caCerts: Number(certs), tzdata: tz });
  if (uid === '0')
    return kit.diagnose(
      'runs-as-root',
      `${LEAN} runs as root (uid 0).`,
      'distroless/static has a nonroot user (uid 65532): add USER nonroot to the final stage.',
      evidence,
    );
  if (certs === '0' || tz === 'no') {
    return kit.diagnose(
      'no-certs-or-tzdata',
      `In ${LEAN} the service finds ${certs === '0' ? 'no CA certificates' : ''}` +
        `${certs === '0' && tz === 'no' ? ' and ' : ''}${tz === 'no' ? 'no time zone data' : ''}: ` +
        'the final stage does not bring them (FROM scratch has neither).',
      'That is what distroless/static adds over scratch: start the final stage FROM containerlings/distroless-static:latest.',
      evidence,
    );
  }
  if (ratio < MIN_RATIO) {
    return kit.diagnose(
      'not-small-enough',
      `${LEAN} is ${mb(lean.sizeBytes)}, only ${ratio.toFixed(1)}x smaller than ${FULL} (${mb(full.sizeBytes)}); aim for ${MIN_RATIO}x.`,
      'Copy only the binary into the final stage, nothing else from the build stage.',
      evidence,
    );
  }
  return kit.pass(
    `${LEAN} is ${mb(lean.sizeBytes)} against ${mb(full.sizeBytes)} (${ratio.toFixed(0)}x smaller), ` +
      `has no shell, and runs as uid ${uid} with certificates and tzdata.`,
    evidence,
  );
};

export default check;
