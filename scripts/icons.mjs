// Renders public/favicon.svg into the PNG icons the web manifest lists (some install prompts and launchers take no
// SVG), with the Debian chromium the browser tests drive. Run by hand after changing the SVG: node scripts/icons.mjs
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { findChromium } from './chromium.mjs';

const SIZES = [192, 512];
const executablePath = findChromium();
if (!executablePath) {
  console.error(
    'icons: no chromium found (sudo apt-get install -y chromium, or set CHROMIUM_PATH); the PNGs were not changed',
  );
  process.exit(1);
}
const svg = readFileSync(new URL('../public/favicon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    await page.screenshot({
      path: new URL(`../public/icon-${size}.png`, import.meta.url).pathname,
      omitBackground: true,
    });
    await page.close();
    console.log(`icons: public/icon-${size}.png`);
  }
} finally {
  await browser.close();
}
