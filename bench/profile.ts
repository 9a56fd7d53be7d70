/**
 * CPU profiles of the server under load (issue 18 item 3), and their top costs.
 *
 * `profiled(name, fn)`: when BENCH_CPU_PROFILE names a folder, the V8 sampling profiler of
 * this thread (the server's: the benches run their load generators in a worker thread or a
 * child process) runs while `fn` does, the profile is written to `<folder>/<name>.cpuprofile`
 * (open it in Chrome DevTools or speedscope) and its summary is printed to stderr. The same as
 * `node --cpu-prof`, limited to the measured phase, so set-up and data loading stay out.
 *
 * `node dist/bench/profile.js <file.cpuprofile> [top]` prints the summary of a saved profile.
 *
 * The summary: self time by area (a package under node_modules, a folder of src/, Node's
 * internals, the garbage collector, idle) and by function, as shares of the sampled time.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join, sep } from 'node:path';
import { markdownTable } from './support';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Run `fn` under the sampling profiler when BENCH_CPU_PROFILE is set; else just run it. */
export async function profiled<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_CPU_PROFILE;
  if (!dir) return fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    session.disconnect();
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${name}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    process.stderr.write(`\nCPU profile of ${name}: ${file}\n\n${summarize(profile, 15)}\n`);
  }
}

/** Where a function lives: a package, a folder of src/, Node's internals, or V8's pseudo-frames. */
export function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf(`node_modules${sep}`);
  if (nm >= 0) {
    const parts = path.slice(nm + 'node_modules/'.length).split(sep);
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (path.startsWith('node:')) return 'node';
  const src = /[/\\](src|bench)[/\\]([^/\\]+)[/\\]?/.exec(path);
  if (src) return src[2]!.endsWith('.js') ? `${src[1]}/` : `${src[1]}/${src[2]}`;
  return path;
}

/** Self time by area and by function, as markdown tables (top `top` rows each). */
export function summarize(profile: CpuProfile, top = 15): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0) || 1;
  const areas = new Map<string, number>();
  const functions = new Map<string, { area: string; us: number }>();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const file = url ? url.split(/[/\\]/).slice(-1)[0] : '';
    const key = `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`;
    const f = functions.get(key) ?? { area, us: 0 };
    f.us += us;
    functions.set(key, f);
  }
  const pct = (us: number): string => `${((100 * us) / total).toFixed(1)} %`;
  const busy = total - (areas.get('(idle)') ?? 0);
  const topAreas = [...areas.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  const topFunctions = [...functions.entries()].sort((a, b) => b[1].us - a[1].us).slice(0, top);
  return [
    `Sampled ${(total / 1e6).toFixed(1)} s of this thread, busy ${pct(busy)}.`,
    '',
    markdownTable(['area (self time)', 'share'], topAreas.map(([a, us]) => [a, pct(us)])),
    '',
    markdownTable(['function (self time)', 'area', 'share'], topFunctions.map(([k, f]) => [k, f.area, pct(f.us)])),
  ].join('\n');
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: node dist/bench/profile.js <file.cpuprofile> [top]\n');
    process.exit(2);
  }
  process.stdout.write(`${summarize(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(top ?? 20))}\n`);
}
