import { steppedRunClock } from '../../../local/runner/clocks';
import { scaledStreamTimers } from '../../../local/runner/stream-timers';
import { startSchedule } from '../../../local/runner/timers';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('startSchedule', () => {
  it('runs an immediate job at once and again every period, never two runs of one job at a time', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const schedule = startSchedule(
      [
        {
          name: 'scan',
          everyMs: 10,
          immediate: true,
          run: async () => {
            running += 1;
            maxRunning = Math.max(maxRunning, running);
            runs += 1;
            await wait(25); // slower than its period
            running -= 1;
          },
        },
      ],
      () => undefined,
    );
    await wait(150);
    await schedule.stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(maxRunning).toBe(1);
  });

  it('reports a failing run and keeps the schedule going', async () => {
    const errors: string[] = [];
    let runs = 0;
    const schedule = startSchedule(
      [
        {
          name: 'settle',
          everyMs: 5,
          immediate: true,
          run: async () => {
            runs += 1;
            throw new Error('store down');
          },
        },
      ],
      (job, err) => errors.push(`${job}: ${(err as Error).message}`),
    );
    await wait(60);
    await schedule.stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(errors[0]).toBe('settle: store down');
  });

  it('stop() waits for the run in flight, but no longer than the grace period', async () => {
    let finished = false;
    const schedule = startSchedule(
      [{ name: 'slow', everyMs: 1_000, immediate: true, run: () => wait(60).then(() => void (finished = true)) }],
      () => undefined,
    );
    await wait(10);
    await schedule.stop(1_000);
    expect(finished).toBe(true);

    const stuck = startSchedule(
      [{ name: 'stuck', everyMs: 1_000, immediate: true, run: () => new Promise(() => undefined) }],
      () => undefined,
    );
    await wait(10);
    const t = Date.now();
    await stuck.stop(100);
    expect(Date.now() - t).toBeLessThan(1_000);
  });

  it('does not start a job after stop()', async () => {
    let runs = 0;
    const schedule = startSchedule(
      [{ name: 'later', everyMs: 30, immediate: false, run: async () => void (runs += 1) }],
      () => undefined,
    );
    await schedule.stop();
    await wait(60);
    expect(runs).toBe(0);
  });
});

describe("the stream clients' timers on the run's clock", () => {
  it('stepped (--once): fire when the clock moves past them, in due order, after the scenario hears of it', () => {
    const clock = steppedRunClock(1_000_000);
    const seen: string[] = [];
    clock.onAdvance = (now) => seen.push(`clock ${now - 1_000_000}`);
    const t = clock.streamTimers;
    t.setTimeout(() => seen.push('watchdog 20 s'), 20_000);
    t.setTimeout(() => seen.push('ping 10 s'), 10_000);
    const cancelled = t.setTimeout(() => seen.push('never'), 15_000);
    t.clearTimeout(cancelled);
    clock.advanceTo(1_000_000 + 12_000);
    expect(seen).toEqual(['clock 12000', 'ping 10 s']);
    void clock.sleep(9_000); // a client's sleep moves the clock too
    expect(seen).toEqual(['clock 12000', 'ping 10 s', 'clock 21000', 'watchdog 20 s']);
  });

  it('scaled (--speed N): a timer of N simulated ms fires after N / speed real ms', async () => {
    const timers = scaledStreamTimers(50);
    const t0 = Date.now();
    await new Promise<void>((done) => timers.setTimeout(done, 1_000)); // 20 ms real
    expect(Date.now() - t0).toBeLessThan(900);
  });
});
