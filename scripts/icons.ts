/**
 * Draws the app icons (public/icons/*.png) from the favicon's design with Debian's chromium: the
 * manifest needs PNGs of 192 and 512 px, and a maskable one whose mark sits inside the central 80 %
 * (the safe zone a phone's mask never cuts). Run after changing the design: `tsx scripts/icons.ts`.
 */
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/support/browser';
import { projectRoot } from '../src/platform/paths';

const COLOUR = '#0b4f6c';
const svg = (size: number, maskable: boolean) => {
  // Maskable: full-bleed background, the letter scaled into the safe zone; otherwise the favicon's rounded square.
  const r = maskable ? 0 : size * 0.1875;
  const font = size * (maskable ? 0.5 : 0.625);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">` +
    `<rect width="${size}" height="${size}" rx="${r}" fill="${COLOUR}"/>` +
    `<text x="50%" y="${size / 2 + font * 0.36}" font-family="DejaVu Sans,Arial,sans-serif" font-size="${font}" font-weight="bold" fill="#fff" text-anchor="middle">T</text></svg>`;
};

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const out = path.join(projectRoot(), 'public', 'icons');
  for (const [name, size, maskable] of [['icon-192.png', 192, false], ['icon-512.png', 512, false], ['maskable-512.png', 512, true]] as const) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg(size, maskable)}</body></html>`);
    await page.screenshot({ path: path.join(out, name), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    await page.close();
    console.log(`public/icons/${name}`);
  }
  await browser.close();
}

void main();
