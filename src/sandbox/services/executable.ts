// Small scripts containerlings puts on the sandbox's PATH (the aws wrapper, the containerlings shim).
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes `dir/name` (mode 755) unless it already holds `script`, atomically; returns `dir`. */
export function installExecutable(dir: string, name: string, script: string): string {
  const file = join(dir, name);
  if (existsSync(file) && readFileSync(file, 'utf8') === script) return dir;
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, script);
  chmodSync(tmp, 0o755);
  renameSync(tmp, file);
  return dir;
}
