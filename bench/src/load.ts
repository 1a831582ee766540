/** Load generation with autocannon over loopback, and latency percentiles of sequential requests. */
import autocannon, { type Request, type Result } from "autocannon";

export type LoadFigures = { rps: number; p50: number; p99: number; ok: number; failed: number; statuses: string };

/**
 * Runs `connections` connections for `seconds` against `url` from a worker thread; `requests`
 * (if given) are cycled per connection.
 */
export async function load(
  url: string,
  options: { connections: number; seconds: number; requests?: Request[]; expectStatus?: number },
): Promise<LoadFigures> {
  const result: Result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    timeout: 30,
    // The load generator runs in its own thread so that it does not share the server's event loop.
    workers: 1,
    ...(options.requests ? { requests: options.requests } : {}),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result["2xx"],
    failed: result.non2xx + result.errors + result.timeouts,
    statuses: Object.entries(result.statusCodeStats ?? {})
      .map(([code, { count }]) => `${code}×${count}`)
      .concat(result.errors ? [`errors×${result.errors}`] : [])
      .join(" "),
  };
}

export type Percentiles = { n: number; p50: number; p95: number; p99: number; mean: number };

/** The p-th percentile (nearest rank) of sorted values. */
export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

/**
 * Sends `count` GET requests with `concurrency` in flight (after `warmup` unmeasured ones), or as
 * many as fit in `maxSeconds`, and returns latency percentiles measured at the client, in ms.
 */
export async function timeRequests(
  urls: string[],
  headers: Record<string, string>,
  options: { count: number; concurrency: number; warmup: number; maxSeconds: number },
): Promise<Percentiles> {
  const once = async (url: string) => {
    const started = performance.now();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
    return performance.now() - started;
  };
  for (let i = 0; i < options.warmup; i++) await once(urls[i % urls.length] as string);
  const times: number[] = [];
  let next = 0;
  const deadline = performance.now() + options.maxSeconds * 1000;
  const worker = async () => {
    while (next < options.count && performance.now() < deadline) {
      const i = next++;
      times.push(await once(urls[i % urls.length] as string));
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return percentiles(times);
}

/** Percentiles (nearest rank) and the mean of latencies in ms. */
export function percentiles(times: number[]): Percentiles {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
  };
}
