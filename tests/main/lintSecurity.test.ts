import { describe, expect, it } from 'vitest';

interface Finding {
  issue: string;
  severity: string;
  file: string;
  sample: string;
}
interface LintSecurity {
  parseCsv(text: string): Finding[];
  classify(findings: Finding[]): { failing: Finding[]; reviewed: Finding[]; low: Finding[] };
}

// The script is plain ESM (it runs before any build); loaded by URL so TypeScript does not resolve it.
const script = new URL('../../scripts/lint-security.mjs', import.meta.url).href;
const load = () => import(/* @vite-ignore */ script) as Promise<LintSecurity>;

const CSV = `issue, severity, confidence, filename, location, sample, description, url
CSP_GLOBAL_CHECK,"LOW","FIRM","${process.cwd()}/src/renderer/index.html","5:0","default-src 'self', script-src 'self'","One or more CSP directives detected seems to be vulnerable",https://example.com/a
OPEN_EXTERNAL_JS_CHECK,"MEDIUM","TENTATIVE","${process.cwd()}/src/main/electron/security.ts","23:8","await shell.openExternal(url);","Review the use of openExternal",https://example.com/b
OPEN_EXTERNAL_JS_CHECK,"MEDIUM","TENTATIVE","${process.cwd()}/src/main/electron/other.ts","3:1","shell.openExternal(anything)","Review the use of openExternal",https://example.com/b
NODE_INTEGRATION_JS_CHECK,"HIGH","FIRM","${process.cwd()}/src/main/electron/createMainWindow.ts","32:17","const window = new BrowserWindow({","Disable nodeIntegration",https://example.com/c
`;

describe('npm run lint:security', () => {
  it('reads the scanner CSV (quoted commas included) and fails on HIGH/MEDIUM not reviewed, printing LOW', async () => {
    const { parseCsv, classify } = await load();
    const findings = parseCsv(CSV);
    expect(findings.map((f) => [f.issue, f.severity, f.file])).toEqual([
      ['CSP_GLOBAL_CHECK', 'LOW', 'src/renderer/index.html'],
      ['OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', 'src/main/electron/security.ts'],
      ['OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', 'src/main/electron/other.ts'],
      ['NODE_INTEGRATION_JS_CHECK', 'HIGH', 'src/main/electron/createMainWindow.ts'],
    ]);
    expect(findings[0].sample).toBe("default-src 'self', script-src 'self'");
    const { failing, reviewed, low } = classify(findings);
    // The reviewed call site passes; the same check elsewhere, and any HIGH, fail.
    expect(reviewed.map((f) => f.file)).toEqual(['src/main/electron/security.ts']);
    expect(failing.map((f) => f.issue)).toEqual(['OPEN_EXTERNAL_JS_CHECK', 'NODE_INTEGRATION_JS_CHECK']);
    expect(low.map((f) => f.issue)).toEqual(['CSP_GLOBAL_CHECK']);
  });

  it('refuses output without the CSV header', async () => {
    const { parseCsv } = await load();
    expect(() => parseCsv('something else\n')).toThrow(/no CSV header/);
  });
});
