// The version of containerlings that is running, as recorded in results and bundles.

/** Replaced with package.json's version by the bundler (scripts/build.mjs); absent when run from source (tests). */
declare const CONTAINERLINGS_VERSION: string | undefined;

export const VERSION: string = typeof CONTAINERLINGS_VERSION === 'string' ? CONTAINERLINGS_VERSION : 'dev';
