declare const CPX_VERSION: string | undefined;
// Replaced at build time; tests that import lib/ directly see the fallback.
export const VERSION: string = typeof CPX_VERSION === 'string' ? CPX_VERSION : '0.0.0-dev';
