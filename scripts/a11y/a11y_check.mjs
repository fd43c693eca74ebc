#!/usr/bin/env node
// Accessibility check of exported HTML pages: axe-core in a real headless Chromium.
//
//   node scripts/a11y/a11y_check.mjs FILE.html [FILE.html ...]
//
// Each page is checked four times: as it first shows, in dark mode, with
// `prefers-contrast: more` (the high-contrast styles), and with the skip link focused.
// Prints one JSON object on stdout: {"violations": [...], "checked": [...]}.
// Exit 0: no violations; 1: violations; 3: could not run (no Chromium, bad file...).
//
// Chromium: $CHROMIUM, else /usr/bin/chromium (Debian's package "chromium").
// Set up once: (cd scripts/a11y && npm ci)

import { mkdtempSync, rmSync, existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);

function fail(message) {
  process.stderr.write(`a11y_check: ${message}\n`);
  process.exit(3);
}

const files = process.argv.slice(2);
if (files.length === 0) fail("usage: node a11y_check.mjs FILE.html [FILE.html ...]");
for (const file of files) if (!existsSync(file)) fail(`no such file: ${file}`);

const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
if (!existsSync(executablePath)) fail(`Chromium not found at ${executablePath} (apt-get install chromium, or set CHROMIUM)`);

let puppeteer, axeSource;
try {
  puppeteer = (await import("puppeteer-core")).default;
  axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
} catch (err) {
  fail(`node modules missing (run: cd scripts/a11y && npm ci): ${err.message}`);
}

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
const VARIANTS = [
  { name: "default", features: [{ name: "prefers-color-scheme", value: "light" }] },
  { name: "dark", features: [{ name: "prefers-color-scheme", value: "dark" }] },
  { name: "high-contrast", features: [{ name: "prefers-contrast", value: "more" }] },
  { name: "skip-link-focused", features: [{ name: "prefers-color-scheme", value: "light" }], focusSkipLink: true },
];

const userDataDir = mkdtempSync(join(tmpdir(), "bone-guide-a11y-"));
let browser;
const report = { violations: [], checked: [] };
try {
  browser = await puppeteer.launch({
    executablePath,
    headless: true,
    userDataDir,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--disable-dev-shm-usage", "--no-default-browser-check",
    ],
    timeout: 60000,
  });
  for (const file of files) {
    const url = pathToFileURL(resolve(file)).href;
    for (const variant of VARIANTS) {
      const page = await browser.newPage();
      // Straight to the DevTools protocol: puppeteer's helper refuses prefers-contrast.
      const cdp = await page.createCDPSession();
      await cdp.send("Emulation.setEmulatedMedia", { media: "", features: variant.features });
      await page.goto(url, { waitUntil: "load", timeout: 60000 });
      if (variant.focusSkipLink) {
        await page.keyboard.press("Tab");
        const focused = await page.evaluate(() => document.activeElement?.className || "");
        if (!focused.includes("skip-link")) {
          report.violations.push({ page: file, variant: variant.name, id: "skip-link-first",
            impact: "serious", help: "The first Tab stop should be the skip link", nodes: [] });
        }
      }
      await page.evaluate(axeSource);
      const result = await page.evaluate(async (tags) => {
        // eslint-disable-next-line no-undef
        return await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
      }, TAGS);
      for (const v of result.violations) {
        report.violations.push({
          page: file, variant: variant.name, id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, summary: n.failureSummary })),
        });
      }
      report.checked.push({ page: file, variant: variant.name, rules: TAGS.join(","),
                            axe: result.testEngine?.version });
      await page.close();
    }
  }
} catch (err) {
  if (browser) await browser.close().catch(() => {});
  rmSync(userDataDir, { recursive: true, force: true });
  fail(`could not run the check: ${err.message}`);
}
await browser.close();
rmSync(userDataDir, { recursive: true, force: true });
process.stdout.write(JSON.stringify(report, null, 2) + "\n");
process.exit(report.violations.length ? 1 : 0);
