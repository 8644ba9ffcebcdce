// The Debian mirror debootstrap uses is the host apt's, read from sources.list or deb822 .sources files.
import { describe, expect, it } from 'vitest';
import { cacheHome, FALLBACK_MIRROR, mirrorFromSources, rootfsTarball } from '../../src/sandbox/images/rootfs.js';
import type { RootfsRecipe } from '../../src/sandbox/images/catalog.js';

describe('mirrorFromSources', () => {
  it('takes the base archive from a one-line sources.list, skipping security and comments', () => {
    const list =
      '# deb http://old.example/debian bookworm main\ndeb http://security.debian.org/debian-security bookworm-security main\ndeb [arch=amd64] http://ftp.fr.debian.org/debian/ bookworm main\n';
    expect(mirrorFromSources([list])).toBe('http://ftp.fr.debian.org/debian');
  });

  it('reads deb822 stanzas and skips disabled ones and deb-src', () => {
    const sources = [
      'Types: deb\nURIs: http://disabled.example/debian\nSuites: bookworm\nEnabled: no',
      'Types: deb-src\nURIs: http://src.example/debian\nSuites: bookworm',
      'Types: deb\nURIs: http://deb.debian.org/debian-security\nSuites: bookworm-security',
      'Types: deb\n# a comment\nURIs: http://mirror.example.org/debian\nSuites: bookworm bookworm-updates\nComponents: main',
    ].join('\n\n');
    expect(mirrorFromSources([sources])).toBe('http://mirror.example.org/debian');
  });

  it('falls back to deb.debian.org when apt points elsewhere (an Ubuntu host) or nowhere', () => {
    expect(mirrorFromSources(['deb http://archive.ubuntu.com/ubuntu noble main\n'])).toBe(FALLBACK_MIRROR);
    expect(mirrorFromSources([])).toBe('http://deb.debian.org/debian');
  });
});

describe('rootfs cache', () => {
  const recipe: RootfsRecipe = {
    kind: 'rootfs',
    suite: 'bookworm',
    variant: 'minbase',
    include: ['gcc', 'libc6-dev'],
    changes: [],
    requires: 'debootstrap',
  };

  it('lives under XDG_CACHE_HOME, else ~/.cache, and is named by what goes into the rootfs', () => {
    expect(cacheHome({ XDG_CACHE_HOME: '/c' })).toBe('/c/containerlings');
    expect(cacheHome({ HOME: '/h' })).toMatch(/\.cache\/containerlings$/);
    const a = rootfsTarball('base/toolchain', recipe, { XDG_CACHE_HOME: '/c' });
    expect(a).toMatch(/^\/c\/containerlings\/rootfs\/base-toolchain-bookworm-[0-9a-f]{12}\.tar$/);
    // Package order does not matter; the package list does. Import-time changes (CMD, ENV) do not.
    expect(
      rootfsTarball(
        'base/toolchain',
        { ...recipe, include: ['libc6-dev', 'gcc'], changes: ['CMD ["sh"]'] },
        { XDG_CACHE_HOME: '/c' },
      ),
    ).toBe(a);
    expect(rootfsTarball('base/toolchain', { ...recipe, include: ['gcc'] }, { XDG_CACHE_HOME: '/c' })).not.toBe(a);
  });
});
