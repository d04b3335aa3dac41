import { z } from 'zod';

// zod probes `new Function` once to decide whether to compile its parsers; under the page's CSP
// (no 'unsafe-eval') the probe is refused and reported as a CSP violation, which would hide a real
// one. Parse without compiling. Imported first by main.tsx, before any module parses anything.
z.config({ jitless: true });
