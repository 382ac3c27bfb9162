/**
 * Preloaded into each benchmarked child (`node --require dist/scripts/bench-probe.js bin/tomguard.js ...`):
 * at exit it writes the process's own peak RSS and CPU time to the file named by
 * TOMGUARD_BENCH_PROBE, so the benchmark measures the CLI as users run it, without `/usr/bin/time`.
 */
import * as fs from 'node:fs';

const out = process.env.TOMGUARD_BENCH_PROBE;
if (out) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    fs.writeFileSync(out, JSON.stringify({ maxRssKB: usage.maxRSS, cpuMicros: usage.userCPUTime + usage.systemCPUTime }));
  });
}
