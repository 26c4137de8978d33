import { chromium } from 'playwright-core';

/**
 * Dev tool: screenshots of pages as a signed-in demo user, at phone and desktop widths.
 * Usage: tsx scripts/screenshot.ts <baseUrl> <email> <outDir> <path> [path…]
 */
async function run() {
  const [base, email, outDir, ...paths] = process.argv.slice(2);
  if (!base || !email || !outDir) throw new Error('usage: screenshot.ts <baseUrl> <email> <outDir> <path>…');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  for (const [label, width, height] of [['phone', 360, 740], ['desktop', 1280, 900]] as const) {
    const page = await browser.newPage({ viewport: { width, height } });
    await page.goto(`${base}/login`);
    await page.getByLabel(/Email/).first().fill(email);
    await page.getByLabel(/Kata sandi|Password/).first().fill('takaru-demo');
    await page.getByRole('button', { name: /Masuk|Log in/ }).click();
    for (const p of paths) {
      await page.goto(base + p);
      const name = `${outDir}/${label}${p.replace(/[^a-z0-9]+/gi, '_')}.png`;
      await page.screenshot({ path: name, fullPage: true });
      process.stdout.write(name + '\n');
    }
    await page.close();
  }
  await browser.close();
}

run().catch((err) => {
  process.stderr.write(String(err) + '\n');
  process.exit(1);
});
