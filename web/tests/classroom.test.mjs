// The classroom in a real browser: Debian's Chromium driven by Playwright
// loads the page from `cogov serve`, starts a lesson, moves a slider, checks
// that the trust chart turns as it should, and saves a screenshot.
//
// COGOV_BIN        the cogov program (default ../build/bin/cogov)
// COGOV_SCREENSHOT where to save the screenshot (default ../build/serve-classroom.png);
//                  the sized ones go beside it (serve-classroom-1366x768.png, ...)
// CHROMIUM         the browser (default /usr/bin/chromium)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const cogov = process.env.COGOV_BIN || join(root, 'build/bin/cogov');
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
const screenshot = process.env.COGOV_SCREENSHOT || join(root, 'build/serve-classroom.png');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

// Start `cogov serve` on a free loopback port; resolves to { url, server }.
function startServer() {
  const server = spawn(cogov, ['serve', '--port', '0', '--scenarios', join(root, 'scenarios')],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok, fail) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/open (http:\/\/\S+) in a browser/);
      if (m) ok({ url: m[1], server });
    });
    server.on('exit', (code) => fail(new Error(`cogov serve exited with ${code}: ${out}`)));
  });
}

// Where the page has got to, read from its own state and charts.
const pageState = (page) => page.evaluate(() => {
  const { state, charts, network } = window.cogovClassroom;
  return {
    step: state.status ? state.status.step : -1,
    playing: state.status ? state.status.playing : false,
    changes: state.status ? state.status.changes : [],
    // Residents' trust in government, as drawn: [[week, trust], ...]
    trust: (charts.trust.getOption().series[0] || { data: [] }).data,
    // The same line for the city left alone (the ghost) and the run before the reset.
    ghost: (charts.trust.getOption().series[1] || { data: [] }).data,
    previous: (charts.trust.getOption().series.find((x) => x.name.endsWith('(previous run)')) || { data: [] }).data,
    session: state.session,
    institutions: network.last ? network.last.institutions.length : 0,
    residents: network.last ? network.last.residents.length : 0,
  };
});

async function waitFor(page, what, predicate, timeout = 20000) {
  const end = Date.now() + timeout;
  for (;;) {
    const s = await pageState(page);
    if (predicate(s)) return s;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; page state: step ${s.step}`);
    await page.waitForTimeout(50);
  }
}

// Step one week at a time (exact) up to `week`.
async function stepTo(page, week) {
  let s = await pageState(page);
  while (s.step < week) {
    await page.click('#step');
    s = await waitFor(page, 'a step', (x) => x.step > s.step && x.trust.length === x.step);
  }
  assert.equal(s.step, week);
  return s;
}

// Play until the page shows at least `week`, then pause.
async function playPast(page, week) {
  await page.click('#play');
  await waitFor(page, `week ${week}`, (s) => s.step >= week && s.trust.length >= week);
  await page.click('#play');
  return waitFor(page, 'the pause', (s) => !s.playing && s.trust.length === s.step);
}

const trustAt = (s, week) => s.trust.find(([w]) => w === week)[1];

test('a lesson in the browser: slider moves the trust chart', { timeout: 110000 }, async (t) => {
  if (!existsSync(browserPath)) {
    console.error(`SKIPPED: browser test: no Chromium at ${browserPath} (scripts/install-deps.sh --with-browser installs it)`);
    t.skip(`no Chromium at ${browserPath}`);
    return;
  }
  assert.ok(existsSync(cogov), `no cogov program at ${cogov}: build first`);
  const { url, server } = await startServer();
  const profile = mkdtempSync(join(tmpdir(), 'cogov-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: browserPath, headless: true, args: FLAGS, viewport: { width: 1400, height: 1100 },
  });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => d.accept());  // "start this run over?" 
    await page.goto(url);
    await page.waitForSelector('#choice option[value="lesson:asymmetry"]', { state: 'attached' });
    await page.selectOption('#choice', 'lesson:asymmetry');
    await page.click('#start');
    await waitFor(page, 'the session', (s) => s.step === 0);
    assert.match(await page.textContent('#lesson-title'), /lost faster than it is gained/);
    await page.selectOption('#speed', '32');

    // Without a change, the lesson's trust in government falls ...
    const before = await stepTo(page, 20);
    assert.ok(before.institutions >= 2 && before.residents > 0, 'network view drawn');
    const unchanged = await playPast(page, 60);
    assert.ok(trustAt(unchanged, 60) < trustAt(unchanged, 1), 'trust falls in the lesson as set');

    // ... then, from the same week 20, with trust no longer lost on bad experiences.
    await page.click('#reset');
    await waitFor(page, 'the reset', (s) => s.step === 0 && s.trust.length === 0);
    await stepTo(page, 20);
    const slider = page.locator('input[name="trust.a_loss"]');
    await slider.focus();
    await page.keyboard.press('Home');
    await waitFor(page, 'the change', (s) => s.changes.some((c) => c.key === 'trust.a_loss' && c.value === 0));
    const changed = await playPast(page, 60);
    assert.equal(trustAt(changed, 20), trustAt(unchanged, 20), 'same run up to the change');
    assert.ok(trustAt(changed, 60) >= trustAt(changed, 21) - 0.002, 'trust stops falling once losses stop');
    assert.ok(trustAt(changed, 60) > trustAt(unchanged, 60) + 0.02, 'the chart sits above the unchanged run');
    // The ghost is the city left alone: here, the unchanged run, week by week.
    assert.equal(changed.ghost.find(([w]) => w === 60)[1], trustAt(unchanged, 60), 'ghost = the run without the change');
    assert.ok(changed.previous.length >= 60, 'the run before the reset stays as a dotted line');
    assert.equal(await page.isVisible('#monitor'), true, 'the difference monitor shows');

    // A reload comes back to the same run (session id in the URL).
    const id = changed.session;
    await page.reload();
    const back = await waitFor(page, 'the rejoin', (s) => s.session === id && s.step === changed.step);
    assert.equal(back.step, changed.step);

    const exported = await page.request.get(new URL('/api/sessions/', url).href + (await page.evaluate(() => window.cogovClassroom.state.session)) + '/export');
    assert.equal(exported.status(), 200);
    assert.equal((await exported.body()).subarray(1, 4).toString(), 'HDF', 'export is an HDF5 file');

    mkdirSync(dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: true });
    const sized = (w, h) => screenshot.replace(/\.png$/, `-${w}x${h}.png`);
    // Projector sizes in presentation mode: levers, shocks and the trust
    // chart on one screen; chart text at least 14 px.
    await page.click('#present');
    for (const [w, h] of [[1366, 768], [1920, 1080]]) {
      await page.setViewportSize({ width: w, height: h });
      await page.waitForTimeout(300);
      await page.evaluate(() => window.scrollTo(0, 0));
      const box = async (sel) => page.locator(sel).first().boundingBox();
      const chart = await box('#trust-chart'), shock = await box('#shocks button'), play = await box('#play');
      for (const [what, b] of [['trust chart', chart], ['shock button', shock], ['play', play]]) {
        assert.ok(b && b.y >= 0 && b.y + b.height <= h + 1, `${what} on screen at ${w}x${h}: ${JSON.stringify(b)}`);
      }
      const fonts = await page.evaluate(() => {
        const o = window.cogovClassroom.charts.trust.getOption();
        return [o.xAxis[0].axisLabel.fontSize, o.yAxis[0].axisLabel.fontSize, o.legend[0].textStyle.fontSize];
      });
      assert.ok(fonts.every((f) => f >= 14), `chart text >= 14 px: ${fonts}`);
      await page.screenshot({ path: sized(w, h) });
    }
    await page.click('#present');
    // A phone: nothing wider than the screen, the trust chart near the top.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    const phone = await page.evaluate(() => ({
      width: document.documentElement.scrollWidth,
      chartTop: document.getElementById('trust-chart').getBoundingClientRect().top + window.scrollY,
    }));
    assert.ok(phone.width <= 390, `nothing overflows at 390 px (page is ${phone.width} px wide)`);
    assert.ok(phone.chartTop < 844, `the trust chart starts on the first screen (at ${phone.chartTop} px)`);
    await page.screenshot({ path: sized(390, 844), fullPage: true });
    assert.deepEqual(errors, [], 'no errors in the page');
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    server.kill('SIGTERM');
  }
});
