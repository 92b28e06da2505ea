/**
 * cheerio, loaded on first use: it costs ~16 MB and ~0.25 s to load, and only installs that watch
 * a page should pay that (every command reads the config, and the config checks selectors).
 */
import { createRequire } from 'node:module';
import type { CheerioAPI } from 'cheerio';

const requireLazily = createRequire(import.meta.url);

/** cheerio's `load(html)`. */
export function loadHtml(html: string): CheerioAPI {
  return (requireLazily('cheerio') as typeof import('cheerio')).load(html);
}
