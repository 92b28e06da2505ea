import { describe, expect, it } from 'vitest';
import { checkBody, checkSnapshot, DEFAULT_GUARD } from '../../src/core/guard.js';
import { SnapshotRefusedError } from '../../src/errors.js';

function refusal(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    if (err instanceof SnapshotRefusedError) return err.code;
    throw err;
  }
}

describe('checkBody', () => {
  it.each([
    ['', null, 'empty'],
    ['   \n\t ', null, 'empty'],
    ['<!DOCTYPE html><html>', null, 'html'],
    ['\uFEFF<html lang="en">', null, 'html'],
    ['{"results":[]}', 'text/html; charset=utf-8', 'html'],
    ['{"results":[{"name":"x"}]}', 'application/json', null],
    ['_id,source,name\n1,2,3', 'text/csv', null],
  ])('%j (%s) → %s', (body, type, code) => {
    expect(refusal(() => checkBody(Buffer.from(body), type))).toBe(code);
  });
});

describe('checkSnapshot', () => {
  it('refuses an empty snapshot', () => {
    expect(refusal(() => checkSnapshot(0, {}, { EL: 10 }))).toBe('empty');
  });
  it('refuses removing more than the share of one list, even when the whole file barely shrinks', () => {
    // The May 2024 case: the SDN part of the CSL vanished while other lists stayed.
    expect(refusal(() => checkSnapshot(20_000, { SDN: 15_000 }, { SDN: 15_000, EL: 20_000 }))).toBe('mass-removal');
    expect(refusal(() => checkSnapshot(1000, { EL: 51 }, { EL: 1000 }))).toBe('mass-removal');
  });
  it('accepts ordinary delistings and small lists shrinking', () => {
    expect(refusal(() => checkSnapshot(1000, { EL: 50 }, { EL: 1000 }))).toBeNull();
    expect(refusal(() => checkSnapshot(1000, { CAP: 1 }, { CAP: 1 }))).toBeNull();
    expect(refusal(() => checkSnapshot(1000, { FSE: DEFAULT_GUARD.minRemovalsToRefuse - 1 }, { FSE: 10 }))).toBeNull();
  });
  it('uses the configured share', () => {
    expect(refusal(() => checkSnapshot(1000, { EL: 50 }, { EL: 1000 }, { maxRemovalShare: 0.01, minRemovalsToRefuse: 1 }))).toBe('mass-removal');
  });
});
