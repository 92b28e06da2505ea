/**
 * The worker's Prometheus metrics (prom-client), on a registry of its own (not the global one,
 * so several apps in one process — tests — do not collide). Counters and histograms are fed by
 * the poll and delivery paths; designations per list and outbox depth are read from the store
 * at scrape time, so they are true whichever instance wrote them.
 *
 *   const metrics = createMetrics(store);
 *   metrics.pollFinished('csl', 'changed', 0.7);
 *   await metrics.registry.metrics();   // Prometheus text
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { OutboxStore, SnapshotStore } from '../../store/types.js';
import type { DeliveryObserver } from '../worker/deliver.js';

export interface Metrics extends DeliveryObserver {
  registry: Registry;
  /** A poll ended with `outcome` (PollOutcome status, or "busy" when another instance held it). */
  pollFinished(source: string, outcome: string, seconds: number): void;
  /** Whether this instance holds the source's poll lease now. */
  leaseHeld(source: string, held: boolean): void;
  /** One lookup (`/entity`, CLI) took `ms`. */
  lookup(ms: number): void;
}

export function createMetrics(store: Pick<SnapshotStore, 'listSourceStates' | 'countsByList'> & Pick<OutboxStore, 'deliveryCounts'>): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'entitywatch_process_' });
  const polls = new Counter({ name: 'entitywatch_polls_total', help: 'Polls by source and outcome', labelNames: ['source', 'outcome'], registers: [registry] });
  const pollSeconds = new Histogram({
    name: 'entitywatch_poll_duration_seconds',
    help: 'Poll duration by source',
    labelNames: ['source'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [registry],
  });
  const leases = new Gauge({ name: 'entitywatch_poll_lease_held', help: '1 while this instance holds the source poll lease', labelNames: ['source'], registers: [registry] });
  const deliverySeconds = new Histogram({
    name: 'entitywatch_delivery_latency_seconds',
    help: 'From alert creation to acceptance by the channel',
    labelNames: ['channel'],
    buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600],
    registers: [registry],
  });
  const deliveryFailures = new Counter({
    name: 'entitywatch_delivery_failures_total',
    help: 'Failed delivery attempts by channel and error code (HTTP status or error kind)',
    labelNames: ['channel', 'code'],
    registers: [registry],
  });
  const lookupSeconds = new Histogram({
    name: 'entitywatch_lookup_duration_seconds',
    help: 'Name lookups',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
    registers: [registry],
  });
  new Gauge({
    name: 'entitywatch_designations',
    help: 'Current designations per list (all sources)',
    labelNames: ['list'],
    registers: [registry],
    async collect() {
      this.reset();
      const totals = new Map<string, number>();
      for (const state of await store.listSourceStates()) {
        for (const [list, n] of Object.entries(await store.countsByList(state.source))) totals.set(list, (totals.get(list) ?? 0) + (n ?? 0));
      }
      for (const [list, n] of totals) this.set({ list }, n);
    },
  });
  new Gauge({
    name: 'entitywatch_outbox_rows',
    help: 'Outbox rows by state',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      for (const [state, n] of Object.entries(await store.deliveryCounts())) this.set({ state }, n);
    },
  });
  return {
    registry,
    pollFinished(source, outcome, seconds) {
      polls.inc({ source, outcome });
      pollSeconds.observe({ source }, seconds);
    },
    leaseHeld(source, held) {
      leases.set({ source }, held ? 1 : 0);
    },
    delivered(channel, latencyMs) {
      deliverySeconds.observe({ channel }, Math.max(0, latencyMs) / 1000);
    },
    failed(channel, code) {
      deliveryFailures.inc({ channel, code });
    },
    lookup(ms) {
      lookupSeconds.observe(ms / 1000);
    },
  };
}
